"""A shopper in Chromium: Arabic search, filter, product, licence badge, check, English."""

import pytest

from tests.e2e.conftest import chromium_missing
from tests.factories import LicenceFactory, ProducerFactory, make_product

pytestmark = [pytest.mark.e2e, chromium_missing]


@pytest.fixture
def shop(transactional_db, search_index, home_page, tayeb, bakhoor):
    producer = ProducerFactory(name="Umm Ali", code="umm-ali", area="Muharraq")
    LicenceFactory(producer=producer, verified=True, covering=[tayeb], number="KH-2026-00777")
    make_product(producer=producer, category=bakhoor, title="بخور العطور الملكي", price="4.500")
    make_product(producer=producer, category=bakhoor, title="عطور رخيصة", price="0.500")
    return producer


def test_search_filter_product_badge_verify_and_switch_language(live_server, page, screenshot,
                                                                  shop):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server.url}/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"

    page.locator("#site-search").fill("عطور")  # finds "العطور" too
    page.locator("#site-search").press("Enter")
    page.wait_for_url("**/ar/search/**")
    assert page.get_by_text("بخور العطور الملكي").first.is_visible()
    assert page.get_by_text("عطور رخيصة").first.is_visible()
    screenshot("journey-search-ar")

    # Filter the package listing by price.
    page.locator(".packages-nav a", has_text="Tayeb").click()
    page.wait_for_url("**/category/**")
    page.locator("#id_min_price").fill("1")
    page.locator(".filters button[type=submit]").click()
    page.wait_for_url("**min_price=1**")
    assert page.get_by_text("عطور رخيصة").count() == 0
    page.get_by_text("بخور العطور الملكي").first.click()

    badge = page.locator(".licence-badge")
    badge.wait_for()
    assert "KH-2026-00777" in badge.inner_text()
    screenshot("journey-product-ar")

    page.locator(".verify-link").click()
    page.wait_for_url("**/ar/verify/KH-2026-00777/")
    assert page.locator(".licence-check.valid").count() == 1
    assert page.get_by_text("Umm Ali").first.is_visible()

    page.locator(".languages a[lang=en]").click()
    page.wait_for_url("**/en/verify/KH-2026-00777/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.get_by_text("Valid", exact=True).first.is_visible()
    screenshot("journey-verify-en")
