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


def test_home_page_ensure_replaces_wagtails_starter_page_and_site(db):
    """What `migrate` leaves behind: a starter page slugged "home" and a default site."""
    from wagtail.models import Locale, Page, Site

    from shop.pages.services import home_page_ensure

    locale = Locale.objects.get_or_create(language_code="en")[0]
    root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    starter = root.add_child(instance=Page(title="Welcome", slug="home", locale=locale))
    Site.objects.create(hostname="localhost", port=80, root_page=starter, is_default_site=True)

    home = home_page_ensure()

    assert not Page.objects.filter(pk=starter.pk).exists()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_page_id) == ("localhost", 80, home.pk)
    assert Site.objects.count() == 1
