import pytest

from tests.factories import LicenceFactory, ProducerFactory, make_product


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl"), ("fa", "rtl")])
def test_home_page_in_each_language_sets_direction(client, home_page, language, direction):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}"' in html


def test_home_page_lists_only_products_on_sale(client, home_page, tayeb, bakhoor):
    live = ProducerFactory(name="Umm Ali")
    LicenceFactory(producer=live, verified=True, covering=[tayeb])
    make_product(producer=live, category=bakhoor, title="Oud muattar")
    lapsed = ProducerFactory(name="Dar Hessa")
    LicenceFactory(producer=lapsed, expired=True, covering=[tayeb])
    make_product(producer=lapsed, category=bakhoor, title="Dukhoon lapsed")

    html = client.get("/en/").content.decode()

    assert "Oud muattar" in html
    assert "Dukhoon lapsed" not in html


def test_home_page_ensure_is_idempotent(home_page):
    from wagtail.models import Page

    from shop.pages.services import home_page_ensure

    again = home_page_ensure(hostname="testserver")
    assert again.pk == home_page.pk
    assert Page.objects.filter(depth=2).count() == 3  # en, ar, fa
