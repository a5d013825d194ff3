"""Who may review a product, and which reviews a shopper sees."""

from __future__ import annotations

import enum

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.order.models import Line, ProducerFulfilment

ProductReview = get_model("reviews", "ProductReview")

REVIEWS_ON_PRODUCT_PAGE = 5


class ReviewEligibility(enum.StrEnum):
    """Whether a person may review a product, and if not, why."""

    ELIGIBLE = "ELIGIBLE"
    SIGN_IN = "SIGN_IN"
    NOT_RECEIVED = "NOT_RECEIVED"
    ALREADY_REVIEWED = "ALREADY_REVIEWED"

    @property
    def is_eligible(self) -> bool:
        return self is ReviewEligibility.ELIGIBLE

    @property
    def message(self) -> str:
        return str(ELIGIBILITY_MESSAGES[self])


ELIGIBILITY_MESSAGES = {
    ReviewEligibility.ELIGIBLE: _("You received this product: tell other customers about it."),
    ReviewEligibility.SIGN_IN: _("Sign in to review a product you have received."),
    ReviewEligibility.NOT_RECEIVED: _("Only customers who received this product can review it."),
    ReviewEligibility.ALREADY_REVIEWED: _("You have already reviewed this product."),
}


def delivered_lines(*, user, product):
    """The customer's order lines for this product (or a variant of it) that were delivered."""
    delivered = ProducerFulfilment.objects.filter(
        order_id=OuterRef("order_id"),
        producer_id=OuterRef("partner_id"),
        status=ProducerFulfilment.Status.DELIVERED,
    )
    return Line.objects.filter(
        Q(product=product) | Q(product__parent=product), order__user=user
    ).filter(Exists(delivered))


def review_eligibility(*, user, product) -> ReviewEligibility:
    """May this person review this product: signed in, received it, not reviewed it yet."""
    if not user.is_authenticated:
        return ReviewEligibility.SIGN_IN
    if product.has_review_by(user):  # Oscar allows one review per customer and product
        return ReviewEligibility.ALREADY_REVIEWED
    if not delivered_lines(user=user, product=product).exists():
        return ReviewEligibility.NOT_RECEIVED
    return ReviewEligibility.ELIGIBLE


def customer_may_review(*, user, product) -> bool:
    """The review rule as a yes/no answer (Oscar's ``is_review_permitted`` asks this)."""
    return review_eligibility(user=user, product=product).is_eligible


def approved_reviews(*, product, limit: int = REVIEWS_ON_PRODUCT_PAGE) -> list:
    """The newest approved reviews of a product; pending and rejected ones stay unseen."""
    return list(
        ProductReview.objects.approved()
        .filter(product=product)
        .select_related("user")
        .order_by("-date_created", "-pk")[:limit]
    )
