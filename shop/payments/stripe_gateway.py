"""Stripe behind the gateway interface. The only module in Muntij that imports ``stripe``."""

from __future__ import annotations

import json

import stripe
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .gateway import Event, GatewayError, Intent, InvalidEvent


def _wrap(exc: stripe.StripeError) -> GatewayError:
    if isinstance(exc, stripe.CardError):
        return GatewayError(
            str(exc), declined=True,
            user_message=_("Your card was declined. Your order is kept; try another card."),
        )
    return GatewayError(str(exc))


class StripeGateway:
    """PaymentIntents, refunds, Connect transfers and webhooks through one StripeClient."""

    def __init__(
        self, *, secret_key: str, webhook_secret: str, http_client: stripe.HTTPClient | None = None
    ):
        self.client = stripe.StripeClient(
            secret_key, http_client=http_client, max_network_retries=0 if http_client else 2
        )
        self.webhook_secret = webhook_secret

    @classmethod
    def from_settings(cls) -> StripeGateway:
        return cls(
            secret_key=settings.STRIPE_SECRET_KEY, webhook_secret=settings.STRIPE_WEBHOOK_SECRET
        )

    def intent_create(self, *, amount_minor, currency, order_number, idempotency_key) -> Intent:
        try:
            intent = self.client.v1.payment_intents.create(
                params={
                    "amount": amount_minor,
                    "currency": currency.lower(),
                    "automatic_payment_methods": {"enabled": True},
                    "transfer_group": order_number,
                    "metadata": {"order_number": order_number},
                },
                options={"idempotency_key": idempotency_key},
            )
        except stripe.StripeError as exc:
            raise _wrap(exc) from exc
        return Intent(intent.id, intent.client_secret or "", intent.status, intent.amount)

    def intent_retrieve(self, *, intent_id) -> Intent:
        try:
            intent = self.client.v1.payment_intents.retrieve(intent_id)
        except stripe.StripeError as exc:
            raise _wrap(exc) from exc
        return Intent(intent.id, intent.client_secret or "", intent.status, intent.amount)

    def refund_create(self, *, intent_id, amount_minor, idempotency_key) -> str:
        try:
            refund = self.client.v1.refunds.create(
                params={"payment_intent": intent_id, "amount": amount_minor},
                options={"idempotency_key": idempotency_key},
            )
        except stripe.StripeError as exc:
            raise _wrap(exc) from exc
        return refund.id

    def transfer_create(
        self, *, account_id, amount_minor, currency, transfer_group, idempotency_key
    ) -> str:
        try:
            transfer = self.client.v1.transfers.create(
                params={
                    "amount": amount_minor,
                    "currency": currency.lower(),
                    "destination": account_id,
                    "transfer_group": transfer_group,
                },
                options={"idempotency_key": idempotency_key},
            )
        except stripe.StripeError as exc:
            raise _wrap(exc) from exc
        return transfer.id

    def transfer_reverse(self, *, transfer_id, amount_minor, idempotency_key) -> str:
        try:
            reversal = self.client.v1.transfers.reversals.create(
                transfer_id,
                params={"amount": amount_minor},
                options={"idempotency_key": idempotency_key},
            )
        except stripe.StripeError as exc:
            raise _wrap(exc) from exc
        return reversal.id

    def account_create(self, *, email, idempotency_key) -> str:
        try:
            account = self.client.v1.accounts.create(
                params={"type": "express", "email": email},
                options={"idempotency_key": idempotency_key},
            )
        except stripe.StripeError as exc:
            raise _wrap(exc) from exc
        return account.id

    def account_link(self, *, account_id, refresh_url, return_url) -> str:
        try:
            link = self.client.v1.account_links.create(
                params={
                    "account": account_id,
                    "refresh_url": refresh_url,
                    "return_url": return_url,
                    "type": "account_onboarding",
                }
            )
        except stripe.StripeError as exc:
            raise _wrap(exc) from exc
        return link.url

    def event_parse(self, *, payload: bytes, signature: str) -> Event:
        try:
            stripe.WebhookSignature.verify_header(
                payload.decode("utf-8"), signature, self.webhook_secret,
                stripe.Webhook.DEFAULT_TOLERANCE,
            )
            data = json.loads(payload)
        except (stripe.SignatureVerificationError, ValueError, UnicodeDecodeError) as exc:
            raise InvalidEvent(str(exc)) from exc
        obj = (data.get("data") or {}).get("object") or {}
        error = obj.get("last_payment_error") or {}
        return Event(
            id=str(data.get("id", "")),
            type=str(data.get("type", "")),
            object_id=str(obj.get("id", "")),
            metadata=dict(obj.get("metadata") or {}),
            amount_minor=obj.get("amount_received", obj.get("amount")),
            failure_message=str(error.get("message", ""))[:255],
            payouts_enabled=obj.get("payouts_enabled"),
        )
