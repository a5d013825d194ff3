"""Money to and from producers after an order: transfers, refunds and their reversals."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from shop import money
from shop.order.models import LedgerEntry, ProducerFulfilment

from .gateway import get_gateway

Payout = ProducerFulfilment.Payout


def _minor(amount: Decimal, currency: str) -> int:
    return money.to_minor_units(money.quantize(amount, currency), currency)


def fulfilment_payout(*, fulfilment: ProducerFulfilment) -> ProducerFulfilment:
    """Transfer a delivered, card-paid part to its producer, less the programme commission."""
    from shop.order.services import fulfilment_total

    with transaction.atomic():
        locked = ProducerFulfilment.objects.select_for_update().select_related(
            "order", "producer"
        ).get(pk=fulfilment.pk)
        order, producer = locked.order, locked.producer
        ready = (
            locked.status == ProducerFulfilment.Status.DELIVERED
            and order.status == "paid" and locked.payout_status in {Payout.PENDING, Payout.HELD}
        )
        if not ready:
            return locked
        if not (producer.payouts_enabled and producer.payout_account_id):
            locked.payout_status = Payout.HELD
            locked.save(update_fields=["payout_status", "updated"])
            return locked
        base = fulfilment_total(fulfilment=locked) - locked.refunded_amount
        payout, commission = money.payout_split(base, locked.commission_percent, order.currency)
        transfer_id = get_gateway().transfer_create(
            account_id=producer.payout_account_id,
            amount_minor=_minor(payout, order.currency),
            currency=order.currency,
            transfer_group=order.number,
            idempotency_key=f"transfer-{order.number}-{producer.pk}",
        )
        locked.transfer_id = transfer_id
        locked.payout_status = Payout.PAID
        locked.save(update_fields=["transfer_id", "payout_status", "updated"])
        LedgerEntry.objects.create(
            kind=LedgerEntry.Kind.TRANSFER, order=order, fulfilment=locked, amount=payout,
            currency=order.currency, external_id=transfer_id,
        )
        LedgerEntry.objects.create(
            kind=LedgerEntry.Kind.COMMISSION, order=order, fulfilment=locked, amount=commission,
            currency=order.currency, note=f"{locked.commission_percent}%",
        )
    return locked


def fulfilment_refund_money(*, fulfilment: ProducerFulfilment, amount: Decimal) -> None:
    """Refund the customer on the platform and reverse the producer's matching share."""
    order = fulfilment.order
    gateway = get_gateway()
    done = _minor(fulfilment.refunded_amount, order.currency)
    minor = _minor(amount, order.currency)
    refund_id = gateway.refund_create(
        intent_id=order.payment.intent_id, amount_minor=minor,
        idempotency_key=f"refund-{order.number}-{fulfilment.producer_id}-{done}-{minor}",
    )
    LedgerEntry.objects.get_or_create(
        external_id=refund_id,
        defaults={"kind": LedgerEntry.Kind.REFUND, "order": order, "fulfilment": fulfilment,
                  "amount": amount, "currency": order.currency},
    )
    if not fulfilment.transfer_id:
        return
    share, _commission = money.payout_split(amount, fulfilment.commission_percent, order.currency)
    reversal_id = gateway.transfer_reverse(
        transfer_id=fulfilment.transfer_id, amount_minor=_minor(share, order.currency),
        idempotency_key=f"reversal-{order.number}-{fulfilment.producer_id}-{done}-{minor}",
    )
    LedgerEntry.objects.get_or_create(
        external_id=reversal_id,
        defaults={"kind": LedgerEntry.Kind.REVERSAL, "order": order, "fulfilment": fulfilment,
                  "amount": share, "currency": order.currency,
                  "note": _("Reversed with a refund")},
    )
    ProducerFulfilment.objects.filter(pk=fulfilment.pk).update(payout_status=Payout.REVERSED)


def producer_payout_connect(*, producer, refresh_url: str, return_url: str) -> str:
    """Start or resume a producer's Stripe Express onboarding; returns the link to send them to."""
    gateway = get_gateway()
    if not producer.payout_account_id:
        owner = producer.users.order_by("pk").first()
        producer.payout_account_id = gateway.account_create(
            email=owner.email if owner else "", idempotency_key=f"account-{producer.pk}"
        )
        producer.save(update_fields=["payout_account_id"])
    return gateway.account_link(
        account_id=producer.payout_account_id, refresh_url=refresh_url, return_url=return_url
    )
