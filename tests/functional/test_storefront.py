"""The storefront as a shopper sees it: listings, filters, product, producer, licence check."""

from datetime import timedelta

import pytest

from catalog.models import Product
from producers.models import Licence
from tests.factories import (
    LicenceFactory,
    ProducerFactory,
    category_child,
    make_product,
    retire_cached_pages,
)


@pytest.fixture
def umm_ali(tayeb):
    producer = ProducerFactory(name="Umm Ali", code="umm-ali", area="Muharraq",
                               story="Three generations of bakhoor.")
    LicenceFactory(producer=producer, verified=True, covering=[tayeb], number="KH-2026-00001")
    return producer


@pytest.fixture
def lapsed(tayeb):
    producer = ProducerFactory(name="Dar Hessa", code="dar-hessa")
    LicenceFactory(producer=producer, expired=True, covering=[tayeb], number="KH-2026-00002")
    return producer


def category_url(category, language="en"):
    from django.utils.translation import override

    with override(language):
        return category.get_absolute_url()


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


class TestListing:
    def test_package_page_lists_only_products_on_sale(self, client, tayeb, bakhoor, umm_ali,
                                                       lapsed):
        make_product(producer=umm_ali, category=bakhoor, title="Oud muattar")
        make_product(producer=lapsed, category=bakhoor, title="Lapsed dukhoon")
        html = page(client, category_url(tayeb.category))
        assert "Oud muattar" in html
        assert "Lapsed dukhoon" not in html

    def test_product_vanishes_the_second_its_licence_expires(self, client, tayeb, bakhoor,
                                                              umm_ali, time_machine):
        make_product(producer=umm_ali, category=bakhoor, title="Oud muattar")
        valid_until = Licence.objects.get(producer=umm_ali).valid_until
        time_machine.move_to(valid_until - timedelta(seconds=1), tick=False)
        assert "Oud muattar" in page(client, category_url(bakhoor))
        time_machine.move_to(valid_until, tick=False)
        html = page(client, category_url(bakhoor))
        assert "Oud muattar" not in html
        assert "No product is on sale here right now" in html

    def test_sub_category_filter(self, client, tayeb, bakhoor, umm_ali):
        oils = category_child(tayeb.category, "Oils")
        make_product(producer=umm_ali, category=bakhoor, title="Oud muattar")
        make_product(producer=umm_ali, category=oils, title="Rose oil")
        html = page(client, category_url(tayeb.category), sub=oils.pk)
        assert "Rose oil" in html
        assert "Oud muattar" not in html

    def test_price_range_filter_and_price_sorting(self, client, bakhoor, umm_ali):
        for title, price in [("Cheap", "0.500"), ("Middle", "2.000"), ("Dear", "9.000")]:
            make_product(producer=umm_ali, category=bakhoor, title=title, price=price)
        html = page(client, category_url(bakhoor), min_price="1", max_price="5")
        assert "Middle" in html
        assert "Cheap" not in html
        assert "Dear" not in html
        html = page(client, category_url(bakhoor), sort="-price")
        assert html.index("Dear") < html.index("Middle") < html.index("Cheap")
        assert "BHD9.000" in html  # shop.money: three decimals for BHD

    def test_area_pickup_delivery_and_stock_filters(self, client, tayeb, bakhoor, umm_ali):
        riffa = ProducerFactory(name="Riffa Kitchen", area="Riffa")
        LicenceFactory(producer=riffa, verified=True, covering=[tayeb])
        pickup = make_product(producer=riffa, category=bakhoor, title="Pickup only", stock=0)
        Product.objects.filter(pk=pickup.pk).update(offers_pickup=True, offers_delivery=False)
        make_product(producer=umm_ali, category=bakhoor, title="Delivered", stock=3)
        url = category_url(bakhoor)

        assert "Pickup only" not in page(client, url, area="Muharraq")
        assert "Delivered" in page(client, url, area="Muharraq")
        html = page(client, url, pickup="on")
        assert "Pickup only" in html
        assert "Delivered" not in html
        html = page(client, url, delivery="on")
        assert "Delivered" in html
        assert "Pickup only" not in html
        html = page(client, url, in_stock="on")
        assert "Delivered" in html
        assert "Pickup only" not in html

    def test_filters_that_match_nothing_say_so(self, client, bakhoor, umm_ali):
        make_product(producer=umm_ali, category=bakhoor, title="Oud muattar")
        html = page(client, category_url(bakhoor), min_price="500")
        assert "No product on sale matches these filters" in html

    @pytest.mark.parametrize(
        "params",
        [
            {"page": "999"}, {"page": "-1"}, {"page": "abc"}, {"min_price": "abc"},
            {"sort": "'; DROP TABLE x;--"}, {"sub": "99999"}, {"area": "<script>x</script>"},
            {"unknown": "1"}, {"max_price": "1e999"},
        ],
    )
    def test_bad_filters_give_a_clean_page(self, client, bakhoor, umm_ali, params):
        make_product(producer=umm_ali, category=bakhoor, title="Oud muattar")
        html = page(client, category_url(bakhoor), **params)
        assert "Oud muattar" in html
        assert "<script>x" not in html

    def test_pagination(self, client, bakhoor, umm_ali):
        for n in range(30):
            make_product(producer=umm_ali, category=bakhoor, title=f"Bakhoor {n:02d}")
        first = page(client, category_url(bakhoor))
        second = page(client, category_url(bakhoor), page=2)
        assert "Page 1 of 2" in first
        assert "Bakhoor 29" in first
        assert "Bakhoor 00" in second
        assert "Bakhoor 29" not in second

    def test_unknown_category_is_a_404(self, client, db):
        assert client.get("/en/shop/catalogue/category/nothing_999/").status_code == 404


