"""Order creation that re-asks the licence rule and reserves stock only when it is there."""

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.order.utils import OrderCreator as OscarOrderCreator
from oscar.apps.order.utils import OrderDispatcher, OrderNumberGenerator  # noqa: F401

from producers.models import StockRecord
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


class InsufficientStock(ValueError):
    """Fewer units are left than a line asks for; nothing was reserved."""

    def __init__(self, product, requested: int, available: int):
        self.product, self.requested, self.available = product, requested, available
        if available > 0:
            message = _("Only %(n)s of “%(title)s” left; lower the quantity and try again.")
        else:
            message = _("“%(title)s” has just sold out; remove it from your basket.")
        super().__init__(message % {"n": available, "title": product.get_title()})


class OrderCreator(OscarOrderCreator):
    """Oscar's creator with the licence re-check and a conditional stock reservation."""

    def create_order_model(self, user, basket, *args, **kwargs):
        # Runs first inside place_order's transaction: a licence can lapse between the
        # basket and "Place order", and nothing is written when one has.
        now = timezone.now()
        self.licences = {}
        for line in basket.all_lines():
            verdict = product_purchasability(line.product, at=now)
            if not verdict:
                raise LineNotPurchasable(line.product, verdict)
            self.licences[line.stockrecord.partner_id] = verdict.licence
        return super().create_order_model(user, basket, *args, **kwargs)

    def update_stock_records(self, line):
        # One conditional UPDATE: PostgreSQL re-checks the condition against the committed
        # row after waiting for its lock, so two buyers can never both take the last unit.
        # Oscar calls this in stock-record order, so concurrent orders lock rows alike.
        if not line.product.get_product_class().track_stock:
            return
        allocated = Coalesce(F("num_allocated"), 0)
        updated = StockRecord.objects.filter(
            pk=line.stockrecord_id, num_in_stock__gte=allocated + line.quantity
        ).update(num_allocated=allocated + line.quantity)
        if not updated:
            record = StockRecord.objects.get(pk=line.stockrecord_id)
            available = max((record.num_in_stock or 0) - (record.num_allocated or 0), 0)
            raise InsufficientStock(line.product, line.quantity, available)
