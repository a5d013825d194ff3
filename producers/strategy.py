"""Oscar's Strategy with the licence rule before the stock rule.

Basket forms, line quantities, checkout steps and templates all ask the strategy, so a
product whose producer's licence does not allow the sale cannot be bought anywhere.
"""

from django.utils import timezone
from oscar.apps.partner import availability
from oscar.apps.partner.strategy import Default as OscarDefault
from oscar.apps.partner.strategy import Selector as OscarSelector

from .rules import Verdict, product_purchasability


class LicenceUnavailable(availability.Unavailable):
    """Availability when the licence rule forbids the sale; carries the reason code."""

    code = "licence"

    def __init__(self, verdict: Verdict):
        self.verdict = verdict
        self.reason = verdict.reason
        self.message = verdict.message

    def is_purchase_permitted(self, quantity):
        return False, self.message


class LicenceRequired:
    """Strategy mixin: nothing is available unless the licence rule allows it now."""

    def availability_policy(self, product, stockrecord):
        verdict = product_purchasability(product, at=self.now)
        if not verdict:
            return LicenceUnavailable(verdict)
        return super().availability_policy(product, stockrecord)

    def parent_availability_policy(self, product, children_stock):
        verdict = product_purchasability(product, at=self.now)
        if not verdict:
            return LicenceUnavailable(verdict)
        return super().parent_availability_policy(product, children_stock)

    @property
    def now(self):
        return timezone.now()


class Default(LicenceRequired, OscarDefault):
    """Muntij's strategy: licence rule, then stock, first stock record, prices as stored."""


class Selector(OscarSelector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
