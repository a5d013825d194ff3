"""Card payments through the injected Stripe client: amounts, idempotency, webhooks, failures."""

import time
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from producers.models import StockRecord
from shop.order.models import LedgerEntry, Order
from shop.order.placement import order_place
from shop.payments.gateway import GatewayError
from shop.payments.models import Payment, ProcessedEvent
from shop.payments.services import payment_intent_ensure
from tests.order.fixtures import basket_with
from tests.payments.fixtures import intent_event, signed

WEBHOOK = "/payments/stripe/webhook/"


@pytest.fixture
def card_order(buyer, oud, seller):
    """3 × 1.250 BHD picked up: 3.750 BHD, unpaid."""
    return order_place(basket=basket_with((oud, 3), owner=buyer), user=buyer, address=None,
                       methods={seller.pk: "pickup"}, payment_method="card")


def post_event(client, event, **kwargs):
    body, header = signed(event, **kwargs)
    return client.post(WEBHOOK, body, content_type="application/json",
                       HTTP_STRIPE_SIGNATURE=header)


def test_bhd_1250_times_3_charges_3750_fils_with_a_deterministic_key(card_order, stripe_http):
    intent = payment_intent_ensure(order=card_order)
    payment_intent_ensure(order=Order.objects.get(pk=card_order.pk))  # page reloaded

    created = stripe_http.posts("/v1/payment_intents")
    assert len(created) == 1
    assert created[0]["form"]["amount"] == "3750"
    assert created[0]["form"]["currency"] == "bhd"
    assert created[0]["headers"]["Idempotency-Key"] == f"order-{card_order.number}-payment"
    assert Payment.objects.get(order=card_order).intent_id == intent.id


@pytest.mark.parametrize(("currency", "amount", "minor"), [("BHD", "3.750", 3750),
                                                           ("SAR", "3.75", 375)])
def test_minor_units_follow_the_currency(currency, amount, minor):
    from shop.money import to_minor_units

    assert to_minor_units(Decimal(amount), currency) == minor


def test_webhook_five_times_and_out_of_order_records_one_payment(
    client, card_order, stripe_http, django_capture_on_commit_callbacks
):
    intent = payment_intent_ensure(order=card_order)
    succeeded = intent_event("evt_1", intent.id, 3750)
    failed_late = intent_event("evt_0", intent.id, 3750, kind="payment_intent.payment_failed")

    with django_capture_on_commit_callbacks(execute=True):
        answers = [post_event(client, succeeded).status_code for _ in range(5)]
        answers.append(post_event(client, failed_late).status_code)

    assert answers == [200] * 6
    card_order.refresh_from_db()
    assert card_order.status == "paid"
    assert LedgerEntry.objects.filter(kind="charge", order=card_order).count() == 1
    assert ProcessedEvent.objects.count() == 2
    paid_mails = [m for m in mail.outbox if "Payment received" in m.subject]
    assert len(paid_mails) == 1
    assert card_order.fulfilments.get().invoice_number == 1


@pytest.mark.parametrize("tamper", ["secret", "stale"])
def test_bad_signature_or_stale_timestamp_is_refused(client, card_order, stripe_http, tamper):
    intent = payment_intent_ensure(order=card_order)
    event = intent_event("evt_bad", intent.id, 3750)
    kwargs = {"secret": "whsec_wrong"} if tamper == "secret" else {
        "timestamp": int(time.time()) - 3600}

    response = post_event(client, event, **kwargs)

    assert response.status_code == 400
    card_order.refresh_from_db()
    assert card_order.status == "pending_payment"
    assert ProcessedEvent.objects.count() == 0


def test_a_tampered_amount_does_not_mark_the_order_paid(client, card_order, stripe_http):
    intent = payment_intent_ensure(order=card_order)

    post_event(client, intent_event("evt_cheap", intent.id, 10))

    card_order.refresh_from_db()
    assert card_order.status == "pending_payment"


@pytest.mark.parametrize("mode", ["down", "decline"])
def test_stripe_down_or_declining_keeps_the_order_and_its_stock(
    client, buyer, card_order, oud, stripe_http, mode
):
    stripe_http.mode = mode
    client.force_login(buyer)

    response = client.get(reverse("checkout:pay", kwargs={"number": card_order.number}))

    assert response.status_code == 200
    assert b"payment-error" in response.content
    card_order.refresh_from_db()
    assert card_order.status == "pending_payment"
    assert StockRecord.objects.get(product=oud).num_allocated == 3
    stripe_http.mode = "ok"
    retry = client.get(reverse("checkout:pay", kwargs={"number": card_order.number}))
    assert b"pi_1_secret_x" in retry.content


def test_gateway_errors_carry_a_message_for_people(card_order, stripe_http):
    stripe_http.mode = "decline"
    with pytest.raises(GatewayError) as caught:
        payment_intent_ensure(order=card_order)
    assert caught.value.declined
    assert "declined" in str(caught.value.user_message)


def test_return_page_before_the_webhook_shows_waiting_then_paid(
    client, buyer, card_order, stripe_http
):
    client.force_login(buyer)
    intent = payment_intent_ensure(order=card_order)
    status_url = reverse("checkout:order-status", kwargs={"number": card_order.number})

    assert b'data-status="pending_payment"' in client.get(status_url).content
    post_event(client, intent_event("evt_9", intent.id, 3750))
    assert b'data-status="paid"' in client.get(status_url).content
    assert Payment.objects.filter(order=card_order).count() == 1


def test_another_customers_order_is_not_found(client, card_order, stripe_http):
    from tests.factories import UserFactory

    client.force_login(UserFactory(email="nosy@example.com"))
    for name in ("checkout:pay", "checkout:order-status"):
        assert client.get(reverse(name, kwargs={"number": card_order.number})).status_code == 404


def test_webhook_before_the_intent_id_was_saved_still_pays_once(client, card_order,
                                                                stripe_http):
    event = intent_event("evt_early", "pi_early", 3750)
    event["data"]["object"]["metadata"] = {"order_number": card_order.number}

    post_event(client, event)
    post_event(client, {**event, "id": "evt_early_again"})

    card_order.refresh_from_db()
    assert card_order.status == "paid"
    payment = Payment.objects.get(order=card_order)
    assert payment.intent_id == "pi_early"
    assert LedgerEntry.objects.filter(order=card_order, kind="charge").count() == 1


def test_no_receipt_before_payment(client, buyer, card_order, stripe_http):
    client.force_login(buyer)
    part = card_order.fulfilments.get()
    url = reverse("checkout:receipt", kwargs={"number": card_order.number, "pk": part.pk})

    assert client.get(url).status_code == 404
    part.refresh_from_db()
    assert part.invoice_number is None


def test_cancelling_an_unpaid_card_order_drops_it_whole(client, buyer, card_order, oud,
                                                        stripe_http):
    client.force_login(buyer)
    part = card_order.fulfilments.get()

    client.post(reverse("checkout:fulfilment-cancel",
                        kwargs={"number": card_order.number, "pk": part.pk}))

    card_order.refresh_from_db()
    assert card_order.status == "cancelled"
    assert StockRecord.objects.get(product=oud).num_allocated == 0