def _many(producer, category, count):
    for n in range(count):
        make_product(producer=producer, category=category, title=f"Item {n}")


@pytest.mark.parametrize("count", [10, 60])
def test_category_listing_query_budget(client, django_assert_max_num_queries, bakhoor, umm_ali,
                                       count):
    _many(umm_ali, bakhoor, count)
    url = category_url(bakhoor)
    client.get(url)  # warm the per-process caches (navigation, category URLs)
    retire_cached_pages()  # ...but not the page and listing caches: measure a real render
    with django_assert_max_num_queries(12):
        response = client.get(url, {"sort": "price", "in_stock": "on", "area": "Muharraq"})
    assert response.status_code == 200
    assert len(response.context["products"]) == min(count, 24)


@pytest.mark.parametrize("count", [10, 40])
def test_home_query_budget(client, django_assert_max_num_queries, home_page, bakhoor, umm_ali,
                           count):
    _many(umm_ali, bakhoor, count)
    client.get("/en/")
    with django_assert_max_num_queries(12):
        assert client.get("/en/").status_code == 200


class TestProductPage:
    def test_shows_price_producer_and_verified_licence_badge(self, client, bakhoor, umm_ali):
        product = make_product(producer=umm_ali, category=bakhoor, title="Oud muattar")
        html = page(client, product.get_absolute_url())
        assert "Verified licence" in html
        assert "KH-2026-00001" in html
        assert 'href="/en/verify/KH-2026-00001/"' in html
        assert "/en/verify/KH-2026-00001/qr.svg" in html
        assert "Umm Ali" in html
        assert 'id="add_to_basket_form"' in html
        assert '"@type": "Product"' in html
        assert "wa.me" in html

    def test_structured_data_cannot_be_broken_out_of(self, client, bakhoor, umm_ali):
        import json
        import re

        title = 'Oud </script><script>alert("x")</script> & musk'
        product = make_product(producer=umm_ali, category=bakhoor, title=title)
        html = page(client, product.get_absolute_url())
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert "<script>alert" not in html
        assert json.loads(block.group(1))["name"] == title

    def test_unavailable_product_says_why(self, client, bakhoor, lapsed):
        product = make_product(producer=lapsed, category=bakhoor, title="Lapsed dukhoon")
        html = page(client, product.get_absolute_url())
        assert "The producer&#x27;s licence has expired" in html
        assert 'id="add_to_basket_form"' not in html
        assert "no licence in force" in html

    def test_food_label(self, client, atayeb):
        cook = ProducerFactory(name="Bait Al Halwa")
        LicenceFactory(producer=cook, verified=True, covering=[atayeb], number="KH-FOOD-7")
        product = make_product(producer=cook, category=atayeb.category, title="Date cake")
        Product.objects.filter(pk=product.pk).update(
            ingredients="Dates, flour", allergens="Gluten", shelf_life_days=5
        )
        html = page(client, product.get_absolute_url())
        assert "Food label" in html
        assert "Dates, flour" in html
        assert "Gluten" in html
        assert "5 days" in html
        assert "a home kitchen" in html

    @pytest.mark.parametrize("language", ["en", "ar"])
    def test_query_budget(self, client, django_assert_max_num_queries, bakhoor, umm_ali,
                          language):
        from django.utils.translation import override

        product = make_product(producer=umm_ali, category=bakhoor, title="Oud muattar")
        with override(language):
            url = product.get_absolute_url()
        client.get(url)
        retire_cached_pages()  # measure a real render, not the page cache
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200

    @pytest.mark.parametrize(("language", "available"), [
        ("ar", "متوفر (المتاح: 3)"), ("fa", "موجود در انبار (3 عدد)"),
    ])
    def test_availability_is_in_the_page_language(self, client, bakhoor, umm_ali, language,
                                                  available):
        from django.utils.translation import override

        product = make_product(producer=umm_ali, category=bakhoor, title="Oud muattar", stock=3)
        with override(language):
            url = product.get_absolute_url()
        html = page(client, url)
        assert available in html
        assert "In stock" not in html

    def test_language_switcher_keeps_the_page(self, client, bakhoor, umm_ali):
        product = make_product(producer=umm_ali, category=bakhoor, title="Oud muattar")
        html = page(client, product.get_absolute_url())
        assert f'href="/ar/shop/catalogue/{product.slug}_{product.pk}/"' in html
        assert f'href="/fa/shop/catalogue/{product.slug}_{product.pk}/"' in html


