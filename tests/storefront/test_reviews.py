"""Reviews: only customers who received a product may review it, once; moderators publish."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.reviews.selectors import customer_may_review
from catalog.services import product_variants_set
from shop.order.placement import BahrainAddress, order_place
from shop.order.services import (
    fulfilment_accept,
    fulfilment_deliver,
    fulfilment_dispatch,
    fulfilment_mark_ready,
)
from tests.factories import UserFactory, retire_cached_pages
from tests.order.fixtures import basket_with

ProductReview = get_model("reviews", "ProductReview")

NOT_RECEIVED = "Only customers who received this product can review it."
REVIEW = {"title": "Smells of home", "score": "5", "body": "Lasts all day."}


def buy(user, product, producer, *, delivered=True):
    """A cash order for one unit (pickup where offered); delivered unless told otherwise."""
    pickup = bool(producer.pickup_point)
    address = None if pickup else BahrainAddress(
        name="Fatima", phone="+97333334444", area="Muharraq", block="204", road="2410",
        building="1187",
    )
    order = order_place(basket=basket_with((product, 1), owner=user), user=user, address=address,
                        methods={producer.pk: "pickup" if pickup else "delivery"},
                        payment_method="cash")
    part = fulfilment_accept(fulfilment=order.fulfilments.get())
    if delivered:
        step = fulfilment_mark_ready if pickup else fulfilment_dispatch
        fulfilment_deliver(fulfilment=step(fulfilment=part))
    return order


def add_url(product):
    return reverse("catalogue:reviews-add",
                   kwargs={"product_slug": product.slug, "product_pk": product.pk})


def review(product, user, score, *, approved=True):
    return ProductReview.objects.create(
        product=product, user=user, score=score, title=f"{score} stars", body="Text",
        status=ProductReview.APPROVED if approved else ProductReview.FOR_MODERATION,
    )


class TestEligibleCustomer:
    def test_writes_a_review_that_waits_for_moderation(self, client, buyer, oud, seller):
        buy(buyer, oud, seller)
        client.force_login(buyer)

        html = client.get(oud.get_absolute_url()).content.decode()
        assert 'id="write_review"' in html
        assert client.get(add_url(oud)).status_code == 200
        response = client.post(add_url(oud), REVIEW, follow=True)

        assert response.redirect_chain[-1][0] == oud.get_absolute_url()
        html = response.content.decode()
        assert "It appears once our team has approved it." in html
        saved = ProductReview.objects.get(product=oud, user=buyer)
        assert saved.status == ProductReview.FOR_MODERATION
        assert "Smells of home" not in html  # not shown before approval
        oud.refresh_from_db()
        assert oud.rating is None

    def test_may_review_only_once(self, client, buyer, oud, seller):
        buy(buyer, oud, seller)
        client.force_login(buyer)
        client.post(add_url(oud), REVIEW)

        response = client.post(add_url(oud), {**REVIEW, "title": "Again"}, follow=True)

        assert "You have already reviewed this product." in response.content.decode()
        assert ProductReview.objects.filter(product=oud, user=buyer).count() == 1

    def test_a_variant_received_lets_the_customer_review_its_product(self, buyer, oud, seller):
        product_variants_set(product=oud, producer=seller, variants=[("Small", "1.250", 5)])
        small = oud.children.get()
        buy(buyer, small, seller)

        assert customer_may_review(user=buyer, product=oud)
        assert customer_may_review(user=buyer, product=small)


@pytest.fixture
def anonymous(db):
    return None


@pytest.fixture
def no_order(db):
    return UserFactory(email="browser@example.com")


@pytest.fixture
def not_delivered(buyer, oud, seller):
    buy(buyer, oud, seller, delivered=False)
    return buyer


@pytest.fixture
def someone_elses_order(buyer, oud, seller):
    buy(UserFactory(email="neighbour@example.com"), oud, seller)
    return buyer


@pytest.fixture
def other_product(buyer, musk, second_seller, oud):
    buy(buyer, musk, second_seller)
    return buyer


INELIGIBLE = ["anonymous", "no_order", "not_delivered", "someone_elses_order", "other_product"]


@pytest.mark.parametrize("who", INELIGIBLE)
class TestIneligible:
    def test_product_page_says_why_and_offers_no_link(self, client, request, who, oud):
        user = request.getfixturevalue(who)
        if user:
            client.force_login(user)
        html = client.get(oud.get_absolute_url()).content.decode()
        assert 'id="write_review"' not in html
        assert add_url(oud) not in html
        expected = "Sign in to review a product you have received." if user is None else (
            NOT_RECEIVED)
        assert expected in html

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_add_review_is_refused(self, client, request, who, oud, method):
        user = request.getfixturevalue(who)
        if user:
            client.force_login(user)

        response = getattr(client, method)(add_url(oud), REVIEW)

        assert response.status_code == 302
        if user is None:
            assert response["Location"].startswith(reverse("customer:login"))
        else:
            assert response["Location"] == oud.get_absolute_url()
            page = client.get(response["Location"]).content.decode()
            assert page.count(NOT_RECEIVED) == 2  # the refusal message and the review note
        assert not ProductReview.objects.exists()


class TestModeration:
    def test_only_approved_reviews_count_on_product_and_producer_pages(
        self, client, oud, musk, seller, bakhoor
    ):
        from tests.factories import make_product

        attar = make_product(producer=seller, category=bakhoor, title="Attar")
        review(oud, UserFactory(), 5)
        review(oud, UserFactory(), 4)
        review(attar, UserFactory(), 3)
        review(oud, UserFactory(), 1, approved=False)
        review(musk, UserFactory(), 1)  # another producer's product

        product_page = client.get(oud.get_absolute_url()).content.decode()
        producer_page = client.get(
            reverse("storefront:producer", kwargs={"code": seller.code})
        ).content.decode()

        assert "Rated 4.5 of 5 · 2 reviews" in product_page
        assert "5 stars" in product_page
        assert "1 stars" not in product_page
        assert "Rated 4.0 of 5" in producer_page  # (5 + 4 + 3) / 3: every approved review
        all_reviews = client.get(reverse("catalogue:reviews-list", kwargs={
            "product_slug": oud.slug, "product_pk": oud.pk})).content.decode()
        assert "4 stars" in all_reviews
        assert "1 stars" not in all_reviews

    def test_approving_in_the_dashboard_publishes_the_review(self, client, buyer, oud, seller):
        pending = review(oud, buyer, 4, approved=False)
        detail = reverse("catalogue:reviews-detail", kwargs={
            "product_slug": oud.slug, "product_pk": oud.pk, "pk": pending.pk})
        assert client.get(detail).status_code == 404
        staff = UserFactory(email="moderator@example.com", is_staff=True, is_superuser=True)
        client.force_login(staff)

        client.post(reverse("dashboard:reviews-list"), {
            "action": "update_selected_review_status", "selected_review": [pending.pk],
            "status": ProductReview.APPROVED,
        })

        client.logout()
        assert client.get(detail).status_code == 200
        assert "Rated 4.0 of 5 · 1 review" in client.get(oud.get_absolute_url()).content.decode()


@pytest.mark.parametrize(("signed_in", "budget"), [(False, 11), (True, 20)])
def test_product_page_with_reviews_query_budget(client, django_assert_max_num_queries, buyer, oud,
                                                seller, signed_in, budget):
    """Reviews cost two queries (count, list); the rule two more for a signed-in customer."""
    buy(buyer, oud, seller)
    review(oud, UserFactory(), 5)
    if signed_in:
        client.force_login(buyer)
    client.get(oud.get_absolute_url())
    retire_cached_pages()  # measure a real render, not the page cache
    with django_assert_max_num_queries(budget):
        response = client.get(oud.get_absolute_url())
    assert "5 stars" in response.content.decode()
    assert ('id="write_review"' in response.content.decode()) is signed_in
