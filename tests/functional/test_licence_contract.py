"""The contract: every licence state through every path that can sell a product.

Paths: the pure rule, ``purchasable()``, ``browsable()``, the strategy, the basket add
form and view, order creation, the product page. Each asserts the rule's reason code
(or the absence of the product), never a message.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.translation import override
from oscar.apps.basket.forms import AddToBasketForm
from oscar.apps.shipping.methods import Free
from oscar.core.loading import get_class, get_model

from catalog.models import Product
from producers.models import Licence, LicenceApproval
from producers.rules import Reason, product_purchasability
from producers.strategy import Default as Strategy
from shop.order.utils import LineNotPurchasable, OrderCreator
from tests.factories import LicenceFactory, ProducerFactory, category_child, make_product

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")

STATES = {
    # state: (how to build it, the reason the rule must give)
    "none": ("none", Reason.NO_LICENCE),
    "submitted": ("submitted", Reason.UNVERIFIED),
    "verified": ("verified", Reason.PURCHASABLE),
    "expires-today": ("expires-today", Reason.PURCHASABLE),
    "expired-a-second-ago": ("expired-a-second-ago", Reason.EXPIRED),
    "suspended": ("suspended", Reason.SUSPENDED),
    "rejected": ("rejected", Reason.UNVERIFIED),
    "category-not-covered": ("category-not-covered", Reason.CATEGORY_NOT_COVERED),
    "parent-package-covers-sub-category": ("sub-category", Reason.PURCHASABLE),
    "food-without-food-control": ("food-no-approval", Reason.APPROVAL_MISSING),
    "producer-on-vacation": ("vacation", Reason.ON_VACATION),
}


@pytest.fixture
def world(tayeb, atayeb, bakhoor, authorities):
    return {"tayeb": tayeb, "atayeb": atayeb, "bakhoor": bakhoor, "authorities": authorities}


def build(state: str, world) -> Product:
    """A product whose producer's licence is in the given state."""
    now = timezone.now()
    producer = ProducerFactory()
    tayeb, atayeb = world["tayeb"], world["atayeb"]
    category = tayeb.category
    if state == "submitted":
        LicenceFactory(producer=producer, covering=[tayeb])
    elif state == "vacation":
        LicenceFactory(producer=producer, verified=True, covering=[tayeb])
        producer.on_vacation = True
        producer.save()
    elif state in ("verified", "sub-category"):
        LicenceFactory(producer=producer, verified=True, covering=[tayeb])
        if state == "sub-category":
            category = category_child(world["bakhoor"], "Oud chips")
    elif state == "expires-today":
        LicenceFactory(
            producer=producer, verified=True, covering=[tayeb],
            valid_until=now + timedelta(minutes=5),
        )
    elif state == "expired-a-second-ago":
        LicenceFactory(
            producer=producer, verified=True, covering=[tayeb],
            valid_until=now - timedelta(seconds=1),
        )
    elif state == "suspended":
        LicenceFactory(producer=producer, suspended=True, covering=[tayeb])
    elif state == "rejected":
        LicenceFactory(producer=producer, rejected=True, covering=[tayeb])
    elif state == "category-not-covered":
        LicenceFactory(producer=producer, verified=True, covering=[tayeb])
        category = atayeb.category
    elif state == "food-no-approval":
        licence = LicenceFactory(producer=producer, verified=True, covering=[atayeb])
        LicenceApproval.objects.filter(
            licence=licence, authority=world["authorities"]["food-control"]
        ).update(status="pending")
        category = atayeb.category
    return make_product(producer=producer, category=category, title=f"Product {state}")


def _ids(state_reason):
    return state_reason


CASES = [pytest.param(build_key, reason, id=name) for name, (build_key, reason) in STATES.items()]


@pytest.mark.parametrize(("state", "reason"), CASES)
class TestEveryLicenceStateOnEveryPath:
    def test_rule(self, world, state, reason):
        product = build(state, world)
        assert product_purchasability(product, at=timezone.now()).reason is reason

    def test_purchasable_queryset(self, world, state, reason):
        product = build(state, world)
        listed = Product.objects.purchasable(at=timezone.now()).filter(pk=product.pk).exists()
        assert listed is (reason is Reason.PURCHASABLE)

    def test_browsable_queryset(self, world, state, reason):
        product = build(state, world)
        listed = Product.objects.browsable().filter(pk=product.pk).exists()
        assert listed is (reason is Reason.PURCHASABLE)

    def test_strategy(self, world, state, reason):
        product = build(state, world)
        info = Strategy().fetch_for_product(product)
        assert info.availability.is_available_to_buy is (reason is Reason.PURCHASABLE)
        if reason is not Reason.PURCHASABLE:
            assert info.availability.reason is reason

    def test_basket_add_form(self, world, state, reason):
        product = build(state, world)
        basket = Basket.objects.create()
        basket.strategy = Strategy()
        form = AddToBasketForm(basket, product, data={"quantity": 1})
        assert form.is_valid() is (reason is Reason.PURCHASABLE)

    def test_basket_add_view(self, client, world, state, reason):
        product = build(state, world)
        with override("en"):
            client.post(f"/en/shop/basket/add/{product.pk}/", {"quantity": 1})
            basket_page = client.get("/en/shop/basket/")
        lines = basket_page.context["basket"].all_lines()
        assert [line.product_id for line in lines] == (
            [product.pk] if reason is Reason.PURCHASABLE else []
        )

    def test_order_creation(self, world, state, reason):
        product = build(state, world)
        basket = Basket.objects.create()
        basket.strategy = Strategy()
        # Straight onto the basket, past the form: the order creator must still refuse.
        basket.add_product(product, 1)
        shipping = Free()
        total = OrderTotalCalculator().calculate(basket, shipping.calculate(basket))
        place = lambda: OrderCreator().place_order(  # noqa: E731
            basket=basket, total=total, shipping_method=shipping,
            shipping_charge=shipping.calculate(basket),
        )
        if reason is Reason.PURCHASABLE:
            order = place()
            assert order.lines.get().product == product
            assert order.total_incl_tax == Decimal("1.25")
        else:
            with pytest.raises(LineNotPurchasable) as refused:
                place()
            assert refused.value.verdict.reason is reason
            assert not Order.objects.exists()

    def test_product_page(self, client, world, state, reason):
        product = build(state, world)
        with override("en"):
            response = client.get(product.get_absolute_url())
        assert response.status_code == 200
        assert response.context["session"].availability.is_available_to_buy is (
            reason is Reason.PURCHASABLE
        )
        has_form = 'id="add_to_basket_form"' in response.content.decode()
        assert has_form is (reason is Reason.PURCHASABLE)


def test_licence_lapsing_between_basket_and_order_stops_the_order(world):
    product = build("verified", world)
    basket = Basket.objects.create()
    basket.strategy = Strategy()
    form = AddToBasketForm(basket, product, data={"quantity": 2})
    assert form.is_valid()
    basket.add_product(product, 2)

    Licence.objects.update(valid_until=timezone.now() - timedelta(seconds=1))

    shipping = Free()
    total = OrderTotalCalculator().calculate(basket, shipping.calculate(basket))
    with pytest.raises(LineNotPurchasable) as refused:
        OrderCreator().place_order(
            basket=basket, total=total, shipping_method=shipping,
            shipping_charge=shipping.calculate(basket),
        )
    assert refused.value.verdict.reason is Reason.EXPIRED
    assert not Order.objects.exists()
    assert product.stockrecords.get().num_allocated in (0, None)
