"""The storefront renders in a real browser, in both directions."""

import pytest
from django.utils import translation

from tests.e2e.conftest import chromium_missing
from tests.factories import LicenceFactory, ProducerFactory, make_product

pytestmark = [pytest.mark.e2e, chromium_missing]


@pytest.fixture
def product(transactional_db, home_page, tayeb, bakhoor):
    """A product on sale: its producer holds a verified licence covering Tayeb."""
    producer = ProducerFactory(name="Umm Ali")
    LicenceFactory(producer=producer, verified=True, covering=[tayeb])
    return make_product(producer=producer, category=bakhoor, title="Oud muattar")


def product_path(product, language: str) -> str:
    with translation.override(language):
        return product.get_absolute_url()


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_home_page_renders_with_direction(
    live_server, page, screenshot, product, language, direction
):
    response = page.goto(f"{live_server.url}/{language}/")

    assert response.status == 200
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == direction
    assert page.get_by_text("Oud muattar").first.is_visible()
    screenshot(f"home-{language}")


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_product_page_shows_title(live_server, page, screenshot, product, language, direction):
    path = product_path(product, language)
    assert path.startswith(f"/{language}/")

    response = page.goto(f"{live_server.url}{path}")

    assert response.status == 200
    assert page.locator("html").get_attribute("dir") == direction
    assert page.get_by_role("heading", name="Oud muattar").first.is_visible()
    screenshot(f"product-{language}")
