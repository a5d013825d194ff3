"""Writes the portal makes: joining, the licence application, shop members, vacation."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from producers.models import Authority, Licence, LicenceApproval, LicenceDocument, Partner
from producers.services import _check_packages, approval_record, producer_create

from .documents import document_sanitise
from .models import Invitation, Membership, Role

EDITABLE_STATUSES = {
    Licence.Status.DRAFT, Licence.Status.CHANGES_REQUESTED, Licence.Status.REJECTED,
}


@transaction.atomic
def producer_join(*, user, name: str, story: str = "", area: str = "", phone: str = "",
                  photo=None) -> Partner:
    """Open a producer's shop for a user, who becomes its owner."""
    if Partner.objects.filter(users=user).exists():
        raise ValidationError(_("You already have a shop."))
    producer = producer_create(name=name, users=[user], story=story, area=area, phone=phone)
    if photo:
        producer.photo = photo
        producer.save()
    Membership.objects.create(producer=producer, user=user, role=Role.OWNER)
    return producer


@transaction.atomic
def producer_profile_update(*, producer: Partner, **fields) -> Partner:
    """Change a producer's public profile (name, story, area, photo, phone, fulfilment)."""
    for field, value in fields.items():
        setattr(producer, field, value)
    producer.full_clean(exclude=["code"])
    producer.save()
    return producer


@transaction.atomic
def producer_vacation_set(*, producer: Partner, on: bool, message: str = "") -> Partner:
    """Hide (or bring back) all of a producer's listings; the licence rule reads the flag."""
    producer.on_vacation = on
    producer.vacation_message = message.strip() if on else ""
    producer.save(update_fields=["on_vacation", "vacation_message"])
    return producer


def licence_references_record(*, licence: Licence, references: dict[str, str], by) -> None:
    """Record the approval references the producer entered; programme staff approve them."""
    for code, reference in references.items():
        reference = (reference or "").strip()
        if not reference:
            continue
        authority = Authority.objects.get(code=code)
        current = LicenceApproval.objects.filter(licence=licence, authority=authority).first()
        if current and current.status == LicenceApproval.Status.APPROVED:
            continue  # an approval staff already granted is not reopened by the producer
        approval_record(
            licence=licence, authority=authority, reference=reference,
            status=LicenceApproval.Status.PENDING, by=by,
        )


@transaction.atomic
def licence_application_update(
    *, licence: Licence, by, number: str, packages, valid_from: datetime,
    valid_until: datetime, tier: str, beneficiary_discount: bool,
) -> Licence:
    """Correct an application the producer may still change (draft, sent back, rejected)."""
    licence = Licence.objects.select_for_update().get(pk=licence.pk)
    if licence.status not in EDITABLE_STATUSES:
        raise ValidationError(_("This application can no longer be changed."))
    packages = _check_packages(licence.programme, packages)
    licence.number = number.strip()
    licence.valid_from, licence.valid_until = valid_from, valid_until
    licence.tier, licence.beneficiary_discount = tier, beneficiary_discount
    licence.full_clean()
    licence.save()
    licence.packages.set(packages)
    for authority in Authority.objects.filter(packages__in=packages).distinct():
        LicenceApproval.objects.get_or_create(licence=licence, authority=authority)
    return licence


@transaction.atomic
def licence_document_add(*, licence: Licence, kind: str, upload) -> LicenceDocument:
    """Store a checked licence document in private storage."""
    document = LicenceDocument(licence=licence, kind=kind)
    document.file = document_sanitise(upload)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def invitation_create(*, producer: Partner, email: str, role: str, by) -> Invitation:
    """Invite someone by e-mail to work in the shop; the e-mail goes after commit."""
    email = email.strip().lower()
    if producer.users.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already in your shop.")})
    invitation = Invitation(producer=producer, email=email, role=role, invited_by=by)
    invitation.full_clean()
    invitation.save()
    from .tasks import send_invitation

    transaction.on_commit(lambda: send_invitation.enqueue(invitation_id=invitation.pk))
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Join the inviting shop; a person belongs to one shop only."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has already been used."))
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    if Partner.objects.filter(users=user).exclude(pk=invitation.producer_id).exists():
        raise ValidationError(_("You already belong to another shop."))
    invitation.producer.users.add(user)
    membership, _created = Membership.objects.update_or_create(
        producer=invitation.producer, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def member_remove(*, producer: Partner, user, by) -> None:
    """Remove a helper from the shop (an owner cannot remove themselves)."""
    if user.pk == by.pk:
        raise ValidationError(_("You cannot remove yourself."))
    producer.users.remove(user)
    Membership.objects.filter(producer=producer, user=user).delete()


def invitation_email(invitation: Invitation, url: str) -> None:
    """Send the invitation e-mail."""
    send_mail(
        _("You are invited to %(shop)s on Muntij") % {"shop": invitation.producer.name},
        _("Open this link to join the shop: %(url)s") % {"url": url},
        None,
        [invitation.email],
    )
