"""Unpaid card orders expire and release stock; a late payment is refunded, not kept."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from producers.models import StockRecord
from shop.order.models import LedgerEntry
from shop.order.placement import order_place
from shop.payments.models import Payment
from shop.payments.services import payment_confirm, payment_intent_ensure
from tests.order.fixtures import basket_with


def card_order(buyer, oud, seller, quantity=2):
    return order_place(basket=basket_with((oud, quantity), owner=buyer), user=buyer,
                       address=None, methods={seller.pk: "pickup"}, payment_method="card")


def test_expired_unpaid_orders_release_their_stock(buyer, oud, seller, time_machine):
    order = card_order(buyer, oud, seller)
    call_command("expire_unpaid_orders")
    order.refresh_from_db()
    assert order.status == "pending_payment"  # not yet due

    time_machine.move_to(timezone.now() + timedelta(minutes=31))
    call_command("expire_unpaid_orders")

    order.refresh_from_db()
    assert order.status == "expired"
    assert StockRecord.objects.get(product=oud).num_allocated == 0
    assert order.fulfilments.get().status == "cancelled"
    assert order.payment.status == Payment.Status.CANCELLED


def test_cash_orders_never_expire(buyer, oud, seller, time_machine):
    order = order_place(basket=basket_with((oud, 1), owner=buyer), user=buyer, address=None,
                        methods={seller.pk: "pickup"}, payment_method="cash")
    time_machine.move_to(timezone.now() + timedelta(days=3))
    call_command("expire_unpaid_orders")
    order.refresh_from_db()
    assert order.status == "cash_on_delivery"


def test_payment_after_expiry_is_refunded(buyer, oud, seller, stripe_http, time_machine,
                                          django_capture_on_commit_callbacks):
    order = card_order(buyer, oud, seller)
    intent = payment_intent_ensure(order=order)
    time_machine.move_to(timezone.now() + timedelta(minutes=31))
    call_command("expire_unpaid_orders")

    with django_capture_on_commit_callbacks(execute=True):
        payment_confirm(intent_id=intent.id, amount_minor=2500)

    order.refresh_from_db()
    assert order.status == "expired"
    refunds = stripe_http.posts("/v1/refunds")
    assert [r["form"]["amount"] for r in refunds] == ["2500"]
    assert LedgerEntry.objects.filter(order=order, kind="refund").count() == 1
