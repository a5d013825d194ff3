"""Account e-mails, sent by the task backend after the sign-up commits, in the person's language."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from .tokens import activation_state, activation_token_make

ACTIVATE = "activate"
ALREADY_REGISTERED = "already_registered"


@task()
def account_email_send(*, kind: str, user_id: int, state: str, next_url: str = "") -> int:
    """Mail an activation link, or tell an account's owner someone signed up with the address."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or (kind == ACTIVATE and activation_state(user) != state):
        return 0  # activated or signed up again since: a newer e-mail (or none) is due
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        if kind == ACTIVATE:
            token = activation_token_make(user=user, next_url=next_url)
            links = {"activate_url": reverse("customer:activate", kwargs={"token": token})}
        else:
            login = reverse("customer:login")
            links = {"login_url": f"{login}?{urlencode({'next': next_url})}" if next_url
                     else login, "reset_url": reverse("password-reset")}
        context = {
            "user": user, "valid_days": settings.SHOP_ACTIVATION_DAYS,
            **{name: settings.SHOP_BASE_URL + path for name, path in links.items()},
        }
        subject = render_to_string(f"emails/account_{kind}_subject.txt", context)
        body = render_to_string(f"emails/account_{kind}_body.txt", context)
    return send_mail(" ".join(subject.split()), body, None, [user.email])
