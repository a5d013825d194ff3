"""Writes for payments: start a card payment, record its outcome from a verified webhook."""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction

from shop import money
from shop.order.documents import receipt_issue
from shop.order.emails import order_email_enqueue
from shop.order.models import LedgerEntry, Order

from .gateway import Event, Intent, get_gateway
from .models import Payment, ProcessedEvent

log = logging.getLogger(__name__)


def payment_intent_ensure(*, order: Order) -> Intent:
    """The card payment for an unpaid order, created once (deterministic idempotency key)."""
    payment = order.payment
    gateway = get_gateway()
    if payment.intent_id:
        return gateway.intent_retrieve(intent_id=payment.intent_id)
    intent = gateway.intent_create(
        amount_minor=money.to_minor_units(payment.amount, payment.currency),
        currency=payment.currency,
        order_number=order.number,
        idempotency_key=f"order-{order.number}-payment",
    )
    Payment.objects.filter(pk=payment.pk, intent_id__isnull=True).update(intent_id=intent.id)
    return intent


def payment_confirm(
    *, intent_id: str, amount_minor: int | None, order_number: str = ""
) -> bool:
    """Mark an order paid once; returns False when it already was (or nothing matched)."""
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update().select_related("order")
            .filter(intent_id=intent_id).first()
        )
        if payment is None and order_number:
            # The event beat our own write of the intent id: find it by the order it names.
            payment = Payment.objects.select_for_update().filter(
                order__number=order_number, intent_id__isnull=True
            ).first()
            if payment:
                payment.intent_id = intent_id
        if payment is None or payment.status == Payment.Status.SUCCEEDED:
            return False
        expected = money.to_minor_units(payment.amount, payment.currency)
        if amount_minor is not None and amount_minor != expected:
            log.error("Payment %s: %s received, %s expected", intent_id, amount_minor, expected)
            return False
        payment.status = Payment.Status.SUCCEEDED
        payment.failure_message = ""
        payment.save(update_fields=["status", "failure_message", "intent_id", "updated"])
        order = Order.objects.select_for_update().get(pk=payment.order_id)
        LedgerEntry.objects.create(
            kind=LedgerEntry.Kind.CHARGE, order=order, amount=payment.amount,
            currency=payment.currency, external_id=intent_id,
        )
        if order.status != "pending_payment":
            # Paid after the order expired and its stock went back: give the money back.
            transaction.on_commit(lambda: _refund_late(order=order, payment=payment))
            return True
        Order.objects.filter(pk=order.pk).update(status="paid", expires_at=None)
        for part in order.fulfilments.order_by("producer_id"):
            receipt_issue(fulfilment=part)
        order_email_enqueue(event="paid", order_id=order.pk)
    return True


def _refund_late(*, order: Order, payment: Payment) -> None:
    refund_id = get_gateway().refund_create(
        intent_id=payment.intent_id,
        amount_minor=money.to_minor_units(payment.amount, payment.currency),
        idempotency_key=f"order-{order.number}-late-refund",
    )
    LedgerEntry.objects.get_or_create(
        external_id=refund_id,
        defaults={"kind": LedgerEntry.Kind.REFUND, "order": order, "amount": payment.amount,
                  "currency": payment.currency, "note": "paid after expiry"},
    )


def payment_fail(*, intent_id: str, message: str) -> None:
    """Note a declined attempt; the order stays unpaid and the customer can retry."""
    Payment.objects.filter(intent_id=intent_id, status=Payment.Status.PENDING).update(
        failure_message=message[:255]
    )


def payout_account_update(*, account_id: str, payouts_enabled: bool) -> None:
    """Stripe says whether a producer's connected account can receive transfers."""
    from producers.models import Partner

    Partner.objects.filter(payout_account_id=account_id).update(payouts_enabled=payouts_enabled)


HANDLERS = {
    "account.updated": lambda e: payout_account_update(
        account_id=e.object_id, payouts_enabled=bool(e.payouts_enabled)
    ),
    "payment_intent.succeeded": lambda e: payment_confirm(
        intent_id=e.object_id, amount_minor=e.amount_minor,
        order_number=str(e.metadata.get("order_number", "")),
    ),
    "payment_intent.payment_failed": lambda e: payment_fail(
        intent_id=e.object_id, message=e.failure_message
    ),
}


def event_process(*, event: Event) -> bool:
    """Handle a verified webhook event exactly once; False when it was seen before."""
    try:
        with transaction.atomic():
            ProcessedEvent.objects.create(event_id=event.id, type=event.type)
            handler = HANDLERS.get(event.type)
            if handler:
                handler(event)
    except IntegrityError:
        return False
    return True
