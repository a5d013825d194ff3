"""State changes of a producer's fulfilment: accept, ready/dispatch, deliver, cancel, refund.

The producer portal, the customer's account pages and the staff dashboard all call these;
each locks the fulfilment row, checks the move is allowed, writes, and sends e-mails after
commit. Money moves (refunds, reversals, payouts) go through ``shop.payments.gateway``.
"""

from __future__ import annotations

import contextlib
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shop import money

from .emails import order_email_enqueue
from .models import LedgerEntry, ProducerFulfilment

Status = ProducerFulfilment.Status

# Which status each action may start from.
_ALLOWED = {
    "accept": {Status.NEW},
    "mark_ready": {Status.ACCEPTED},
    "dispatch": {Status.ACCEPTED},
    "deliver": {Status.READY, Status.DISPATCHED},
    "cancel": {Status.NEW, Status.ACCEPTED},
}


class FulfilmentError(ValidationError):
    """A fulfilment action that is not allowed now; the message is shown to the person."""


def _locked(fulfilment: ProducerFulfilment, action: str) -> ProducerFulfilment:
    locked = ProducerFulfilment.objects.select_for_update().select_related("order").get(
        pk=fulfilment.pk
    )
    if locked.status not in _ALLOWED[action]:
        raise FulfilmentError(
            _("This order part is “%(status)s”; that action is not possible now.")
            % {"status": locked.get_status_display()}
        )
    if action != "cancel" and locked.order.status in {"pending_payment", "expired", "cancelled"}:
        raise FulfilmentError(_("The order has not been paid yet."))
    return locked


def _move(fulfilment, *, action: str, to: str, stamp: str | None, event: str):
    with transaction.atomic():
        locked = _locked(fulfilment, action)
        locked.status = to
        if stamp:
            setattr(locked, stamp, timezone.now())
        locked.full_clean()
        locked.save()
        order_email_enqueue(event=event, order_id=locked.order_id, fulfilment_id=locked.pk)
    return locked


def fulfilment_accept(*, fulfilment: ProducerFulfilment, by=None) -> ProducerFulfilment:
    """The producer takes on its part of a paid (or cash) order."""
    return _move(fulfilment, action="accept", to=Status.ACCEPTED, stamp="accepted_at",
                 event="accepted")


def fulfilment_mark_ready(*, fulfilment: ProducerFulfilment, by=None) -> ProducerFulfilment:
    """A pickup order is ready at the producer's pickup point."""
    if fulfilment.method != ProducerFulfilment.Method.PICKUP:
        raise FulfilmentError(_("Only pickup orders can be marked ready for pickup."))
    return _move(fulfilment, action="mark_ready", to=Status.READY, stamp=None, event="ready")


def fulfilment_dispatch(*, fulfilment: ProducerFulfilment, by=None) -> ProducerFulfilment:
    """A delivery order has left the producer."""
    if fulfilment.method != ProducerFulfilment.Method.DELIVERY:
        raise FulfilmentError(_("Only delivery orders can be dispatched."))
    return _move(fulfilment, action="dispatch", to=Status.DISPATCHED, stamp="dispatched_at",
                 event="dispatched")


def fulfilment_deliver(*, fulfilment: ProducerFulfilment, by=None) -> ProducerFulfilment:
    """The customer has the goods: stock is consumed, cash recorded, the payout queued."""
    with transaction.atomic():
        locked = _move(fulfilment, action="deliver", to=Status.DELIVERED, stamp="delivered_at",
                       event="delivered")
        for line in locked.lines.select_related("stockrecord").order_by("stockrecord_id"):
            if line.stockrecord and line.num_allocated:
                line.consume_allocation(line.num_allocated)
        if locked.order.payment_method == "cash":
            LedgerEntry.objects.create(
                kind=LedgerEntry.Kind.CASH, order=locked.order, fulfilment=locked,
                amount=fulfilment_total(fulfilment=locked), currency=locked.order.currency,
                note=_("Cash collected on delivery"),
            )
        else:
            pk = locked.pk
            transaction.on_commit(lambda: _payout_after_commit(pk))
    return locked


