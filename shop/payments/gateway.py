"""The payment gateway interface: what checkout, refunds and payouts need from a provider.

Stripe implements it in ``stripe_gateway.py`` (the only module that imports ``stripe``); a
regional acquirer can replace it by implementing the same methods.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.utils.translation import gettext_lazy as _


class GatewayError(Exception):
    """The provider could not be reached or declined; ``user_message`` is safe to show."""

    def __init__(self, message: str = "", *, user_message=None, declined: bool = False):
        super().__init__(message)
        self.user_message = user_message or _(
            "The payment service is not reachable right now. Your order is kept; please try "
            "again in a moment."
        )
        self.declined = declined


class InvalidEvent(Exception):
    """A webhook whose signature, timestamp or body does not check out."""


@dataclass(frozen=True)
class Intent:
    """A card payment in progress at the provider."""

    id: str
    client_secret: str
    status: str
    amount_minor: int


@dataclass(frozen=True)
class Event:
    """A verified provider event, reduced to what we act on."""

    id: str
    type: str
    object_id: str
    metadata: dict[str, Any] = field(default_factory=dict)
    amount_minor: int | None = None
    failure_message: str = ""
    payouts_enabled: bool | None = None


class PaymentGateway(Protocol):
    """What a card payment provider must offer Muntij."""

    def intent_create(
        self, *, amount_minor: int, currency: str, order_number: str, idempotency_key: str
    ) -> Intent: ...

    def intent_retrieve(self, *, intent_id: str) -> Intent: ...

    def refund_create(
        self, *, intent_id: str, amount_minor: int, idempotency_key: str
    ) -> str: ...

    def transfer_create(
        self, *, account_id: str, amount_minor: int, currency: str, transfer_group: str,
        idempotency_key: str,
    ) -> str: ...

    def transfer_reverse(
        self, *, transfer_id: str, amount_minor: int, idempotency_key: str
    ) -> str: ...

    def account_create(self, *, email: str, idempotency_key: str) -> str: ...

    def account_link(self, *, account_id: str, refresh_url: str, return_url: str) -> str: ...

    def event_parse(self, *, payload: bytes, signature: str) -> Event: ...


_override: PaymentGateway | None = None


def card_enabled() -> bool:
    """Whether card payment is offered (both Stripe keys configured, or a gateway injected)."""
    return _override is not None or bool(
        settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY
    )


def get_gateway() -> PaymentGateway:
    """The configured gateway (Stripe unless one was injected, e.g. by tests)."""
    if _override is not None:
        return _override
    from .stripe_gateway import StripeGateway

    return StripeGateway.from_settings()


def set_gateway(gateway: PaymentGateway | None) -> None:
    """Inject a gateway (tests inject Stripe with a fake HTTP client); None restores."""
    global _override
    _override = gateway
