"""A token that changes whenever what a listing or search shows may have changed.

Caches of storefront results key on ``catalogue_state()``. It changes on every write the
sale windows hear of (products, stock, prices, categories, producers, licences,
approvals: ``catalog.sale_windows`` calls ``catalogue_changed``) and the moment the next
sale window opens or closes, so a cached listing never outlives a licence by a second.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from oscar.core.loading import get_model

# How long anything keyed on catalogue_state() may be kept: a backstop for the changes
# that reach no save (Oscar's stock allocations; the search index, updated by a task).
CACHE_SECONDS = 60
VERSION_KEY = "catalogue:version"
BOUNDARY_KEY = "catalogue:boundary:{version}"
NO_BOUNDARY = float("inf")


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def catalogue_changed() -> None:
    """Retire every cached result: now, and again when the writing transaction commits."""
    # Again on commit: a reader between the two must not cache the state before the write.
    _new_version()
    transaction.on_commit(_new_version)


def next_boundary(now: datetime) -> float:
    """The next moment (a timestamp) at which any product's sale window opens or closes."""
    SaleWindow = get_model("catalogue", "SaleWindow")
    later = SaleWindow.objects.aggregate(
        starts=Min("starts", filter=Q(starts__gt=now)), ends=Min("ends", filter=Q(ends__gt=now))
    )
    moments = [moment.timestamp() for moment in later.values() if moment is not None]
    return min(moments, default=NO_BOUNDARY)


def catalogue_state(now: datetime | None = None) -> str:
    """The current token: the data version and the next window boundary it holds until."""
    now = now or timezone.now()
    version = cache.get(VERSION_KEY)
    if version is None:
        _new_version()
        version = cache.get(VERSION_KEY)
    key = BOUNDARY_KEY.format(version=version)
    boundary = cache.get(key)
    if boundary is None or now.timestamp() >= boundary:
        boundary = next_boundary(now)
        cache.set(key, boundary, timeout=None)
    return f"{version}:{boundary}"


T = TypeVar("T")


def catalogue_key(name: str, parts) -> str:
    """A cache key for ``parts`` (any repr-able value) valid for the current catalogue state."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"{name}:{catalogue_state()}:{digest}"


def catalogue_cached(name: str, parts, compute: Callable[[], T]) -> T:
    """``compute()``, kept until the catalogue changes (or ``CACHE_SECONDS`` pass)."""
    key = catalogue_key(name, parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value
