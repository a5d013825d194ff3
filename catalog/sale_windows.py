"""Keep ``SaleWindow`` rows equal to what the licence rule says, for listings to query.

The rule (``producers.rules``) is the one definition. Browsing 50,000 products cannot
evaluate it per product per request, so its result is stored as spans of time
(``product_sale_windows``) and rewritten here whenever an input of the rule changes.
Every write path reaches this module: our services and Oscar's dashboard alike save
models, and the receivers below listen to those saves. Bulk loaders, which bypass
signals, call ``sale_windows_refresh`` themselves; ``manage.py refresh_sale_windows``
rebuilds everything (after a bulk import, and nightly as a safety net).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Q
from oscar.core.loading import get_model

from producers.rules import product_sale_windows

from .freshness import catalogue_changed

BATCH = 500
_RULE_INPUTS = (
    "categories",
    "parent__categories",
    "stockrecords__partner__licences__packages__category",
    "stockrecords__partner__licences__packages__required_authorities",
    "stockrecords__partner__licences__approvals",
    "children__stockrecords__partner__licences__packages__category",
    "children__stockrecords__partner__licences__packages__required_authorities",
    "children__stockrecords__partner__licences__approvals",
)
_deferred = threading.local()


def sale_windows_refresh(*, product_ids: Iterable[int] | None = None) -> int:
    """Rewrite the sale windows of these products (all products when None); returns rows."""
    Product = get_model("catalogue", "Product")
    if product_ids is None:
        product_ids = Product.objects.order_by("pk").values_list("pk", flat=True)
    ids = sorted(set(product_ids))
    written = 0
    catalogue_changed()
    for start in range(0, len(ids), BATCH):
        written += _refresh_batch(ids[start : start + BATCH])
    return written


@transaction.atomic
def _refresh_batch(ids: list[int]) -> int:
    Product = get_model("catalogue", "Product")
    SaleWindow = get_model("catalogue", "SaleWindow")
    products = (
        Product.objects.filter(pk__in=ids).select_related("parent").prefetch_related(*_RULE_INPUTS)
    )
    rows = [
        SaleWindow(product=product, licence=licence, starts=starts, ends=ends)
        for product in products
        for starts, ends, licence in product_sale_windows(product)
    ]
    SaleWindow.objects.filter(product_id__in=ids).delete()
    SaleWindow.objects.bulk_create(rows)
    return len(rows)


def products_sold_by(producer_ids: Iterable[int]) -> set[int]:
    """Products whose windows depend on these producers: stocked ones and their parents."""
    StockRecord = get_model("partner", "StockRecord")
    pairs = StockRecord.objects.filter(partner_id__in=list(producer_ids)).values_list(
        "product_id", "product__parent_id"
    )
    return {pk for pair in pairs for pk in pair if pk is not None}


def products_related_to(product_ids: Iterable[int]) -> set[int]:
    """These products with their parents and variants (a variant's rule reads its parent)."""
    Product = get_model("catalogue", "Product")
    ids = set(product_ids)
    rows = Product.objects.filter(Q(pk__in=ids) | Q(parent_id__in=ids)).values_list(
        "pk", "parent_id"
    )
    return ids | {pk for pair in rows for pk in pair if pk is not None}


@contextmanager
def sale_windows_deferred():
    """Collect refreshes and run them once on leaving (for loaders saving many rows)."""
    outermost = getattr(_deferred, "ids", None) is None
    if outermost:
        _deferred.ids = set()
    try:
        yield
    except BaseException:
        if outermost:  # the writes are being abandoned: nothing to refresh
            _deferred.ids = None
        raise
    if outermost:
        ids, _deferred.ids = _deferred.ids, None
        sale_windows_refresh(product_ids=ids)


def sale_windows_changed(product_ids: Iterable[int]) -> None:
    """Refresh now, or at the end of the enclosing ``sale_windows_deferred`` block."""
    ids = set(product_ids)
    if not ids:
        return
    pending = getattr(_deferred, "ids", None)
    if pending is not None:
        pending |= ids
    else:
        sale_windows_refresh(product_ids=ids)
