"""Anonymous storefront pages come from the page cache, yet stay correct for each visitor."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from producers.services import licence_suspend
from tests.factories import LicenceFactory, ProducerFactory, UserFactory, make_product


@pytest.fixture
def umm_ali(tayeb):
    producer = ProducerFactory(name="Umm Ali", code="umm-ali")
    licence = LicenceFactory(producer=producer, verified=True, covering=[tayeb])
    return producer, licence


@pytest.fixture
def oud(umm_ali, bakhoor):
    product = make_product(producer=umm_ali[0], category=bakhoor, title="Oud muattar")
    with override("en"):
        product.url = product.get_absolute_url()
    return product


@pytest.fixture
def enforced_csp(settings):
    settings.CONTENT_SECURITY_POLICY = settings.CSP_POLICY
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = None


def csrf_of(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def test_a_second_anonymous_visit_is_served_without_touching_the_catalogue(oud):
    Client().get(oud.url)
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(oud.url)
    assert response.status_code == 200
    assert "Oud muattar" in response.content.decode()
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "catalogue_product" not in tables
    assert len(queries.captured_queries) <= 2  # the window boundary, at most


def test_each_visitor_gets_a_working_csrf_token_of_their_own(oud):
    first = Client(enforce_csrf_checks=True)
    first.get(oud.url)
    second = Client(enforce_csrf_checks=True)
    html = second.get(oud.url).content.decode()
    token = csrf_of(html)
    assert "\x00" not in html
    response = second.post(
        f"/en/shop/basket/add/{oud.pk}/", {"quantity": 1, "csrfmiddlewaretoken": token},
        HTTP_REFERER=oud.url,
    )
    assert response.status_code == 302
    assert second.get("/en/shop/basket/").context["basket"].num_items == 1


@pytest.mark.usefixtures("enforced_csp")
def test_a_cached_page_gets_a_fresh_csp_nonce_that_matches_its_header(oud):
    nonces = []
    for _ in range(2):
        response = Client().get(oud.url)
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
        assert f'nonce="{nonce}"' in response.content.decode()
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_a_suspension_reaches_cached_product_pages_at_once(oud, umm_ali):
    assert 'id="add_to_basket_form"' in Client().get(oud.url).content.decode()
    licence_suspend(licence=umm_ali[1], by=UserFactory(is_staff=True), reason="Inspection")
    html = Client().get(oud.url).content.decode()
    assert 'id="add_to_basket_form"' not in html
    assert "suspended" in html


def test_a_shopper_with_a_basket_gets_the_cached_page_with_their_own_basket_link(oud):
    Client().get(oud.url)  # cached by an anonymous visitor with an empty basket
    shopper = Client()
    shopper.post(f"/en/shop/basket/add/{oud.pk}/", {"quantity": 3})
    shopper.get("/en/shop/basket/")  # the "added" message is shown there
    with CaptureQueriesContext(connection) as queries:
        html = shopper.get(oud.url).content.decode()
    assert '<span class="badge">3</span>' in html
    assert "\x00" not in html
    assert len(queries.captured_queries) <= 8  # the basket with its offers; a full render is 16
    assert '<span class="badge">' not in Client().get(oud.url).content.decode()


def test_visitors_with_a_message_or_a_session_get_their_own_page(oud):
    Client().get(oud.url)  # cached for anonymous visitors
    shopper = Client()
    shopper.post(f"/en/shop/basket/add/{oud.pk}/", {"quantity": 2})
    html = shopper.get(oud.url).content.decode()
    assert "added to your" in html  # the pending message, not the cached page
    assert '<span class="badge">2</span>' in html
    member = Client()
    member.force_login(UserFactory())
    html = member.get(oud.url).content.decode()
    assert "Sign in" not in html
    assert 'href="/en/shop/accounts/"' in html


def test_a_deleted_product_leaves_cached_pages_at_once(oud, tayeb):
    from tests.functional.test_storefront import category_url

    listing = category_url(tayeb.category)
    assert "Oud muattar" in Client().get(listing).content.decode()
    assert Client().get(oud.url).status_code == 200
    oud.delete()
    assert "Oud muattar" not in Client().get(listing).content.decode()
    assert Client().get(oud.url).status_code == 404
