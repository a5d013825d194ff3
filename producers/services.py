"""Every write to producers and licences: validated, audited, producers told by e-mail."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import (
    Authority,
    Licence,
    LicenceApproval,
    LicenceDocument,
    LicenceEvent,
    Partner,
    Programme,
    ProgrammePackage,
)
from .rules import is_transition_allowed, licence_missing_authorities
from .tasks import notify_licence_status

Status = Licence.Status

# The audit records the action's code; people read its label.
ACTION_LABELS = {
    "submitted": gettext_lazy("submitted"),
    "sent back": gettext_lazy("sent back for changes"),
    "rejected": gettext_lazy("rejected"),
    "verified": gettext_lazy("verified"),
    "suspended": gettext_lazy("suspended"),
    "reinstated": gettext_lazy("reinstated"),
    "revoked": gettext_lazy("revoked"),
    "expired": gettext_lazy("marked expired"),
    "renewed": gettext_lazy("renewed"),
}


def producer_create(
    *, name: str, users=(), story: str = "", area: str = "", phone: str = ""
) -> Partner:
    """Create a producer (an Oscar partner) and attach its family's user accounts."""
    producer = Partner(name=name, story=story, area=area, phone=phone)
    producer.full_clean(exclude=["code"])
    producer.save()
    producer.users.add(*users)
    return producer


def _check_packages(programme: Programme, packages) -> list[ProgrammePackage]:
    packages = list(packages)
    if not packages:
        raise ValidationError({"packages": _("Choose at least one package.")})
    foreign = [p for p in packages if p.programme_id != programme.pk]
    if foreign:
        names = ", ".join(str(p) for p in foreign)
        raise ValidationError(
            {
                "packages": _("The programme %(programme)s has no package %(packages)s.")
                % {"programme": programme, "packages": names}
            }
        )
    return packages


@transaction.atomic
def licence_create(
    *,
    producer: Partner,
    programme: Programme,
    number: str,
    packages,
    valid_from: datetime,
    valid_until: datetime,
    issuing_body: str = "",
    tier: str = Licence.Tier.HOME,
    beneficiary_discount: bool = False,
    by=None,
) -> Licence:
    """Create a draft licence application with a pending approval per required authority."""
    packages = _check_packages(programme, packages)
    licence = Licence(
        producer=producer,
        programme=programme,
        number=number.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        issuing_body=issuing_body or programme.issuing_body,
        tier=tier,
        beneficiary_discount=beneficiary_discount,
    )
    licence.full_clean()
    try:
        with transaction.atomic():
            licence.save()
    except IntegrityError as exc:  # a concurrent duplicate slipped past full_clean
        raise ValidationError(
            {"number": _("This programme already has a licence with this number.")}
        ) from exc
    licence.packages.set(packages)
    for authority in Authority.objects.filter(packages__in=packages).distinct():
        LicenceApproval.objects.create(licence=licence, authority=authority)
    _audit(licence, by=by, action="create", from_status="", reason="")
    return licence


@transaction.atomic
def approval_record(
    *,
    licence: Licence,
    authority: Authority,
    reference: str,
    status: str = LicenceApproval.Status.APPROVED,
    issued_on: date | None = None,
    expires_on: date | None = None,
    by=None,
) -> LicenceApproval:
    """Record one authority's decision on a licence (reference, status, dates)."""
    if issued_on and expires_on and expires_on < issued_on:
        raise ValidationError({"expires_on": _("An approval cannot expire before it is issued.")})
    if status == LicenceApproval.Status.APPROVED and not reference.strip():
        raise ValidationError({"reference": _("An approval needs the authority's reference.")})
    approval, _created = LicenceApproval.objects.get_or_create(licence=licence, authority=authority)
    approval.reference = reference.strip()
    approval.status = status
    approval.issued_on = issued_on
    approval.expires_on = expires_on
    approval.full_clean()
    approval.save()
    return approval


def _audit(licence: Licence, *, by, action: str, from_status: str, reason: str) -> LicenceEvent:
    return LicenceEvent.objects.create(
        licence=licence,
        actor=by if getattr(by, "pk", None) else None,
        action=action,
        from_status=from_status,
        to_status=licence.status,
        reason=reason,
    )


def _transition(
    licence: Licence,
    *,
    to: str,
    by,
    action: str,
    reason: str = "",
    need_reason: bool = False,
    **changes,
) -> Licence:
    """Move a locked licence to a new status, audit it and tell the producer after commit."""
    licence = Licence.objects.select_for_update().get(pk=licence.pk)
    if not is_transition_allowed(licence.status, to):
        raise ValidationError(
            _("A licence that is %(current)s cannot be %(action)s.")
            % {"current": licence.get_status_display().lower(), "action": ACTION_LABELS[action]}
        )
    if need_reason and not reason.strip():
        raise ValidationError({"reason": _("Please give a reason; the producer will see it.")})
    from_status = licence.status
    for field, value in changes.items():
        setattr(licence, field, value)
    licence.status = to
    licence.status_reason = reason.strip()
    licence.full_clean()
    licence.save()
    _audit(licence, by=by, action=action, from_status=from_status, reason=reason.strip())
    transaction.on_commit(lambda: notify_licence_status.enqueue(licence_id=licence.pk))
    return licence


@transaction.atomic
def licence_submit(*, licence: Licence, by=None) -> Licence:
    """Submit (or resubmit) an application for verification."""
    return _transition(licence, to=Status.SUBMITTED, by=by, action="submitted")


