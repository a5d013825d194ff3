"""Who may do what: the three admin roles, producers and customers (client-level)."""

import pytest
from django.urls import reverse

from producers.administration import roles
from producers.models import Licence, Programme

QUEUE = "/cms/licence_queue/"
LICENCES = "/cms/licences/"
STATISTICS = "/cms/programme/statistics/"
ORDERS_TO_REVIEW = "/cms/programme/orders-to-review/"
NEW_PROGRAMME = "/cms/programme/new/"
OSCAR_ORDERS = "/en/shop/dashboard/orders/"
OSCAR_DASHBOARD = "/en/shop/dashboard/"


def licence_url(licence):
    return reverse("licences:detail", args=[licence.pk])


def act(client, licence, action, **fields):
    data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
    return client.post(licence_url(licence), data)


def is_refused(response) -> bool:
    """Wagtail answers a refused permission with a redirect to the admin home (or a 403)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].rstrip("/") in ("/cms", "")
        or "login" in response.get("Location", "")
    )


def status_of(licence):
    return Licence.objects.get(pk=licence.pk).status


def test_role_groups_are_created_with_their_permissions(role_groups):
    assert set(roles.ROLE_PERMISSIONS) <= set(role_groups)
    verifier = {f"{p.content_type.app_label}.{p.codename}"
                for p in role_groups[roles.VERIFIER].permissions.all()}
    assert roles.PERM_VERIFY in verifier
    assert roles.PERM_SUSPEND not in verifier
    assert roles.PERM_REFUND not in verifier


def test_verifier_works_the_queue_and_approves(client, verifier, verified_licence, application):
    client.force_login(verifier)
    # Given an application whose approvals are all in
    from tests.factories import LicenceFactory
    ready = LicenceFactory(producer=application.producer, programme=application.programme,
                           covering=list(application.packages.all()))

    assert client.get(QUEUE).status_code == 200
    assert client.get(licence_url(ready)).status_code == 200
    response = act(client, ready, "verify", note="All in order")

    assert response.status_code == 302
    assert status_of(ready) == "verified"


@pytest.mark.parametrize("action", ["suspend", "revoke"])
def test_verifier_cannot_suspend_or_revoke(client, verifier, verified_licence, action):
    client.force_login(verifier)

    response = act(client, verified_licence, action, reason="Complaint")

    assert is_refused(response)
    assert status_of(verified_licence) == "verified"


def test_verifier_has_no_figures_no_configuration_and_no_refunds(client, verifier):
    client.force_login(verifier)

    assert is_refused(client.get(STATISTICS))
    assert is_refused(client.get(ORDERS_TO_REVIEW))
    assert is_refused(client.get(NEW_PROGRAMME))
    # Orders and refunds live in Oscar's dashboard, closed to verifiers.
    assert is_refused(client.get(OSCAR_ORDERS))
    assert not verifier.has_perm(roles.PERM_REFUND)


def test_manager_configures_suspends_and_sees_figures(client, manager, verified_licence):
    client.force_login(manager)

    assert client.get(STATISTICS).status_code == 200
    assert client.get(ORDERS_TO_REVIEW).status_code == 200
    response = client.post(NEW_PROGRAMME, {
        "code": "etimad", "name_en": "Etimad", "name_ar": "اعتماد", "name_fa": "اعتماد",
        "country": "BH", "issuing_body": "",
    })
    assert response.status_code == 302
    assert Programme.objects.filter(code="etimad", name_ar="اعتماد").exists()

    act(client, verified_licence, "suspend", reason="Hygiene complaint under review")
    assert status_of(verified_licence) == "suspended"


def test_commerce_ops_has_orders_but_cannot_verify(client, commerce_ops, application):
    client.force_login(commerce_ops)

    assert client.get(OSCAR_ORDERS).status_code == 200
    assert commerce_ops.has_perm(roles.PERM_REFUND)
    assert is_refused(client.get(QUEUE))
    assert is_refused(client.get(licence_url(application)))
    assert client.get(ORDERS_TO_REVIEW).status_code == 200
    assert is_refused(act(client, application, "verify"))
    assert status_of(application) == "submitted"


@pytest.mark.parametrize("who", ["producer_user", "customer"])
def test_producers_and_customers_get_no_admin_at_all(client, request, who, application):
    client.force_login(request.getfixturevalue(who))

    for url in ("/cms/", QUEUE, licence_url(application), STATISTICS, OSCAR_DASHBOARD,
                OSCAR_ORDERS, "/django-admin/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "login" in response["Location"], url
    act(client, application, "verify")
    assert status_of(application) == "submitted"


def test_admin_home_counts_waiting_applications_for_licence_staff(
    client, verifier, application
):
    client.force_login(verifier)

    home = client.get("/cms/").content.decode()

    assert 'data-testid="queue-summary"' in home
    assert "1 application waiting" in home
