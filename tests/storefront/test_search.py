"""Search: spellings meet, the licence rule holds at query time, bad input is safe."""

from datetime import timedelta

import pytest

from producers.models import Licence
from tests.factories import LicenceFactory, ProducerFactory, make_product, retire_cached_pages

pytestmark = pytest.mark.usefixtures("search_index")


@pytest.fixture
def baker(atayeb, tayeb):
    producer = ProducerFactory(name="Bait Al Halwa")
    LicenceFactory(producer=producer, verified=True, covering=[atayeb, tayeb])
    return producer


def search(client, q, language="en", **params):
    response = client.get(f"/{language}/search/", {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("title", "query"),
    [
        ("کیک زعفران", "كيك"),  # Persian spelling indexed, Arabic typed
        ("كيك الزعفران", "کیک"),  # and the other way round
        ("العطور الشرقية", "عطور"),  # the definite article
        ("مَعْمُول بالتمر", "معمول"),  # tashkeel in the title
    ],
)
def test_spelling_variants_find_each_other(client, baker, atayeb, title, query):
    make_product(producer=baker, category=atayeb.category, title=title)
    assert title in search(client, query, language="ar")


def test_searches_description_producer_and_category(client, baker, atayeb):
    make_product(producer=baker, category=atayeb.category, title="Date cake",
                 description="<p>Made with saffron</p>")
    assert "Date cake" in search(client, "saffron")
    assert "Date cake" in search(client, "halwa")
    assert "Date cake" in search(client, "atayeb")


def test_product_vanishes_from_search_the_second_its_licence_expires(
    client, baker, atayeb, time_machine
):
    make_product(producer=baker, category=atayeb.category, title="Date cake")
    valid_until = Licence.objects.get(producer=baker).valid_until
    time_machine.move_to(valid_until - timedelta(seconds=1), tick=False)
    assert "Date cake" in search(client, "cake")
    time_machine.move_to(valid_until, tick=False)
    html = search(client, "cake")
    assert "Date cake" not in html
    assert "No product on sale matches your search" in html


def test_unlicensed_products_never_show(client, atayeb):
    unverified = ProducerFactory(name="Waiting Kitchen")
    LicenceFactory(producer=unverified, covering=[atayeb])
    make_product(producer=unverified, category=atayeb.category, title="Pending cake")
    assert "Pending cake" not in search(client, "cake")


def test_package_facets_narrow_the_results(client, baker, atayeb, tayeb):
    make_product(producer=baker, category=atayeb.category, title="Saffron cake")
    make_product(producer=baker, category=tayeb.category, title="Saffron oil")
    html = search(client, "saffron")
    assert "Atayeb (1)" in html
    assert "Tayeb (1)" in html
    html = search(client, "saffron", package="atayeb")
    assert "Saffron cake" in html
    assert "Saffron oil" not in html


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE catalogue_product;--",
        "<script>alert(1)</script>",
        '"unbalanced',
        "OR AND NOT *",
        "x" * 5000,
        "",
        "   ",
        "🙂",
    ],
)
def test_hostile_or_odd_queries_give_a_clean_page(client, baker, atayeb, query):
    make_product(producer=baker, category=atayeb.category, title="Date cake")
    html = search(client, query)
    assert "<script>alert(1)" not in html


def test_over_long_query_is_explained(client, db):
    html = search(client, "x" * 500)
    assert "limited to 200 characters" in html


def test_search_query_budget(client, django_assert_max_num_queries, baker, atayeb):
    for n in range(30):
        make_product(producer=baker, category=atayeb.category, title=f"Cake {n}")
    search(client, "cake")
    retire_cached_pages()  # measure a real search, not the page cache
    with django_assert_max_num_queries(12):
        search(client, "cake")
