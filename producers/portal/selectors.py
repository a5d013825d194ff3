"""Reads for the portal: listing rows with their status, order actions, sales figures."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from producers import permissions as perms
from producers.rules import Reason, product_purchasability
from shop.order.models import LedgerEntry, ProducerFulfilment

Line = get_model("order", "Line")
S = ProducerFulfilment.Status


def dashboard_counts(producer) -> dict:
    """How many listings, open orders and failed imports the producer has."""
    return {
        "products": perms.portal_products(producer).count(),
        "open_orders": perms.portal_fulfilments(producer)
        .filter(status__in=[S.NEW, S.ACCEPTED, S.READY]).count(),
    }


def product_stock(product, record) -> int:
    """Units left to sell: the stock record's, or the sum over a product's variants."""
    if product.is_parent:
        return sum(r.net_stock_level for child in product.children.all()
                   for r in child.stockrecords.all())
    return record.net_stock_level if record is not None else 0


def listing_status(product, record, verdict) -> dict:
    """Whether a listing is live, and if not, why, in words (licence rule, publishing, stock)."""
    reasons = []
    if not product.is_public:
        reasons.append(_("Not published yet"))
    if not verdict:
        reasons.append(verdict.message)
    if product_stock(product, record) <= 0:
        reasons.append(_("Out of stock"))
    return {"live": not reasons, "reasons": reasons,
            "code": verdict.reason if not verdict else Reason.PURCHASABLE}


def portal_product_rows(producer, *, at) -> list[dict]:
    """The producer's listings, each with its stock record and live/not-live status."""
    products = perms.portal_products(producer).prefetch_related(
        "stockrecords__partner__licences__packages__category",
        "stockrecords__partner__licences__packages__required_authorities",
        "stockrecords__partner__licences__approvals",
        "categories", "images", "children__stockrecords",
    )
    rows = []
    for product in products:
        record = next((r for r in product.stockrecords.all() if r.partner_id == producer.pk),
                      None)
        verdict = product_purchasability(product, at=at)
        rows.append({"product": product, "record": record,
                     "stock": product_stock(product, record),
                     "status": listing_status(product, record, verdict)})
    return rows


def fulfilment_next_actions(fulfilment) -> list[tuple[str, str]]:
    """The buttons a producer may press on a fulfilment in its current status."""
    steps = {
        S.NEW: [("accept", _("Accept"))],
        S.ACCEPTED: [("ready", _("Ready for pickup")), ("dispatch", _("Mark dispatched"))],
        S.READY: [("dispatch", _("Mark dispatched")), ("deliver", _("Mark delivered"))],
        S.DISPATCHED: [("deliver", _("Mark delivered"))],
    }
    return steps.get(fulfilment.status, [])


def _chart(points: list[dict], *, width=320, height=140) -> dict:
    """Bars for an SVG chart, scaled in Python so the page needs no script."""
    top = max((p["revenue"] for p in points), default=Decimal(0)) or Decimal(1)
    gap, n = 4, max(len(points), 1)
    bar = max((width - gap * (n + 1)) // n, 2)
    bars = []
    for index, point in enumerate(points):
        h = int(Decimal(height - 20) * point["revenue"] / top)
        bars.append({"x": gap + index * (bar + gap), "y": height - h, "width": bar,
                     "height": h, "label": point["period"], "revenue": point["revenue"]})
    return {"width": width, "height": height, "bars": bars}


def sales_summary(producer, *, period: str = "week", weeks: int = 12) -> dict:
    """Revenue and orders per week or month, best products and the payouts ledger."""
    trunc = TruncMonth if period == "month" else TruncWeek
    since = timezone.now() - timedelta(days=365 if period == "month" else weeks * 7)
    cancelled = ProducerFulfilment.objects.filter(producer=producer, status=S.CANCELLED)
    lines = Line.objects.filter(partner=producer, order__date_placed__gte=since).exclude(
        order_id__in=cancelled.values("order_id")
    )
    series = list(
        lines.annotate(period=trunc("order__date_placed")).values("period")
        .annotate(revenue=Sum("line_price_incl_tax"), orders=Count("order", distinct=True))
        .order_by("period")
    )
    for point in series:
        point["revenue"] = point["revenue"] or Decimal(0)
    best = list(
        lines.values("product_id", "title").annotate(
            quantity=Sum("quantity"), revenue=Sum("line_price_incl_tax"))
        .order_by("-revenue")[:5]
    )
    ledger = (LedgerEntry.objects.filter(fulfilment__producer=producer)
              .select_related("order", "fulfilment")[:50])
    fulfilments = perms.portal_fulfilments(producer).exclude(status=S.CANCELLED)
    return {
        "series": series, "chart": _chart(series), "best": best, "ledger": ledger,
        "total": sum((p["revenue"] for p in series), Decimal(0)),
        "payouts": fulfilments.values("payout_status").annotate(n=Count("pk")),
        "commissions": fulfilments.order_by("-created")[:20],
    }
