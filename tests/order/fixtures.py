"""Order fixtures (a plugin registered in tests/conftest.py): two licensed producers with stock."""

import pytest
from oscar.core.loading import get_model

from producers.strategy import Selector
from tests.factories import LicenceFactory, ProducerFactory, UserFactory, make_product

Basket = get_model("basket", "Basket")


@pytest.fixture
def seller(tayeb, bakhoor):
    """A Tayeb producer who delivers for 1.000 and offers pickup at a mall."""
    producer = ProducerFactory(
        name="Umm Ali Perfumes", offers_delivery=True, delivery_fee="1.000",
        offers_pickup=True, pickup_point="Seef Mall, gate 3",
    )
    LicenceFactory(producer=producer, verified=True, covering=[tayeb], number="KH-2026-00001")
    producer.users.add(UserFactory(email="ummali@example.com"))
    return producer


@pytest.fixture
def second_seller(tayeb):
    """Another Tayeb producer, delivery only, free."""
    producer = ProducerFactory(name="Dar Bakhoor", offers_delivery=True, delivery_fee="0.000")
    LicenceFactory(producer=producer, verified=True, covering=[tayeb], number="KH-2026-00002")
    return producer


@pytest.fixture
def oud(seller, bakhoor):
    return make_product(producer=seller, category=bakhoor, title="Oud", price="1.250", stock=10)


@pytest.fixture
def musk(second_seller, bakhoor):
    return make_product(
        producer=second_seller, category=bakhoor, title="Musk", price="2.500", stock=5
    )


@pytest.fixture
def buyer(db):
    return UserFactory(email="buyer@example.com")


def basket_with(*items, owner=None):
    """A basket holding (product, quantity) pairs, priced by Muntij's strategy."""
    basket = Basket.objects.create(owner=owner)
    basket.strategy = Selector().strategy()
    for product, quantity in items:
        basket.add_product(product, quantity)
    return basket


@pytest.fixture
def address():
    from shop.order.placement import BahrainAddress

    return BahrainAddress(
        name="Fatima Al-Sayed", phone="+97333334444", area="Muharraq", block="204",
        road="2410", building="1187", flat="12",
    )
