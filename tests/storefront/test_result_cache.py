"""Listings and search answer from a cache, yet never show what has changed since.

The cache keys on ``catalogue_state``: every write to a product, price, producer or
licence retires it, and so does the moment the next sale window opens or closes.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.freshness import catalogue_state
from producers.models import StockRecord
from producers.services import licence_suspend
from tests.factories import LicenceFactory, ProducerFactory, UserFactory, make_product
from tests.functional.test_storefront import category_url, page


@pytest.fixture
def umm_ali(tayeb):
    producer = ProducerFactory(name="Umm Ali", code="umm-ali", area="Muharraq")
    licence = LicenceFactory(producer=producer, verified=True, covering=[tayeb])
    return producer, licence


def test_a_repeated_listing_reads_its_products_from_the_cache(client, tayeb, bakhoor, umm_ali):
    for n in range(5):
        make_product(producer=umm_ali[0], category=bakhoor, title=f"Oud {n}")
    url = category_url(tayeb.category)
    client.force_login(UserFactory())  # signed in: past the page cache, to the listing's own
    with CaptureQueriesContext(connection) as first:
        assert "Oud 4" in page(client, url)
    with CaptureQueriesContext(connection) as second:
        assert "Oud 4" in page(client, url)
    counts = [q["sql"] for q in second.captured_queries
              if "COUNT(" in q["sql"] and "catalogue_product" in q["sql"]]
    assert not counts, "the total came from the cache"
    assert len(second.captured_queries) < len(first.captured_queries)


def test_a_suspension_empties_a_cached_listing_at_once(client, tayeb, bakhoor, umm_ali):
    make_product(producer=umm_ali[0], category=bakhoor, title="Oud muattar")
    url = category_url(tayeb.category)
    assert "Oud muattar" in page(client, url)
    licence_suspend(licence=umm_ali[1], by=UserFactory(is_staff=True), reason="Inspection")
    assert "Oud muattar" not in page(client, url)


def test_a_new_price_reorders_a_cached_listing(client, tayeb, bakhoor, umm_ali):
    make_product(producer=umm_ali[0], category=bakhoor, title="Amber", price="2.000")
    musk = make_product(producer=umm_ali[0], category=bakhoor, title="Musk", price="3.000")
    url = category_url(tayeb.category)
    html = page(client, url, sort="price")
    assert html.index("Amber") < html.index("Musk")
    record = StockRecord.objects.get(product=musk)
    record.price = "1.000"
    record.save()
    html = page(client, url, sort="price")
    assert html.index("Musk") < html.index("Amber")


def test_a_licence_that_starts_later_appears_in_a_cached_listing_on_the_second(
    client, tayeb, bakhoor, time_machine
):
    producer = ProducerFactory(name="Bait Al Oud")
    starts = timezone.now() + timedelta(hours=2)
    LicenceFactory(
        producer=producer, verified=True, covering=[tayeb],
        valid_from=starts, valid_until=starts + timedelta(days=365),
    )
    make_product(producer=producer, category=bakhoor, title="Morning oud")
    url = category_url(tayeb.category)
    time_machine.move_to(starts - timedelta(seconds=1), tick=False)
    assert "Morning oud" not in page(client, url)
    state = catalogue_state()
    time_machine.move_to(starts, tick=False)
    assert catalogue_state() != state
    assert "Morning oud" in page(client, url)


@pytest.mark.usefixtures("search_index")
def test_search_results_follow_a_suspension(client, tayeb, bakhoor, umm_ali):
    make_product(producer=umm_ali[0], category=bakhoor, title="Oud muattar")
    assert "Oud muattar" in page(client, "/en/search/", q="oud")
    licence_suspend(licence=umm_ali[1], by=UserFactory(is_staff=True), reason="Inspection")
    assert "Oud muattar" not in page(client, "/en/search/", q="oud")
