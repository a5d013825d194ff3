"""Order e-mails to customers and producers, sent by the task backend in each one's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

SUBJECTS = {
    "placed": _("Order %(number)s received"),
    "paid": _("Payment received for order %(number)s"),
    "accepted": _("Order %(number)s: accepted by %(producer)s"),
    "ready": _("Order %(number)s: ready for pickup at %(producer)s"),
    "dispatched": _("Order %(number)s: on its way from %(producer)s"),
    "delivered": _("Order %(number)s: delivered by %(producer)s"),
    "cancelled": _("Order %(number)s: cancelled"),
    "refunded": _("Order %(number)s: refund from %(producer)s"),
    "new_order": _("New order %(number)s for %(producer)s"),
}


def _send(*, event: str, to: list[str], language: str, context: dict) -> None:
    with translation.override(language):
        subject = str(SUBJECTS[event] % {
            "number": context["order"].number,
            "producer": context["fulfilment"].producer.name if context.get("fulfilment") else "",
        })
        body = render_to_string("emails/order_event.txt", {**context, "event": event})
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


@task()
def order_email_send(*, event: str, order_id: int, fulfilment_id: int | None = None) -> None:
    """Tell the customer (and, for new orders, each producer) what happened to an order."""
    from .models import Order, ProducerFulfilment

    order = Order.objects.get(pk=order_id)
    fulfilments = list(
        ProducerFulfilment.objects.filter(order=order).select_related("producer")
    )
    fulfilment = next((f for f in fulfilments if f.pk == fulfilment_id), None)
    if order.email:
        language = (order.user.preferred_language if order.user else "") or order.language
        _send(event=event, to=[order.email], language=language,
              context={"order": order, "fulfilment": fulfilment, "fulfilments": fulfilments,
                       "customer_name": _customer_name(order)})
    if event in {"placed", "paid"} and (event == "paid") == (order.payment_method == "card"):
        for each in fulfilments:
            _producer_notify(order=order, fulfilment=each)
    elif event in {"cancelled", "refunded"} and fulfilment:
        _producer_notify(order=order, fulfilment=fulfilment, event=event)


def _customer_name(order) -> str:
    if order.user:
        return order.user.first_name
    address = order.shipping_address or order.billing_address
    return address.first_name if address else ""


def _producer_notify(*, order, fulfilment, event: str = "new_order") -> None:
    for user in fulfilment.producer.users.all():
        if user.email:
            _send(event=event, to=[user.email],
                  language=user.preferred_language or settings.LANGUAGE_CODE,
                  context={"order": order, "fulfilment": fulfilment, "for_producer": True})


def order_email_enqueue(*, event: str, order_id: int, fulfilment_id: int | None = None) -> None:
    """Queue an order e-mail once the current transaction commits."""
    transaction.on_commit(
        lambda: order_email_send.enqueue(
            event=event, order_id=order_id, fulfilment_id=fulfilment_id
        )
    )
