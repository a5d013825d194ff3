"""A producer's whole journey on a phone (390×844) in Arabic, in real Chromium.

Sign up, confirm the e-mail address, apply with a licence, (programme staff verify through
the service), list a product with a photo, see it live in the shop, receive an order, accept
and dispatch it.
Fields are found by name, not by label, so the journey holds once Arabic translations land.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from catalog.models import Product
from producers.models import Licence
from producers.services import approval_record, licence_verify
from shop.order.models import ProducerFulfilment
from tests.e2e.conftest import RESULTS_DIR, chromium_missing
from tests.factories import UserFactory
from tests.producers.portal.conftest import make_order
from tests.shop.test_images import PLAIN_PDF, jpeg_with_gps

pytestmark = [pytest.mark.e2e, chromium_missing]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar-BH",
                                  is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def files(tmp_path):
    pdf, photo = tmp_path / "licence.pdf", tmp_path / "oud.jpg"
    pdf.write_bytes(PLAIN_PDF)
    photo.write_bytes(jpeg_with_gps())
    return {"pdf": str(pdf), "photo": str(photo)}


def screenshot_of(page, name):
    """Save the phone's full page into test-results/ for a human to look at."""
    RESULTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS_DIR / f"{name}.png"), full_page=True)


def _fits_the_phone(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 390


def test_producer_journey_in_arabic_on_a_phone(
    live_server, phone, files, transactional_db, settings, tmp_path,
    home_page, tayeb, bakhoor, authorities,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    page, base = phone, live_server.url

    # Sign up with a shop profile.
    page.goto(f"{base}/ar/producer/join/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("input[name=email]", "noor@example.com")
    page.fill("input[name=password]", "a-long-secret-77")
    page.fill("input[name=name]", "بخور نور")
    page.fill("input[name=area]", "المحرق")
    page.fill("input[name=phone]", "+97333111222")
    assert _fits_the_phone(page)
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/ar/shop/accounts/register/check-inbox/")

    # Confirm the e-mail address from the link in the activation e-mail.
    (message,) = mail.outbox
    page.goto(base + re.search(r"/ar/shop/accounts/activate/\S+/", message.body).group(0))
    page.fill("main form input[name=password]", "a-long-secret-77")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/ar/producer/")

    # Apply with the licence.
    page.goto(f"{base}/ar/producer/licences/new/")
    today = timezone.localdate()
    page.select_option("select[name=programme]", str(tayeb.programme.pk))
    page.fill("input[name=number]", "KH-2026-501")
    page.fill("input[name=valid_from]", today.isoformat())
    page.fill("input[name=valid_until]", (today + timedelta(days=365)).isoformat())
    page.check(f"input[name=packages][value='{tayeb.pk}']")
    page.fill("input[name=ref_municipality]", "MUN-501")
    page.fill("input[name='ref_civil-defence']", "CD-501")
    page.set_input_files("input[name=licence_document]", files["pdf"])
    assert _fits_the_phone(page)
    page.click("button[name=submit]")
    page.wait_for_url("**/ar/producer/licences/*/")
    licence = Licence.objects.get(number="KH-2026-501")
    assert licence.status == "submitted"
    screenshot_of(page, "portal-ar-licence-submitted")

    # Programme staff verify it (through the services, as the Wagtail admin does).
    staff = UserFactory(email="staff@example.com", is_staff=True)
    for code in ("municipality", "civil-defence"):
        approval_record(licence=licence, authority=authorities[code], reference=f"{code}-ok")
    licence_verify(licence=licence, by=staff)

    # List a product with a photo and publish it.
    page.goto(f"{base}/ar/producer/products/new/")
    page.fill("input[name=title]", "بخور عود")
    page.select_option("select[name=category]", str(bakhoor.pk))
    page.fill("input[name=price]", "2.500")
    page.fill("input[name=num_in_stock]", "5")
    page.set_input_files("input[name=image]", files["photo"])
    assert _fits_the_phone(page)
    page.click("button[name=publish]")
    page.wait_for_url("**/ar/producer/products/*/")
    assert page.locator("#listing-status .badge.live").is_visible()
    assert _fits_the_phone(page)
    screenshot_of(page, "portal-ar-product-live")

    # See it live in the shop.
    product = Product.objects.get(title="بخور عود")
    with translation.override("ar"):
        product_url = product.get_absolute_url()
    response = page.goto(f"{base}{product_url}")
    assert response.status == 200
    assert page.get_by_text("بخور عود").first.is_visible()

    # Receive an order, accept it and mark it dispatched.
    order = make_order(items=[(product, 1)], name="Maryam Ali")
    page.goto(f"{base}/ar/producer/orders/")
    page.click(f"a[href$='/orders/{order.fulfilments.get().pk}/']")
    assert page.get_by_text("Maryam Ali").first.is_visible()
    page.click("form[action$='/accept/'] button")
    page.click("form[action$='/dispatch/'] button")
    page.wait_for_selector("#fulfilment-status")
    assert ProducerFulfilment.objects.get(order=order).status == "dispatched"
    assert _fits_the_phone(page)
    screenshot_of(page, "portal-ar-order-dispatched")
