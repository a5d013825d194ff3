"""In Chromium: two producers in one basket, cash on delivery, both receipts; card up to payment."""

import re

import pytest
from playwright.sync_api import expect

from shop.order.models import Order
from tests.e2e.conftest import chromium_missing

pytestmark = [pytest.mark.e2e, chromium_missing]


@pytest.fixture
def shop_ready(transactional_db, home_page, oud, musk):
    return oud, musk


def add_to_basket(page, base, product):
    page.goto(f"{base}{product.get_absolute_url()}")
    page.locator("#add_to_basket_form button[type=submit]").first.click()


def fill_checkout(page):
    page.fill("#id_email", "guest@example.com")
    page.fill("#id_name", "Fatima Al-Sayed")
    page.fill("#id_phone", "+97333334444")
    page.fill("#id_flat", "12")
    page.fill("#id_building", "1187")
    page.fill("#id_road", "2410")
    page.fill("#id_block", "204")
    page.fill("#id_area", "Muharraq")


def test_two_producers_cash_on_delivery_with_both_receipts(live_server, page, screenshot,
                                                           shop_ready):
    oud, musk = shop_ready
    add_to_basket(page, live_server.url, oud)
    add_to_basket(page, live_server.url, musk)
    page.goto(f"{live_server.url}/en/shop/basket/")
    expect(page.locator("section.producer-group")).to_have_count(2)
    page.click("#proceed-to-checkout")
    fill_checkout(page)
    screenshot("checkout-cash")
    page.click("#place-order")

    expect(page.locator("#order-status")).to_have_attribute("data-status", "cash_on_delivery")
    expect(page.get_by_text("Thank you")).to_be_visible()
    links = page.locator("a.receipt-link")
    expect(links).to_have_count(2)
    for href in [links.nth(i).get_attribute("href") for i in range(2)]:
        receipt = page.request.get(f"{live_server.url}{href}")
        assert receipt.status == 200
        assert receipt.headers["content-type"] == "application/pdf"
        assert receipt.body().startswith(b"%PDF")
    screenshot("order-confirmation")
    assert Order.objects.get().fulfilments.count() == 2


def test_card_journey_reaches_the_payment_element(live_server, page, screenshot, shop_ready,
                                                  stripe_http):
    oud, _musk = shop_ready
    add_to_basket(page, live_server.url, oud)
    page.goto(f"{live_server.url}/en/shop/checkout/")
    fill_checkout(page)
    page.check("input[name=payment_method][value=card]")
    page.click("#place-order")

    expect(page).to_have_url(re.compile(r"/orders/\d+/pay/$"))
    expect(page.locator("#payment-form")).to_be_attached()
    expect(page.locator("#payment-element")).to_be_attached()
    assert "pi_1_secret_x" in page.content()
    # 1.250 BHD oud + 1.000 delivery = 2250 fils
    assert stripe_http.posts("/v1/payment_intents")[0]["form"]["amount"] == "2250"
    screenshot("card-payment")


def test_arabic_checkout_is_right_to_left_and_places_the_order(live_server, page, screenshot,
                                                               shop_ready):
    oud, _musk = shop_ready
    page.goto(f"{live_server.url}/ar{oud.get_absolute_url()[3:]}")
    page.locator("#add_to_basket_form button[type=submit]").first.click()
    page.goto(f"{live_server.url}/ar/shop/checkout/")

    assert page.locator("html").get_attribute("dir") == "rtl"
    fill_checkout(page)
    screenshot("checkout-ar")
    page.click("#place-order")

    expect(page.locator("#order-status")).to_have_attribute("data-status", "cash_on_delivery")
    assert Order.objects.get().language == "ar"
