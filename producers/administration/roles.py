"""Admin roles as Django groups with model permissions: the one list of who may do what."""

from __future__ import annotations

VERIFIER = "verifier"
PROGRAMME_MANAGER = "programme manager"
COMMERCE_OPS = "commerce ops"

# Gate for each kind of licence action (checked by the admin views).
PERM_VIEW = "partner.view_licence"
PERM_VERIFY = "partner.verify_licence"
PERM_SUSPEND = "partner.suspend_licence"
PERM_STATISTICS = "partner.view_programme_statistics"
PERM_FULFILMENTS = "order.view_producerfulfilment"
# Refunds and order changes happen in Oscar's dashboard; they need this permission.
PERM_REFUND = "order.change_order"

_VERIFIER_PERMS = [
    "wagtailadmin.access_admin",
    "partner.view_partner",
    "partner.view_licence",
    "partner.verify_licence",
    "partner.view_licenceapproval",
    "partner.change_licenceapproval",
    "partner.view_licencedocument",
    "partner.view_licenceevent",
    "partner.view_programme",
    "partner.view_programmepackage",
    "partner.view_authority",
]

_CONFIGURATION = [
    f"partner.{action}_{model}"
    for model in ("programme", "programmepackage", "authority")
    for action in ("add", "change", "delete")
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    VERIFIER: _VERIFIER_PERMS,
    PROGRAMME_MANAGER: [
        *_VERIFIER_PERMS,
        *_CONFIGURATION,
        "partner.suspend_licence",
        "partner.view_programme_statistics",
        "order.view_producerfulfilment",
    ],
    # Oscar's dashboard shows every order only to is_staff users; the group gives the rights.
    # The Wagtail admin only for "Orders to review" (open orders of suspended producers).
    COMMERCE_OPS: [
        "wagtailadmin.access_admin",
        "order.view_order",
        "order.change_order",
        "order.view_line",
        "order.view_producerfulfilment",
        "order.change_producerfulfilment",
        "order.view_ledgerentry",
        "catalogue.view_product",
        "catalogue.change_product",
    ],
}


def roles_sync(*, group_model=None, permission_model=None) -> dict[str, list[str]]:
    """Create the three role groups and give each exactly its permissions; report missing."""
    if group_model is None or permission_model is None:
        from django.contrib.auth.models import Group, Permission

        group_model, permission_model = Group, Permission
    missing: dict[str, list[str]] = {}
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=role)
        found = []
        for perm in perms:
            app_label, codename = perm.split(".")
            permission = permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is None:
                missing.setdefault(role, []).append(perm)
            else:
                found.append(permission)
        group.permissions.set(found)
    return missing
