"""Unpaid card orders lapse after ``SHOP_UNPAID_ORDER_MINUTES`` and give their stock back."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

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
    return _close_unpaid(order, status="expired", reason=_("Not paid in time"))


def order_cancel_unpaid(*, order: Order) -> bool:
    """The customer drops an unpaid card order: all parts cancelled, stock released."""
    return _close_unpaid(order, status="cancelled", reason=_("Cancelled by the customer"))


def _close_unpaid(order: Order, *, status: str, reason: str) -> bool:
    from shop.payments.models import Payment

    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status != "pending_payment":
            return False
        locked.status = status
        locked.save(update_fields=["status"])
        locked.fulfilments.update(
            status=ProducerFulfilment.Status.CANCELLED, cancel_reason=reason,
            cancelled_at=timezone.now(),
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


@task()
def unpaid_orders_expire_task() -> int:
    """The expiry sweep as a task, for deployments that schedule tasks instead of cron."""
    return orders_expire(now=timezone.now())
