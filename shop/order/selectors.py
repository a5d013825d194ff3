"""Reads for orders: which orders a visitor may see."""

from __future__ import annotations

from .models import Order, ProducerFulfilment

SESSION_KEY = "muntij_orders"


def order_remember(*, request, order: Order) -> None:
    """Let this browser session see an order it placed (guests have no account)."""
    numbers = request.session.get(SESSION_KEY, [])
    if str(order.number) not in numbers:
        request.session[SESSION_KEY] = [*numbers[-19:], str(order.number)]


def order_for_visitor(*, request, number: str) -> Order | None:
    """The order if this visitor placed it (account or this session), else None."""
    order = Order.objects.filter(number=number).select_related("user").first()
    if order is None:
        return None
    user = request.user
    if order.user_id and user.is_authenticated and order.user_id == user.pk:
        return order
    if order.number in request.session.get(SESSION_KEY, []):
        return order
    return None


def fulfilment_for_document(*, request, number: str, pk: int) -> ProducerFulfilment | None:
    """A fulfilment whose receipt this visitor may download: its customer or its producer."""
    part = ProducerFulfilment.objects.filter(pk=pk, order__number=number).select_related(
        "order", "producer"
    ).first()
    if part is None or part.order.status in {"pending_payment", "expired"}:
        return None  # no official receipt before payment (numbers stay gap-free)
    if order_for_visitor(request=request, number=number):
        return part
    user = request.user
    if user.is_authenticated and (user.is_staff or part.producer.users.filter(pk=user.pk).exists()):
        return part
    return None
