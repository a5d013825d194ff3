"""Races for the last units, on PostgreSQL: nothing oversold, nobody deadlocked, no doubles."""

import random
import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.db.models import Sum

from producers.models import StockRecord
from shop.order.models import Line, Order
from shop.order.placement import PlacementError, order_place
from tests.factories import ProducerFactory, make_product
from tests.order.fixtures import basket_with

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks and concurrent transactions need PostgreSQL (DATABASE_URL=postgres://…)",
    ),
]


def race(jobs):
    """Run callables at the same instant in threads; return their results or exceptions."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(i, job):
        try:
            barrier.wait()
            results[i] = job()
        except Exception as exc:  # noqa: BLE001  (the test inspects every outcome)
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def buy(basket, producers, guest):
    return lambda: order_place(
        basket=basket, guest_email=guest, address=None, payment_method="cash",
        methods={p.pk: "pickup" for p in producers},
    )


def pickup_producer(licence_for):
    producer = ProducerFactory(offers_pickup=True, pickup_point="Seef Mall")
    licence_for(producer)
    return producer


@pytest.fixture
def licence_for(tayeb):
    from tests.factories import LicenceFactory

    return lambda producer: LicenceFactory(producer=producer, verified=True, covering=[tayeb])


def test_fifty_buyers_for_the_last_ten_units(licence_for, bakhoor):
    producer = pickup_producer(licence_for)
    product = make_product(producer=producer, category=bakhoor, title="Last oud", stock=10)
    baskets = [basket_with((product, 1)) for _ in range(50)]

    results = race([buy(b, [producer], f"buyer{i}@example.com") for i, b in enumerate(baskets)])

    placed = [r for r in results if isinstance(r, Order)]
    refused = [r for r in results if isinstance(r, PlacementError)]
    outcomes = Counter(type(r).__name__ for r in results)
    assert len(placed) == 10, outcomes
    assert len(refused) == 40, outcomes
    assert all("sold out" in str(r) for r in refused)
    record = StockRecord.objects.get(product=product)
    assert record.num_allocated == 10 <= record.num_in_stock
    assert Order.objects.count() == 10


def test_mixed_baskets_race_without_overselling_or_deadlocks(licence_for, bakhoor):
    rng = random.Random(4)
    producers = [pickup_producer(licence_for) for _ in range(3)]
    products = [
        make_product(producer=producers[i % 3], category=bakhoor, title=f"Item {i}", stock=6)
        for i in range(4)
    ]
    jobs = []
    for i in range(30):
        chosen = rng.sample(products, rng.randint(1, 3))  # random line order per basket
        basket = basket_with(*[(p, rng.randint(1, 2)) for p in chosen])
        owners = {p.stockrecords.get().partner for p in chosen}
        jobs.append(buy(basket, owners, f"racer{i}@example.com"))

    results = race(jobs)

    unexpected = [r for r in results if not isinstance(r, Order | PlacementError)]
    assert unexpected == []  # a deadlock would surface here as an OperationalError
    assert any(isinstance(r, Order) for r in results)
    for product in products:
        record = StockRecord.objects.get(product=product)
        ordered = Line.objects.filter(stockrecord=record).aggregate(n=Sum("quantity"))["n"] or 0
        assert (record.num_allocated or 0) == ordered <= record.num_in_stock


def test_double_clicked_place_order_makes_one_order(licence_for, bakhoor):
    producer = pickup_producer(licence_for)
    product = make_product(producer=producer, category=bakhoor, stock=5)
    basket = basket_with((product, 2))

    results = race([buy(basket, [producer], "twice@example.com") for _ in range(2)])

    assert [type(r) for r in results] == [Order, Order]
    assert results[0].pk == results[1].pk
    assert StockRecord.objects.get(product=product).num_allocated == 2
