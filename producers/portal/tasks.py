"""Portal background work: invitation and reminder e-mails, bulk imports."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django_tasks import task


@task()
def send_invitation(*, invitation_id: int) -> int:
    """E-mail an invitation link to join a producer's shop."""
    from .models import Invitation
    from .services import invitation_email

    invitation = Invitation.objects.select_related("producer").get(pk=invitation_id)
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        url = base + reverse("portal:invitation-accept", kwargs={"token": invitation.token})
        invitation_email(invitation, url)
    return 1


@task()
def run_import(*, job_id: int) -> str:
    """Validate and, if every row is right, import a bulk product file."""
    from .imports import import_run

    return import_run(job_id=job_id)


@task()
def send_licence_reminder(*, licence_id: int, days: int) -> int:
    """E-mail a licence's shop that it expires in ``days`` days."""
    from .reminders import reminder_send

    return reminder_send(licence_id=licence_id, days=days)
