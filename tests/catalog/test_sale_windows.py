"""Listings read stored sale windows; every write path must keep them equal to the rule.

Each test changes one input of the licence rule the way a user would (a service, the
portal, Oscar's dashboard models) and checks both that the storefront's queryset
follows and that it still agrees with ``product_purchasability``.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalog.models import Product, ProductCategory, SaleWindow
from catalog.sale_windows import sale_windows_deferred
from producers.models import Licence, LicenceApproval, StockRecord
from producers.rules import product_purchasability
from producers.services import licence_reinstate, licence_renew, licence_suspend
from tests.factories import (
    LicenceFactory,
    ProducerFactory,
    UserFactory,
    category_child,
    make_product,
)


def on_sale(product) -> bool:
    """What a listing shows, checked against what the product page would say."""
    listed = Product.objects.browsable().filter(pk=product.pk).exists()
    fresh = Product.objects.get(pk=product.pk)
    assert listed == bool(product_purchasability(fresh, at=timezone.now())), "rule and SQL differ"
    return listed


@pytest.fixture
def seller(tayeb, atayeb):
    producer = ProducerFactory()
    licence = LicenceFactory(producer=producer, verified=True, covering=[tayeb])
    return producer, licence


@pytest.fixture
def oud(seller, bakhoor):
    return make_product(producer=seller[0], category=bakhoor)


def test_a_product_leaves_listings_the_second_its_licence_expires(oud, seller):
    licence = seller[1]
    ends = licence.valid_until
    assert Product.objects.purchasable(at=ends - timedelta(seconds=1)).filter(pk=oud.pk).exists()
    assert not Product.objects.purchasable(at=ends).filter(pk=oud.pk).exists()


def test_an_expired_food_approval_ends_sales_at_local_midnight(atayeb, authorities):
    producer = ProducerFactory()
    licence = LicenceFactory(producer=producer, verified=True, covering=[atayeb])
    last_day = timezone.localdate() + timedelta(days=3)
    LicenceApproval.objects.filter(licence=licence, authority=authorities["food-control"]).update(
        expires_on=last_day
    )
    # A queryset update sends no signal; the approval's save does.
    LicenceApproval.objects.get(licence=licence, authority=authorities["food-control"]).save()
    kebab = make_product(producer=producer, category=category_child(atayeb.category, "Spices"))
    midnight = timezone.make_aware(
        timezone.datetime.combine(last_day + timedelta(days=1), timezone.datetime.min.time())
    )
    assert Product.objects.purchasable(at=midnight - timedelta(seconds=1)).filter(pk=kebab.pk)
    assert not Product.objects.purchasable(at=midnight).filter(pk=kebab.pk).exists()


def test_suspending_and_reinstating_a_licence_hides_and_returns_products(oud, seller):
    admin = UserFactory(is_staff=True)
    licence_suspend(licence=seller[1], by=admin, reason="Complaint under review")
    assert not on_sale(oud)
    licence_reinstate(licence=seller[1], by=admin)
    assert on_sale(oud)


def test_renewing_an_expired_licence_brings_products_back(tayeb, bakhoor):
    producer = ProducerFactory()
    licence = LicenceFactory(producer=producer, expired=True, covering=[tayeb])
    product = make_product(producer=producer, category=bakhoor)
    assert not on_sale(product)
    licence_renew(
        licence=licence, by=UserFactory(is_staff=True),
        valid_until=timezone.now() + timedelta(days=365),
    )
    assert on_sale(product)


def test_vacation_takes_a_producers_products_off_sale(oud, seller):
    producer = seller[0]
    producer.on_vacation = True
    producer.save()
    assert not on_sale(oud)
    producer.on_vacation = False
    producer.save()
    assert on_sale(oud)


def test_moving_a_product_to_an_uncovered_package_takes_it_off_sale(oud, atayeb):
    spices = category_child(atayeb.category, "Spices")
    oud.categories.add(spices)  # m2m add: no post_save on the link model
    assert not on_sale(oud)
    oud.categories.remove(spices)
    assert on_sale(oud)
    ProductCategory.objects.create(product=oud, category=spices)  # the dashboard's way
    assert not on_sale(oud)


def test_covering_a_new_package_puts_a_mixed_product_on_sale(oud, seller, atayeb):
    oud.categories.add(category_child(atayeb.category, "Spices"))
    assert not on_sale(oud)
    seller[1].packages.add(atayeb)
    for authority in atayeb.required_authorities.all():
        LicenceApproval.objects.update_or_create(
            licence=seller[1], authority=authority,
            defaults={"status": "approved", "reference": "X-1"},
        )
    assert on_sale(oud)


def test_removing_the_stock_record_takes_the_product_off_sale(oud):
    StockRecord.objects.filter(product=oud).get().delete()
    assert not on_sale(oud)


def test_a_variant_puts_its_parent_on_sale(seller, bakhoor):
    parent = make_product(producer=seller[0], category=bakhoor, title="Oud, three sizes")
    StockRecord.objects.filter(product=parent).delete()
    parent.structure = Product.PARENT
    parent.save()
    assert not on_sale(parent)
    child = Product.objects.create(
        parent=parent, structure=Product.CHILD, title="50 g", product_class=None
    )
    StockRecord.objects.create(
        product=child, partner=seller[0], partner_sku="OUD-50", price="2.500",
        price_currency="BHD", num_in_stock=3,
    )
    assert on_sale(parent)
    assert bool(product_purchasability(Product.objects.get(pk=child.pk), at=timezone.now()))
    assert Product.objects.purchasable().filter(pk=child.pk).exists()


def test_deleting_a_licence_or_a_producer_leaves_no_window_behind(oud, seller):
    other = make_product(producer=seller[0], category=oud.categories.get(), title="Musk")
    Licence.objects.filter(pk=seller[1].pk).get().delete()
    assert not on_sale(oud)
    assert not SaleWindow.objects.filter(product__in=[oud, other]).exists()
    seller[0].delete()
    assert not SaleWindow.objects.exists()


def test_deleting_a_product_deletes_its_windows(oud):
    assert SaleWindow.objects.filter(product_id=oud.pk).exists()
    pk = oud.pk
    oud.delete()
    assert not SaleWindow.objects.filter(product_id=pk).exists()


def test_deferred_refreshes_run_once_at_the_end(seller, bakhoor):
    with sale_windows_deferred():
        product = make_product(producer=seller[0], category=bakhoor)
        assert not SaleWindow.objects.filter(product_id=product.pk).exists()
    assert on_sale(product)


def test_the_rebuild_command_restores_lost_windows(oud, capsys):
    SaleWindow.objects.all().delete()
    assert not Product.objects.browsable().filter(pk=oud.pk).exists()
    call_command("refresh_sale_windows")
    assert on_sale(oud)
    assert "1 sale windows written" in capsys.readouterr().out


def test_a_licence_starting_tomorrow_is_a_window_ahead(tayeb, bakhoor):
    producer = ProducerFactory()
    starts = timezone.now() + timedelta(days=1)
    LicenceFactory(
        producer=producer, verified=True, covering=[tayeb],
        valid_from=starts, valid_until=starts + timedelta(days=365),
    )
    product = make_product(producer=producer, category=bakhoor)
    assert not on_sale(product)
    assert Product.objects.purchasable(at=starts).filter(pk=product.pk).exists()
