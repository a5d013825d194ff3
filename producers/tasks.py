"""Background work for producers: e-mails sent after the change that caused them commits."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def notify_licence_status(*, licence_id: int) -> int:
    """E-mail a licence's producer users, each in their own language, about its status."""
    from .models import Licence

    licence = Licence.objects.select_related("producer", "programme").get(pk=licence_id)
    sent = 0
    for user in licence.producer.users.filter(is_active=True).exclude(email=""):
        with translation.override(user.preferred_language or "en"):
            context = {"licence": licence, "user": user}
            subject = render_to_string("producers/emails/licence_status_subject.txt", context)
            body = render_to_string("producers/emails/licence_status_body.txt", context)
        sent += send_mail(" ".join(subject.split()), body, None, [user.email])
    return sent
