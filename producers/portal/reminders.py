"""Licence renewal reminders: 30 and 7 days before expiry, each sent once."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from producers.models import Licence, LicenceEvent

REMINDER_DAYS = (30, 7)


def _action(days: int) -> str:
    return f"reminder-{days}"


def licences_due(*, at: datetime, days: int):
    """Verified licences ending within ``days`` days that have had no such reminder yet."""
    return (
        Licence.objects.filter(status=Licence.Status.VERIFIED, valid_until__gt=at,
                               valid_until__lte=at + timedelta(days=days))
        .exclude(events__action=_action(days))
        .select_related("producer")
    )


def reminders_queue(*, at: datetime) -> int:
    """Record and enqueue every reminder due now; safe to run any number of times a day."""
    from .tasks import send_licence_reminder

    queued = 0
    # The 7-day reminder first: a licence found 5 days from expiry gets only that one.
    for days in sorted(REMINDER_DAYS):
        for licence in licences_due(at=at, days=days):
            with transaction.atomic():
                # The audit row is the idempotency key (one per licence and reminder).
                LicenceEvent.objects.create(
                    licence=licence, action=_action(days), from_status=licence.status,
                    to_status=licence.status, reason=f"expires {licence.valid_until:%Y-%m-%d}",
                )
                if days == 7:
                    LicenceEvent.objects.get_or_create(
                        licence=licence, action=_action(30),
                        defaults={"from_status": licence.status, "to_status": licence.status},
                    )
                lid, d = licence.pk, days
                transaction.on_commit(
                    lambda lid=lid, d=d: send_licence_reminder.enqueue(licence_id=lid, days=d))
            queued += 1
    return queued


def reminder_send(*, licence_id: int, days: int) -> int:
    """E-mail every member of a licence's shop, each in their language."""
    licence = Licence.objects.select_related("producer").get(pk=licence_id)
    sent = 0
    for user in licence.producer.users.filter(is_active=True).exclude(email=""):
        with translation.override(user.preferred_language or "en"):
            context = {"licence": licence, "user": user, "days": days}
            subject = render_to_string("producers/portal/emails/reminder_subject.txt", context)
            body = render_to_string("producers/portal/emails/reminder_body.txt", context)
        sent += send_mail(" ".join(subject.split()), body, None, [user.email])
    return sent
