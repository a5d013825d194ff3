"""The producer's actions on a fulfilment: shop.order.services' when present, else these.

The checkout branch owns ``shop/order/services.py`` (fulfilment_accept, _mark_ready,
_dispatch, _deliver, _cancel(reason=...)). Until it is merged the portal uses the minimal
versions below, with the same names and keyword-only signatures; on merge, the import
wins and this fallback can be deleted.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.order.models import ProducerFulfilment

S = ProducerFulfilment.Status
_ALLOWED = {
    S.ACCEPTED: {S.NEW},
    S.READY: {S.ACCEPTED},
    S.DISPATCHED: {S.ACCEPTED, S.READY},
    S.DELIVERED: {S.READY, S.DISPATCHED},
    S.CANCELLED: {S.NEW, S.ACCEPTED, S.READY},
}
_STAMP = {S.ACCEPTED: "accepted_at", S.DISPATCHED: "dispatched_at",
          S.DELIVERED: "delivered_at", S.CANCELLED: "cancelled_at"}


def _move(fulfilment: ProducerFulfilment, to: str, **changes) -> ProducerFulfilment:
    fulfilment = ProducerFulfilment.objects.select_for_update().get(pk=fulfilment.pk)
    if fulfilment.status not in _ALLOWED[to]:
        raise ValidationError(
            _("An order that is %(status)s cannot be marked %(to)s.")
            % {"status": fulfilment.get_status_display().lower(), "to": S(to).label.lower()}
        )
    fulfilment.status = to
    if to in _STAMP:
        setattr(fulfilment, _STAMP[to], timezone.now())
    for field, value in changes.items():
        setattr(fulfilment, field, value)
    fulfilment.full_clean()
    fulfilment.save()
    return fulfilment


@transaction.atomic
def _accept(*, fulfilment: ProducerFulfilment, by=None) -> ProducerFulfilment:
    """Accept a new order."""
    return _move(fulfilment, S.ACCEPTED)


@transaction.atomic
def _mark_ready(*, fulfilment: ProducerFulfilment, by=None) -> ProducerFulfilment:
    """Mark an accepted order ready for pickup."""
    return _move(fulfilment, S.READY)


@transaction.atomic
def _dispatch(*, fulfilment: ProducerFulfilment, by=None) -> ProducerFulfilment:
    """Mark an order dispatched to the customer."""
    return _move(fulfilment, S.DISPATCHED)


@transaction.atomic
def _deliver(*, fulfilment: ProducerFulfilment, by=None) -> ProducerFulfilment:
    """Mark an order delivered (or collected)."""
    return _move(fulfilment, S.DELIVERED)


@transaction.atomic
def _cancel(*, fulfilment: ProducerFulfilment, reason: str, by=None) -> ProducerFulfilment:
    """Cancel the producer's part of an order with a reason the customer is told."""
    if not reason.strip():
        raise ValidationError({"reason": _("Please give a reason; the customer will see it.")})
    fulfilment = _move(fulfilment, S.CANCELLED, cancel_reason=reason.strip())
    email = fulfilment.order.email
    if email:
        subject = _("Order %(number)s: cancelled by %(producer)s") % {
            "number": fulfilment.order.number, "producer": fulfilment.producer.name}
        transaction.on_commit(lambda: send_mail(subject, reason.strip(), None, [email]))
    return fulfilment


try:  # the checkout branch's services, when merged
    from shop.order.services import (  # type: ignore[import-not-found]
        fulfilment_accept,
        fulfilment_cancel,
        fulfilment_deliver,
        fulfilment_dispatch,
        fulfilment_mark_ready,
    )
except ImportError:
    fulfilment_accept = _accept
    fulfilment_mark_ready = _mark_ready
    fulfilment_dispatch = _dispatch
    fulfilment_deliver = _deliver
    fulfilment_cancel = _cancel

ACTIONS = {
    "accept": fulfilment_accept,
    "ready": fulfilment_mark_ready,
    "dispatch": fulfilment_dispatch,
    "deliver": fulfilment_deliver,
}
