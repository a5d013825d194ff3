"""rules.product_purchasability and ProductQuerySet.purchasable must agree, always."""

import itertools
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from catalog.models import Product, ProductCategory, ProductClass
from producers.models import Licence, LicenceApproval
from producers.rules import product_purchasability
from tests.factories import LicenceFactory, ProducerFactory, category_child, make_product

BAHRAIN = ZoneInfo("Asia/Bahrain")
VALID_FROM = datetime(2026, 1, 1, 0, 0, tzinfo=BAHRAIN)
VALID_UNTIL = datetime(2026, 12, 31, 23, 59, 59, tzinfo=BAHRAIN)
MOMENTS = [
    VALID_FROM - timedelta(seconds=1),
    VALID_FROM,
    datetime(2026, 6, 15, 12, 0, tzinfo=BAHRAIN),
    datetime(2026, 6, 30, 23, 59, tzinfo=BAHRAIN),  # the food approval's last day
    datetime(2026, 7, 1, 0, 0, 1, tzinfo=BAHRAIN),  # ...and the day after
    VALID_UNTIL - timedelta(seconds=1),
    VALID_UNTIL,
]
STATUSES = [s.value for s in Licence.Status]


@pytest.fixture
def catalogue(tayeb, atayeb, bakhoor, authorities):
    """Products across every licence status, package mix, approval state and shape."""
    spices = category_child(atayeb.category, "Spices")
    food_control = authorities["food-control"]
    products = []
    combos = itertools.product(
        STATUSES,
        [[tayeb], [atayeb], [tayeb, atayeb]],  # packages the licence covers
        ["approved", "pending", "expiring"],  # the food-control approval
    )
    for status, packages, food in combos:
        producer = ProducerFactory()
        licence = LicenceFactory(
            producer=producer, status=status, covering=packages,
            valid_from=VALID_FROM, valid_until=VALID_UNTIL,
        )
        if food != "approved":
            LicenceApproval.objects.update_or_create(
                licence=licence, authority=food_control,
                defaults={
                    "status": "approved" if food == "expiring" else "pending",
                    "reference": "FC-1",
                    "expires_on": date(2026, 6, 30) if food == "expiring" else None,
                },
            )
        for category in (bakhoor, spices, tayeb.category):
            products.append(make_product(producer=producer, category=category))
        mixed = make_product(producer=producer, category=bakhoor, title="Gift box")
        ProductCategory.objects.create(product=mixed, category=spices)
        products.append(mixed)
    products += _odd_shapes(tayeb, bakhoor)
    return products


def _odd_shapes(tayeb, bakhoor):
    """No stock record; no category; a parent with a variant; two licences, one lapsed."""
    producer = ProducerFactory()
    LicenceFactory(producer=producer, verified=True, covering=[tayeb],
                   valid_from=VALID_FROM, valid_until=VALID_UNTIL)
    orphan = Product.objects.create(
        title="No producer", product_class=ProductClass.objects.first(), is_public=True
    )
    ProductCategory.objects.create(product=orphan, category=bakhoor)
    uncategorised = make_product(producer=producer, category=bakhoor, title="Uncategorised")
    uncategorised.categories.clear()
    parent = Product.objects.create(
        title="Perfume oil", structure="parent", product_class=orphan.product_class,
        is_public=True,
    )
    ProductCategory.objects.create(product=parent, category=bakhoor)
    child = make_product(producer=producer, category=bakhoor, title="Perfume oil 12 ml")
    child.categories.clear()
    child.parent, child.structure = parent, "child"
    child.save()
    renewed = ProducerFactory()
    LicenceFactory(producer=renewed, expired=True, covering=[tayeb])
    LicenceFactory(producer=renewed, verified=True, covering=[tayeb],
                   valid_from=VALID_FROM, valid_until=VALID_UNTIL)
    resting = ProducerFactory(on_vacation=True)
    LicenceFactory(producer=resting, verified=True, covering=[tayeb],
                   valid_from=VALID_FROM, valid_until=VALID_UNTIL)
    return [orphan, uncategorised, parent, child,
            make_product(producer=renewed, category=bakhoor, title="Renewed"),
            make_product(producer=resting, category=bakhoor, title="Resting")]


def test_rule_and_queryset_agree_on_every_product_at_every_moment(
    catalogue, django_assert_max_num_queries
):
    for at in MOMENTS:
        by_rule = {p.pk for p in catalogue if product_purchasability(p, at=at)}
        with django_assert_max_num_queries(1):
            by_sql = set(Product.objects.purchasable(at=at).values_list("pk", flat=True))
        assert by_sql == by_rule, f"rule and SQL disagree at {at.isoformat()}"


def test_the_catalogue_exercises_both_answers(catalogue):
    at = MOMENTS[2]
    verdicts = {product_purchasability(p, at=at).reason for p in catalogue}
    assert len(verdicts) >= 7  # purchasable and at least six different refusals