def _payout_after_commit(pk: int) -> None:
    from shop.payments.gateway import GatewayError
    from shop.payments.payouts import fulfilment_payout

    # On failure it stays pending; `manage.py payouts_send` retries it later.
    with contextlib.suppress(GatewayError):
        fulfilment_payout(fulfilment=ProducerFulfilment.objects.get(pk=pk))


def fulfilment_total(*, fulfilment: ProducerFulfilment) -> Decimal:
    """What the customer pays this producer: its lines plus its delivery fee."""
    lines = sum((line.line_price_incl_tax for line in fulfilment.lines), Decimal(0))
    return money.quantize(lines + fulfilment.delivery_fee, fulfilment.order.currency)


def fulfilment_release_stock(*, fulfilment: ProducerFulfilment) -> None:
    """Give a fulfilment's reserved units back to the shelf (stock-record order)."""
    for line in fulfilment.lines.select_related("stockrecord").order_by("stockrecord_id"):
        if line.stockrecord and line.num_allocated and not line.allocation_cancelled:
            line.cancel_allocation(line.num_allocated)


def fulfilment_cancel(
    *, fulfilment: ProducerFulfilment, by=None, reason: str = "", by_customer: bool = False
) -> ProducerFulfilment:
    """Cancel a producer's part before it ships: stock released, a paid part refunded."""
    with transaction.atomic():
        locked = _locked(fulfilment, "cancel")
        if by_customer and locked.status != Status.NEW:
            raise FulfilmentError(
                _("The producer has already accepted this part; ask them to cancel it.")
            )
        locked.status = Status.CANCELLED
        locked.cancelled_at = timezone.now()
        locked.cancel_reason = reason
        locked.full_clean()
        locked.save()
        fulfilment_release_stock(fulfilment=locked)
        paid = locked.order.status == "paid"
        if not paid:
            order_email_enqueue(event="cancelled", order_id=locked.order_id,
                                fulfilment_id=locked.pk)
    if paid:
        fulfilment_refund(fulfilment=locked, by=by, restock=False)
    return locked


def fulfilment_refund(
    *, fulfilment: ProducerFulfilment, amount: Decimal | None = None, by=None,
    restock: bool = False,
) -> ProducerFulfilment:
    """Refund a card-paid part (all or ``amount``), reversing the producer's transfer to match."""
    from shop.payments.payouts import fulfilment_refund_money

    with transaction.atomic():
        locked = ProducerFulfilment.objects.select_for_update().select_related("order").get(
            pk=fulfilment.pk
        )
        if locked.order.payment_method != "card" or locked.order.status != "paid":
            raise FulfilmentError(_("Only card payments that went through can be refunded."))
        remaining = fulfilment_total(fulfilment=locked) - locked.refunded_amount
        amount = remaining if amount is None else Decimal(amount)
        if amount <= 0 or amount > remaining or amount != money.quantize(amount):
            raise FulfilmentError(
                _("Enter a refund between 0 and %(max)s in steps of %(step)s.")
                % {"max": money.format_money(remaining), "step": money.price_step()}
            )
    # The provider call happens outside the lock; its idempotency key makes a retry safe.
    fulfilment_refund_money(fulfilment=locked, amount=amount)
    with transaction.atomic():
        locked = ProducerFulfilment.objects.select_for_update().get(pk=fulfilment.pk)
        locked.refunded_amount += amount
        locked.save(update_fields=["refunded_amount", "updated"])
        if restock and locked.status != Status.CANCELLED:
            fulfilment_release_stock(fulfilment=locked)
        order_email_enqueue(event="refunded", order_id=locked.order_id, fulfilment_id=locked.pk)
    return locked
