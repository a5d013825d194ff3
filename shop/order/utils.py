"""Order creation that re-asks the licence rule inside the transaction that writes."""

from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.order.utils import OrderCreator as OscarOrderCreator
from oscar.apps.order.utils import OrderDispatcher, OrderNumberGenerator  # noqa: F401

from producers.rules import product_purchasability


class LineNotPurchasable(ValueError):
    """A basket line's product may not be sold now; carries the rule's verdict."""

    def __init__(self, product, verdict):
        self.product = product
        self.verdict = verdict
        super().__init__(
            _("“%(title)s” can no longer be ordered: %(reason)s.")
            % {"title": product.get_title(), "reason": verdict.message}
        )


class OrderCreator(OscarOrderCreator):
    def create_order_model(self, user, basket, *args, **kwargs):
        # Runs first inside place_order's transaction: a licence can lapse between the
        # basket and "Place order", and nothing is written when one has.
        now = timezone.now()
        for line in basket.all_lines():
            verdict = product_purchasability(line.product, at=now)
            if not verdict:
                raise LineNotPurchasable(line.product, verdict)
        return super().create_order_model(user, basket, *args, **kwargs)
