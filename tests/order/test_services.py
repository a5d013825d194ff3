"""A producer's part of an order through its life: accept, ship, deliver, payout, refund."""

from decimal import Decimal

import pytest
from django.core import mail

from producers.models import StockRecord
from shop.order.models import LedgerEntry
from shop.order.placement import order_place
from shop.order.services import (
    FulfilmentError,
    fulfilment_accept,
    fulfilment_cancel,
    fulfilment_deliver,
    fulfilment_dispatch,
    fulfilment_mark_ready,
    fulfilment_refund,
)
from shop.payments.services import payment_confirm, payment_intent_ensure
from tests.order.fixtures import basket_with


@pytest.fixture
def paid_part(buyer, oud, seller, address, stripe_http):
    """Umm Ali's part of a card order: 2 × 1.250 + 1.000 delivery = 3.500 BHD, paid."""
    seller.payout_account_id, seller.payouts_enabled = "acct_umm_ali", True
    seller.save()
    order = order_place(basket=basket_with((oud, 2), owner=buyer), user=buyer, address=address,
                        methods={seller.pk: "delivery"}, payment_method="card")
    intent = payment_intent_ensure(order=order)
    payment_confirm(intent_id=intent.id, amount_minor=3500)
    return order.fulfilments.get()


def test_delivery_flow_consumes_stock_and_pays_the_producer_less_commission(
    paid_part, oud, stripe_http, django_capture_on_commit_callbacks, settings
):
    settings.SHOP_COMMISSION_PERCENT = "5"
    with django_capture_on_commit_callbacks(execute=True):
        fulfilment_accept(fulfilment=paid_part)
        fulfilment_dispatch(fulfilment=paid_part)
        part = fulfilment_deliver(fulfilment=paid_part)

    record = StockRecord.objects.get(product=oud)
    assert (record.num_in_stock, record.num_allocated) == (8, 0)
    [transfer] = stripe_http.posts("/v1/transfers")
    # 3.500 less 5% (0.175 → 0.180 at the 0.010 step) = 3.320 BHD
    assert transfer["form"]["amount"] == "3320"
    assert transfer["form"]["destination"] == "acct_umm_ali"
    assert transfer["form"]["transfer_group"] == str(part.order.number)
    assert transfer["headers"]["Idempotency-Key"] == (
        f"transfer-{part.order.number}-{part.producer_id}")
    part.refresh_from_db()
    assert part.payout_status == "paid"
    kinds = sorted(LedgerEntry.objects.filter(fulfilment=part).values_list("kind", flat=True))
    assert kinds == ["commission", "transfer"]
    subjects = [m.subject for m in mail.outbox]
    assert any("accepted" in s for s in subjects)
    assert any("on its way" in s for s in subjects)


def test_beneficiary_licence_halves_the_commission(buyer, oud, seller, address, settings):
    settings.SHOP_COMMISSION_PERCENT = "5"
    seller.licences.update(beneficiary_discount=True, discount_percent=50)
    order = order_place(basket=basket_with((oud, 1), owner=buyer), user=buyer, address=address,
                        methods={seller.pk: "delivery"}, payment_method="cash")
    assert order.fulfilments.get().commission_percent == Decimal("2.50")


def test_steps_out_of_order_are_refused(paid_part):
    with pytest.raises(FulfilmentError):
        fulfilment_deliver(fulfilment=paid_part)
    fulfilment_accept(fulfilment=paid_part)
    with pytest.raises(FulfilmentError):
        fulfilment_mark_ready(fulfilment=paid_part)  # a delivery order is not picked up


def test_unpaid_card_orders_cannot_be_accepted(buyer, oud, seller, address):
    order = order_place(basket=basket_with((oud, 1), owner=buyer), user=buyer, address=address,
                        methods={seller.pk: "delivery"}, payment_method="card")
    with pytest.raises(FulfilmentError, match="not been paid"):
        fulfilment_accept(fulfilment=order.fulfilments.get())


def test_partial_refund_after_payout_reverses_the_matching_share(
    paid_part, stripe_http, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fulfilment_accept(fulfilment=paid_part)
        fulfilment_dispatch(fulfilment=paid_part)
        fulfilment_deliver(fulfilment=paid_part)

    part = fulfilment_refund(fulfilment=paid_part, amount=Decimal("1.000"))

    assert [r["form"]["amount"] for r in stripe_http.posts("/v1/refunds")] == ["1000"]
    # the producer's share of 1.000 at 5%: 1.000 - 0.050 = 0.950
    assert [r["form"]["amount"] for r in stripe_http.posts("/reversals")] == ["950"]
    assert part.refunded_amount == Decimal("1.000")
    with pytest.raises(FulfilmentError):
        fulfilment_refund(fulfilment=part, amount=Decimal("2.510"))  # more than is left
    with pytest.raises(FulfilmentError):
        fulfilment_refund(fulfilment=part, amount=Decimal("-1"))


def test_producer_cancelling_a_paid_part_refunds_it_and_releases_stock(paid_part, oud,
                                                                       stripe_http):
    fulfilment_cancel(fulfilment=paid_part, reason="Out of rose water")

    assert StockRecord.objects.get(product=oud).num_allocated == 0
    assert [r["form"]["amount"] for r in stripe_http.posts("/v1/refunds")] == ["3500"]
    paid_part.refresh_from_db()
    assert paid_part.status == "cancelled"


def test_pickup_flow_marks_ready(buyer, oud, seller):
    order = order_place(basket=basket_with((oud, 1), owner=buyer), user=buyer, address=None,
                        methods={seller.pk: "pickup"}, payment_method="cash")
    part = fulfilment_accept(fulfilment=order.fulfilments.get())
    part = fulfilment_mark_ready(fulfilment=part)
    part = fulfilment_deliver(fulfilment=part)
    assert part.status == "delivered"
    assert LedgerEntry.objects.get(fulfilment=part).kind == "cash"