@transaction.atomic
def licence_request_changes(*, licence: Licence, by, reason: str) -> Licence:
    """Send an application back to the producer with what must change."""
    return _transition(
        licence,
        to=Status.CHANGES_REQUESTED,
        by=by,
        action="sent back",
        reason=reason,
        need_reason=True,
    )


@transaction.atomic
def licence_reject(*, licence: Licence, by, reason: str) -> Licence:
    """Reject an application; the producer may correct it and resubmit."""
    return _transition(
        licence, to=Status.REJECTED, by=by, action="rejected", reason=reason, need_reason=True
    )


@transaction.atomic
def licence_verify(*, licence: Licence, by, note: str = "", at: datetime | None = None) -> Licence:
    """Verify a submitted licence once every approval its packages require is in."""
    at = at or timezone.now()
    licence = Licence.objects.get(pk=licence.pk)
    if licence.valid_until <= at:
        raise ValidationError({"valid_until": _("The licence's validity has already ended.")})
    roots = [p.category.path for p in licence.packages.all()]
    missing = licence_missing_authorities(licence, roots=roots, on=timezone.localdate(at))
    if missing:
        names = ", ".join(sorted({str(a) for a in missing}))
        raise ValidationError(_("Approvals still missing: %(names)s.") % {"names": names})
    return _transition(licence, to=Status.VERIFIED, by=by, action="verified", reason=note)


@transaction.atomic
def licence_suspend(
    *, licence: Licence, by, reason: str, until: datetime | None = None,
    at: datetime | None = None,
) -> Licence:
    """Suspend a verified licence: its products leave the shop at once."""
    if until is not None and until <= (at or timezone.now()):
        raise ValidationError({"until": _("The end of a suspension must be in the future.")})
    return _transition(
        licence, to=Status.SUSPENDED, by=by, action="suspended", reason=reason,
        need_reason=True, suspended_until=until,
    )


@transaction.atomic
def licence_reinstate(*, licence: Licence, by, note: str = "") -> Licence:
    """Lift a suspension: the licence is verified again and its products return."""
    if Licence.objects.get(pk=licence.pk).status != Status.SUSPENDED:
        raise ValidationError(_("Only a suspended licence can be reinstated."))
    return _transition(
        licence, to=Status.VERIFIED, by=by, action="reinstated", reason=note, suspended_until=None
    )


@transaction.atomic
def licence_revoke(*, licence: Licence, by, reason: str) -> Licence:
    """Revoke a licence for good."""
    return _transition(
        licence, to=Status.REVOKED, by=by, action="revoked", reason=reason, need_reason=True
    )


@transaction.atomic
def licence_expire(*, licence: Licence, at: datetime | None = None) -> Licence:
    """Record that a verified licence's validity has ended (bookkeeping; the rule needs no job)."""
    at = at or timezone.now()
    if Licence.objects.get(pk=licence.pk).valid_until > at:
        raise ValidationError(_("This licence is still within its validity."))
    return _transition(licence, to=Status.EXPIRED, by=None, action="expired")


@transaction.atomic
def licence_renew(
    *, licence: Licence, by, valid_until: datetime, note: str = "", at: datetime | None = None
) -> Licence:
    """Extend a verified or expired licence to a new end of validity."""
    at = at or timezone.now()
    current = Licence.objects.get(pk=licence.pk)
    if current.status not in (Status.VERIFIED, Status.EXPIRED):
        raise ValidationError(_("Only a verified or expired licence can be renewed."))
    if valid_until <= max(at, current.valid_until):
        raise ValidationError(
            {"valid_until": _("A renewal must end later than today and than the current validity.")}
        )
    return _transition(
        licence, to=Status.VERIFIED, by=by, action="renewed", reason=note, valid_until=valid_until
    )


@transaction.atomic
def licence_record_approval(
    *,
    licence: Licence,
    authority: Authority,
    reference: str,
    status: str = LicenceApproval.Status.APPROVED,
    issued_on: date | None = None,
    expires_on: date | None = None,
    by,
) -> LicenceApproval:
    """Record an authority's decision on a licence and audit it in the licence's history."""
    approval = approval_record(
        licence=licence, authority=authority, reference=reference, status=status,
        issued_on=issued_on, expires_on=expires_on, by=by,
    )
    detail = f"{authority}: {approval.get_status_display()}"
    if approval.reference:
        detail += f" ({approval.reference})"
    _audit(licence, by=by, action="approval recorded", from_status=licence.status, reason=detail)
    return approval


@transaction.atomic
def licence_set_discount(
    *,
    licence: Licence,
    by,
    percent: Decimal,
    valid_until: date | None = None,
    note: str = "",
    at: datetime | None = None,
) -> Licence:
    """Set the beneficiary fee discount (0-50%) after checking the evidence; audited."""
    licence = Licence.objects.select_for_update().get(pk=licence.pk)
    percent = Decimal(percent)
    if percent > 0:
        if not licence.documents.filter(kind=LicenceDocument.Kind.BENEFICIARY).exists():
            raise ValidationError(
                _("Upload the beneficiary evidence before granting a discount.")
            )
        if valid_until is None or valid_until < timezone.localdate(at or timezone.now()):
            raise ValidationError(
                {"valid_until": _("A discount needs an end date that is not in the past.")}
            )
    licence.discount_percent = percent
    licence.discount_valid_until = valid_until if percent > 0 else None
    licence.beneficiary_discount = percent > 0
    licence.full_clean()
    licence.save()
    detail = _("Fee discount %(percent)s%% until %(until)s") % {
        "percent": percent.normalize(), "until": valid_until or "-"
    }
    reason = f"{detail}. {note.strip()}" if note.strip() else detail
    _audit(licence, by=by, action="discount set", from_status=licence.status, reason=reason)
    return licence
