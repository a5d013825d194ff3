"""Writes to accounts: sign-up that never says whether an address is taken, and activation."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction

from .tasks import ACTIVATE, ALREADY_REGISTERED, account_email_send
from .tokens import activation_state, activation_token_read

User = get_user_model()


@transaction.atomic
def user_register(*, email: str, password: str, language: str = "",
                  next_url: str = "") -> User | None:
    """Sign up an address; returns the new inactive account, or None if the address was taken."""
    # New: an inactive account and an activation link. Still pending: the new password and
    # a fresh link (older links die). Active: unchanged, its owner is told. The caller must
    # answer the same in every case.
    email = email.strip().lower()
    language = language if language in dict(settings.LANGUAGES) else ""
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    if user is None:
        user = _account_create(email=email, password=password, language=language)
        if user is not None:
            _email_after_commit(kind=ACTIVATE, user=user, next_url=next_url)
            return user
        # A parallel sign-up for the same address won the insert: treat it as pending.
        user = User.objects.select_for_update().get(email__iexact=email)
    if user.activation_pending:
        user.set_password(password)
        user.preferred_language = language or user.preferred_language
        user.save(update_fields=["password", "preferred_language"])
        _email_after_commit(kind=ACTIVATE, user=user, next_url=next_url)
    else:
        make_password(password)  # the same hashing work as the other paths: timing tells nothing
        if user.is_active:
            _email_after_commit(kind=ALREADY_REGISTERED, user=user, next_url=next_url)
        # An account staff switched off stays off and gets no mail.
    return None


def _account_create(*, email: str, password: str, language: str) -> User | None:
    user = User(email=email, is_active=False, activation_pending=True,
                preferred_language=language)
    user.set_password(password)
    user.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        return None
    return user


def _email_after_commit(*, kind: str, user: User, next_url: str) -> None:
    # The state travels with the job so a link superseded before it is sent is not sent.
    state = activation_state(user)
    transaction.on_commit(lambda: account_email_send.enqueue(
        kind=kind, user_id=user.pk, state=state, next_url=next_url,
    ))


class ActivationPasswordError(Exception):
    """The password given on activation is not the one chosen at sign-up."""


@transaction.atomic
def user_activate(*, token: str, password: str) -> tuple[User, str]:
    """Switch on the pending account an activation link names; returns it and its next URL.

    The link proves the mailbox and the password proves the person who signed up, so
    someone who signed up with another person's address cannot end up holding a password
    to the account that person then opens.
    """
    user, next_url = activation_token_read(token, for_update=True)
    if not user.check_password(password):
        raise ActivationPasswordError
    user.is_active, user.activation_pending = True, False
    user.save(update_fields=["is_active", "activation_pending"])
    return user, next_url
