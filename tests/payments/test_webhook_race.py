"""On PostgreSQL: the same event five times at once, and the browser's return page meanwhile."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from shop.order.models import LedgerEntry
from shop.order.placement import order_place
from shop.payments.models import Payment, ProcessedEvent
from shop.payments.services import payment_intent_ensure
from tests.order.fixtures import basket_with
from tests.order.test_concurrency import race
from tests.payments.fixtures import intent_event, signed

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent webhook deliveries need PostgreSQL (DATABASE_URL=postgres://…)",
    ),
]


def test_simultaneous_duplicate_events_record_one_payment(buyer, oud, seller, stripe_http):
    order = order_place(basket=basket_with((oud, 2), owner=buyer), user=buyer, address=None,
                        methods={seller.pk: "pickup"}, payment_method="card")
    intent = payment_intent_ensure(order=order)
    body, header = signed(intent_event("evt_race", intent.id, 2500))

    def deliver():
        return Client().post("/payments/stripe/webhook/", body, content_type="application/json",
                             HTTP_STRIPE_SIGNATURE=header).status_code

    def look():
        client = Client()
        client.force_login(buyer)
        return client.get(reverse("checkout:order-status",
                                  kwargs={"number": order.number})).status_code

    results = race([deliver] * 5 + [look])

    assert results == [200] * 6
    order.refresh_from_db()
    assert order.status == "paid"
    assert Payment.objects.filter(order=order).count() == 1
    assert LedgerEntry.objects.filter(order=order, kind="charge").count() == 1
    assert ProcessedEvent.objects.filter(event_id="evt_race").count() == 1
