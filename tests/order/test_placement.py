"""Placing an order: totals, one fulfilment per producer, stock reserved, clean refusals."""

from decimal import Decimal

import pytest
from django.core import mail

from producers.models import StockRecord
from shop.order.models import Order, ProducerFulfilment
from shop.order.placement import PlacementError, order_place
from shop.payments.models import Payment
from tests.order.fixtures import basket_with


def place(basket, user, address, methods, payment="cash", **kwargs):
    return order_place(basket=basket, user=user, address=address, methods=methods,
                       payment_method=payment, **kwargs)


def test_cash_order_splits_by_producer_and_reserves_stock(buyer, oud, musk, seller,
                                                          second_seller, address,
                                                          django_capture_on_commit_callbacks):
    basket = basket_with((oud, 3), (musk, 1), owner=buyer)

    with django_capture_on_commit_callbacks(execute=True):
        order = place(basket, buyer, address,
                      {seller.pk: "delivery", second_seller.pk: "delivery"})

    assert order.status == "cash_on_delivery"
    # 3 × 1.250 + 2.500 + delivery 1.000 + 0.000
    assert order.total_incl_tax == Decimal("7.250")
    parts = {f.producer: f for f in order.fulfilments.all()}
    assert parts[seller].delivery_fee == Decimal("1.000")
    assert parts[seller].licence_number == "KH-2026-00001"
    assert [line.quantity for line in parts[seller].lines] == [3]
    assert StockRecord.objects.get(product=oud).num_allocated == 3
    assert order.payment.status == Payment.Status.CASH_DUE
    assert order.shipping_address.line4 == "Muharraq"
    assert {m.to[0] for m in mail.outbox} == {"buyer@example.com", "ummali@example.com"}


def test_pickup_takes_no_fee_and_names_the_pickup_point(buyer, oud, seller, address):
    order = place(basket_with((oud, 1), owner=buyer), buyer, None, {seller.pk: "pickup"})

    part = order.fulfilments.get()
    assert (part.method, part.pickup_point) == ("pickup", "Seef Mall, gate 3")
    assert order.total_incl_tax == Decimal("1.250")
    assert order.shipping_address is None


def test_card_order_waits_for_payment_and_expires_later(buyer, oud, seller, address):
    order = place(basket_with((oud, 1), owner=buyer), buyer, address,
                  {seller.pk: "delivery"}, payment="card")

    assert order.status == "pending_payment"
    assert order.expires_at is not None
    assert order.payment.status == Payment.Status.PENDING


def test_guest_needs_an_email(oud, seller, address):
    with pytest.raises(PlacementError, match="e-mail"):
        place(basket_with((oud, 1)), None, address, {seller.pk: "delivery"})
    order = place(basket_with((oud, 1)), None, address, {seller.pk: "delivery"},
                  guest_email="guest@example.com")
    assert order.email == "guest@example.com"


def test_replayed_submission_returns_the_same_order(buyer, oud, seller, address):
    basket = basket_with((oud, 2), owner=buyer)

    first = place(basket, buyer, address, {seller.pk: "delivery"})
    second = place(basket, buyer, address, {seller.pk: "delivery"})

    assert first.pk == second.pk
    assert Order.objects.count() == 1
    assert StockRecord.objects.get(product=oud).num_allocated == 2


def test_short_stock_refuses_with_a_message_and_writes_nothing(buyer, musk, oud, seller,
                                                               second_seller, address):
    basket = basket_with((oud, 1), (musk, 5), owner=buyer)
    StockRecord.objects.filter(product=musk).update(num_in_stock=4)

    with pytest.raises(PlacementError, match="Only 4 of “Musk” left"):
        place(basket, buyer, address, {seller.pk: "delivery", second_seller.pk: "delivery"})

    assert Order.objects.count() == 0
    assert ProducerFulfilment.objects.count() == 0
    assert StockRecord.objects.get(product=oud).num_allocated in (0, None)


def test_lapsed_licence_stops_the_order_with_the_reason(buyer, oud, seller, address):
    basket = basket_with((oud, 1), owner=buyer)
    seller.licences.update(status="suspended")

    with pytest.raises(PlacementError, match="suspended"):
        place(basket, buyer, address, {seller.pk: "delivery"})
    assert Order.objects.count() == 0


def test_delivery_outside_the_producers_areas_is_refused(buyer, oud, seller, address):
    seller.delivery_areas = "Riffa\nIsa Town"
    seller.save()

    with pytest.raises(PlacementError, match="does not deliver to Muharraq"):
        place(basket_with((oud, 1), owner=buyer), buyer, address, {seller.pk: "delivery"})


def test_a_choice_is_needed_for_every_producer(buyer, oud, musk, seller, second_seller, address):
    basket = basket_with((oud, 1), (musk, 1), owner=buyer)
    with pytest.raises(PlacementError, match="Dar Bakhoor"):
        place(basket, buyer, address, {seller.pk: "delivery", second_seller.pk: "pickup"})