class TestProducerPage:
    def test_story_area_badge_and_only_products_on_sale(self, client, tayeb, bakhoor, umm_ali):
        make_product(producer=umm_ali, category=bakhoor, title="Oud muattar")
        html = page(client, "/en/producers/umm-ali/")
        assert "Three generations of bakhoor." in html
        assert "Muharraq" in html
        assert "KH-2026-00001" in html
        assert "Oud muattar" in html

    def test_lapsed_producer_shows_no_products(self, client, bakhoor, lapsed):
        make_product(producer=lapsed, category=bakhoor, title="Lapsed dukhoon")
        html = page(client, "/en/producers/dar-hessa/")
        assert "Lapsed dukhoon" not in html
        assert "no product on sale right now" in html

    def test_unknown_producer_is_a_404(self, client, db):
        assert client.get("/en/producers/nobody/").status_code == 404


class TestLicenceCheck:
    def test_valid_licence(self, client, umm_ali):
        html = page(client, "/en/verify/KH-2026-00001/")
        assert "Valid" in html
        assert "Umm Ali" in html
        assert "Tayeb" in html

    def test_suspended_licence_says_so(self, client, tayeb):
        LicenceFactory(suspended=True, covering=[tayeb], number="KH-SUSP-1")
        html = page(client, "/en/verify/KH-SUSP-1/")
        assert "suspended" in html

    def test_expired_licence_says_so(self, client, lapsed):
        assert "expired" in page(client, "/en/verify/KH-2026-00002/")

    def test_unknown_number_says_so_plainly(self, client, db):
        response = client.get("/en/verify/NO-SUCH-1/")
        assert response.status_code == 404
        assert "No licence with the number" in response.content.decode()

    def test_number_shared_by_two_programmes_shows_both(self, client, tayeb):
        from tests.factories import ProgrammeFactory

        etimad = ProgrammeFactory(code="etimad", name_en="Etimad")
        LicenceFactory(verified=True, covering=[tayeb], number="SHARED-1")
        LicenceFactory(verified=True, programme=etimad, number="SHARED-1")
        html = page(client, "/en/verify/SHARED-1/")
        assert "Khutwa" in html
        assert "Etimad" in html

    def test_qr_code_is_an_svg(self, client, db):
        response = client.get("/en/verify/KH-2026-00001/qr.svg")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/svg+xml"
        assert response.content.lstrip().startswith(b"<svg")
        # An <img src> SVG is drawn only when it declares the SVG namespace.
        assert b'xmlns="http://www.w3.org/2000/svg"' in response.content

    def test_arabic_page_is_rtl(self, client, umm_ali):
        html = page(client, "/ar/verify/KH-2026-00001/")
        assert 'dir="rtl"' in html


class TestFollowProducer:
    def test_signed_in_customer_follows_and_unfollows(self, client, umm_ali):
        from shop.storefront.models import ProducerFollow
        from tests.factories import UserFactory

        user = UserFactory()
        client.force_login(user)
        html = page(client, "/en/producers/umm-ali/")
        assert "Follow this producer" in html
        response = client.post("/en/producers/umm-ali/follow/", {"follow": "1"}, follow=True)
        assert "You follow Umm Ali." in response.content.decode()
        assert ProducerFollow.objects.filter(user=user, producer=umm_ali).exists()
        client.post("/en/producers/umm-ali/follow/", {"follow": "0"})
        assert not ProducerFollow.objects.filter(user=user, producer=umm_ali).exists()

    def test_anonymous_visitor_is_asked_to_sign_in(self, client, umm_ali):
        html = page(client, "/en/producers/umm-ali/")
        assert "Sign in to follow this producer" in html
        response = client.post("/en/producers/umm-ali/follow/", {"follow": "1"})
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_signed_in_customer_adds_a_product_to_a_wish_list(client, bakhoor, umm_ali):
    from tests.factories import UserFactory

    product = make_product(producer=umm_ali, category=bakhoor, title="Oud muattar")
    user = UserFactory()
    url = f"/en/shop/catalogue/{product.slug}_{product.pk}/"
    assert "Add to wish list" not in page(client, url)
    client.force_login(user)
    assert "Add to wish list" in page(client, url)
    client.post(f"/en/shop/accounts/wishlists/add/{product.pk}/")
    assert [line.product for line in user.wishlists.get().lines.all()] == [product]
