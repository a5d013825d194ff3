"""Unpaid card orders lapse after ``SHOP_UNPAID_ORDER_MINUTES`` and give their stock back."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from .emails import order_email_enqueue
from .models import Line, Order, ProducerFulfilment


def order_release_stock(*, order: Order) -> None:
    """Release every reservation of an order, in stock-record order (the placement lock order)."""
    lines = Line.objects.filter(order=order, allocation_cancelled=False, num_allocated__gt=0)
    for line in lines.select_related("stockrecord").order_by("stockrecord_id"):
        if line.stockrecord:
            line.cancel_allocation(line.num_allocated)


def order_expire(*, order: Order) -> bool:
    """Expire one unpaid order; False when it was paid or expired meanwhile."""
    from shop.payments.models import Payment

    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status != "pending_payment":
            return False
        locked.status = "expired"
        locked.save(update_fields=["status"])
        locked.fulfilments.update(
            status=ProducerFulfilment.Status.CANCELLED,
            cancel_reason=_("Not paid in time"),
        )
        order_release_stock(order=locked)
        Payment.objects.filter(order=locked, status=Payment.Status.PENDING).update(
            status=Payment.Status.CANCELLED
        )
        order_email_enqueue(event="cancelled", order_id=locked.pk)
    return True


def orders_expire(*, now) -> int:
    """Expire every unpaid order whose time ran out; returns how many."""
    due = Order.objects.filter(status="pending_payment", expires_at__lt=now).order_by("pk")
    return sum(order_expire(order=order) for order in due)
