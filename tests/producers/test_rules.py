"""The licence rule at fixed moments, including the edges of validity."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from producers.models import LicenceApproval
from producers.rules import (
    LICENCE_TRANSITIONS,
    Reason,
    is_transition_allowed,
    product_purchasability,
)
from tests.factories import LicenceFactory, ProducerFactory, make_product

BAHRAIN = ZoneInfo("Asia/Bahrain")
START = datetime(2026, 3, 1, 8, 0, tzinfo=BAHRAIN)
END = datetime(2027, 3, 1, 8, 0, tzinfo=BAHRAIN)


@pytest.fixture
def product(tayeb, bakhoor):
    producer = ProducerFactory()
    LicenceFactory(producer=producer, verified=True, covering=[tayeb],
                   valid_from=START, valid_until=END)
    return make_product(producer=producer, category=bakhoor)


@pytest.mark.parametrize(
    ("at", "reason"),
    [
        (START - timedelta(seconds=1), Reason.NOT_YET_VALID),
        (START, Reason.PURCHASABLE),
        (END - timedelta(seconds=1), Reason.PURCHASABLE),
        (END, Reason.EXPIRED),
        (END + timedelta(days=400), Reason.EXPIRED),
    ],
    ids=["a second before it starts", "the moment it starts", "its last second",
         "the moment it ends", "long after"],
)
def test_validity_is_half_open(product, at, reason):
    assert product_purchasability(product, at=at).reason is reason


def test_food_approval_is_valid_through_its_last_day(atayeb, authorities):
    producer = ProducerFactory()
    licence = LicenceFactory(producer=producer, verified=True, covering=[atayeb],
                             valid_from=START, valid_until=END)
    LicenceApproval.objects.filter(licence=licence, authority=authorities["food-control"]).update(
        expires_on=date(2026, 9, 30)
    )
    food = make_product(producer=producer, category=atayeb.category, title="Halwa")

    last_evening = datetime(2026, 9, 30, 23, 0, tzinfo=BAHRAIN)
    next_morning = datetime(2026, 10, 1, 0, 30, tzinfo=BAHRAIN)
    assert product_purchasability(food, at=last_evening).reason is Reason.PURCHASABLE
    assert product_purchasability(food, at=next_morning).reason is Reason.APPROVAL_MISSING


def test_every_category_of_a_product_must_be_covered(tayeb, atayeb, bakhoor):
    producer = ProducerFactory()
    LicenceFactory(producer=producer, verified=True, covering=[tayeb],
                   valid_from=START, valid_until=END)
    gift_box = make_product(producer=producer, category=bakhoor, title="Bakhoor and sweets")
    gift_box.categories.add(atayeb.category)

    verdict = product_purchasability(gift_box, at=START + timedelta(days=1))

    assert verdict.reason is Reason.CATEGORY_NOT_COVERED


def test_a_second_licence_in_force_wins_over_a_lapsed_one(tayeb, bakhoor):
    producer = ProducerFactory()
    LicenceFactory(producer=producer, suspended=True, covering=[tayeb],
                   valid_from=START, valid_until=END)
    renewed = LicenceFactory(producer=producer, verified=True, covering=[tayeb],
                             valid_from=START, valid_until=END)
    product = make_product(producer=producer, category=bakhoor)

    verdict = product_purchasability(product, at=START + timedelta(days=1))

    assert verdict.reason is Reason.PURCHASABLE
    assert verdict.licence == renewed


def test_the_closest_licence_explains_a_refusal(tayeb, atayeb, bakhoor):
    producer = ProducerFactory()
    LicenceFactory(producer=producer, rejected=True, covering=[tayeb],
                   valid_from=START, valid_until=END)
    LicenceFactory(producer=producer, verified=True, covering=[atayeb],
                   valid_from=START, valid_until=END)
    product = make_product(producer=producer, category=bakhoor)

    verdict = product_purchasability(product, at=START + timedelta(days=1))

    assert verdict.reason is Reason.CATEGORY_NOT_COVERED


@pytest.mark.parametrize(
    ("from_status", "to_status", "allowed"),
    [
        ("draft", "submitted", True),
        ("submitted", "verified", True),
        ("rejected", "verified", False),
        ("rejected", "submitted", True),
        ("changes_requested", "verified", False),
        ("verified", "suspended", True),
        ("suspended", "verified", True),
        ("revoked", "verified", False),
        ("draft", "verified", False),
    ],
)
def test_lifecycle(from_status, to_status, allowed):
    assert is_transition_allowed(from_status, to_status) is allowed
    assert set(LICENCE_TRANSITIONS["revoked"]) == set()
