"""The Content Security Policy in Chromium: storefront, basket, Wagtail admin, no violations."""

import pytest
from django.contrib.auth.models import Permission

from tests.e2e.conftest import chromium_missing
from tests.factories import LicenceFactory, ProducerFactory, UserFactory, make_product

pytestmark = [pytest.mark.e2e, chromium_missing]


@pytest.fixture
def product(transactional_db, home_page, tayeb, bakhoor):
    producer = ProducerFactory(name="Umm Ali")
    LicenceFactory(producer=producer, verified=True, covering=[tayeb])
    return make_product(producer=producer, category=bakhoor, title="Oud muattar")


@pytest.fixture(autouse=True)
def _enforced(settings):
    """The browser runs under the enforced policy, as in production."""
    settings.CONTENT_SECURITY_POLICY = settings.CSP_POLICY
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = None


@pytest.fixture
def violations(page):
    """Every CSP violation the page reports, from the DOM event and the console."""
    found: list[str] = []
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'CSP-VIOLATION ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample));"
    )
    page.on(
        "console",
        lambda msg: found.append(msg.text)
        if "CSP-VIOLATION" in msg.text or "Content Security Policy" in msg.text
        else None,
    )
    return found


def test_storefront_pages_and_basket_run_under_the_policy(live_server, page, product, violations):
    for path in ["/en/", product.get_absolute_url(), "/ar/"]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200
        assert "script-src" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    # The inline start-up script ran (jQuery from our origin, nonce accepted).
    assert page.evaluate("typeof window.jQuery") == "function"
    page.goto(f"{live_server.url}{product.get_absolute_url()}")
    page.locator("#add_to_basket_form button[type=submit], form[action*='basket/add'] button")\
        .first.click()
    page.goto(f"{live_server.url}/en/shop/basket/")
    assert page.get_by_text("Oud muattar").first.is_visible()
    assert violations == [], "\n".join(violations)


def test_wagtail_admin_runs_under_the_admin_policy(live_server, page, product, violations):
    editor = UserFactory(email="editor@khutwa.example", is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    page.goto(f"{live_server.url}/cms/login/")
    page.fill("input[name=username]", editor.email)
    page.fill("input[name=password]", "muntij-test")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/cms/")
    page.wait_for_load_state("networkidle")
    # Wagtail's React sidebar renders only if its scripts ran.
    page.wait_for_function("document.querySelector('#wagtail-sidebar').childElementCount > 0")
    page.goto(f"{live_server.url}/cms/pages/")
    page.wait_for_load_state("networkidle")
    assert violations == [], "\n".join(violations)
