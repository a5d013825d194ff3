"""In Arabic, in Chromium: a verifier approves an application and the product goes on sale;
a programme manager suspends the licence and it leaves the shop."""

import pytest
from wagtail.users.models import UserProfile

from producers.administration import roles
from producers.models import Licence
from tests.e2e.conftest import chromium_missing
from tests.factories import LicenceFactory, ProducerFactory, UserFactory, make_product

pytestmark = [pytest.mark.e2e, chromium_missing]

PASSWORD = "muntij-test"


def staff(email: str, role: str):
    from django.contrib.auth.models import Group

    user = UserFactory(email=email)
    user.groups.add(Group.objects.get(name=role))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ar"
    profile.save()
    return user


@pytest.fixture
def journey(transactional_db, home_page, tayeb, bakhoor):
    assert not roles.roles_sync()
    producer = ProducerFactory(name="Umm Ali", area="Muharraq")
    licence = LicenceFactory(producer=producer, covering=[tayeb], approvals=False,
                             number="KH-2026-AR-1")
    make_product(producer=producer, category=bakhoor, title="Oud muattar")
    return {
        "licence": licence,
        "verifier": staff("verifier@example.com", roles.VERIFIER),
        "manager": staff("manager@example.com", roles.PROGRAMME_MANAGER),
    }


def log_in(page, base: str, email: str):
    page.goto(f"{base}/cms/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{base}/cms/")


def submit(page, button):
    """Click a form's submit button and wait for the page it leads to."""
    with page.expect_navigation():
        button.click()


def storefront_shows(browser, base: str, title: str) -> bool:
    context = browser.new_context()
    shop = context.new_page()
    shop.goto(f"{base}/ar/")
    shown = shop.get_by_text(title).count() > 0
    context.close()
    return shown


def test_verifier_approves_then_manager_suspends_in_arabic(
    live_server, browser, page, screenshot, journey
):
    base = live_server.url
    licence = journey["licence"]
    assert not storefront_shows(browser, base, "Oud muattar")

    # The verifier opens the queue (in Arabic, right to left) and the application.
    log_in(page, base, "verifier@example.com")
    page.goto(f"{base}/cms/licence_queue/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("link", name="KH-2026-AR-1").first.click()
    page.wait_for_url(f"**/cms/licences/{licence.pk}/")

    # Approving before the approvals are in is refused.
    submit(page, page.locator("[data-testid=action-verify] button[type=submit]"))
    assert page.locator("[data-testid=action-verify] [role=alert]").count() == 1
    screenshot("admin-ar-approval-missing")

    # The verifier records each authority's approval, then approves.
    for code in ("civil-defence", "municipality"):
        details = page.locator(f"tr[data-testid=approval-{code}] + tr details")
        details.locator("summary").click()
        details.locator("input[name=approval-reference]").fill(f"{code.upper()}-1447")
        submit(page, details.locator("button[type=submit]"))
    submit(page, page.locator("[data-testid=action-verify] button[type=submit]"))
    screenshot("admin-ar-licence-verified")
    assert Licence.objects.get(pk=licence.pk).status == "verified"
    assert storefront_shows(browser, base, "Oud muattar")

    # The programme manager suspends the licence; the product leaves the shop at once.
    page.context.clear_cookies()
    log_in(page, base, "manager@example.com")
    page.goto(f"{base}/cms/licences/{licence.pk}/")
    page.locator("[data-testid=action-suspend] textarea").fill("شكوى صحية قيد المراجعة")
    submit(page, page.locator("[data-testid=action-suspend] button[type=submit]"))
    screenshot("admin-ar-licence-suspended")

    assert Licence.objects.get(pk=licence.pk).status == "suspended"
    assert "شكوى صحية قيد المراجعة" in page.content()
    assert not storefront_shows(browser, base, "Oud muattar")
