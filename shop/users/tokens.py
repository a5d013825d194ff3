"""Activation links: signed, time-limited, and dead once used or superseded by a new sign-up."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "shop.users.activation"


class ActivationLinkError(Exception):
    """An activation link that cannot be used; ``code`` is "expired" or "invalid"."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def activation_state(user) -> str:
    """A fingerprint of what an activation link must find unchanged to work."""
    # The password hash changes when a later sign-up sets a new password and is_active when
    # the link is used: so a link works once, and only the newest one does.
    value = f"{user.pk}:{user.password}:{user.is_active}:{user.activation_pending}"
    return salted_hmac(SALT, value).hexdigest()[:24]


def activation_token_make(*, user, next_url: str = "") -> str:
    """A signed token naming the pending account, its state and where to go afterwards."""
    payload = {"u": user.pk, "s": activation_state(user), "n": next_url}
    return signing.dumps(payload, salt=SALT, compress=True)


def activation_token_read(token: str, *, for_update: bool = False) -> tuple:
    """The pending account and next URL a token names, or ActivationLinkError."""
    max_age = settings.SHOP_ACTIVATION_DAYS * 24 * 60 * 60
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise ActivationLinkError("expired") from exc
    except signing.BadSignature as exc:
        raise ActivationLinkError("invalid") from exc
    users = get_user_model().objects.filter(pk=payload.get("u"), activation_pending=True)
    user = (users.select_for_update() if for_update else users).first()
    if user is None or not constant_time_compare(activation_state(user), payload.get("s", "")):
        raise ActivationLinkError("invalid")
    return user, payload.get("n") or ""
