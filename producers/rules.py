"""The licence rule, defined once: may this product be sold at this moment?

A product is purchasable at time *t* only if its producer holds a licence that is
verified, with ``valid_from <= t < valid_until``, whose packages cover every category
of the product (a package covers its root category and every sub-category), and for
which every approval those packages require (food control for Atayeb, ...) is granted
and unexpired at *t* -- and the producer is not on vacation.
``product_sale_windows`` states the same rule as spans of time, which
``catalog.managers.ProductQuerySet.purchasable`` (the SQL twin) queries;
``tests/producers/test_rule_parity.py`` proves they agree.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from catalog.models import Product

    from .models import Licence, Partner

# Category paths are treebeard materialised paths; a root category's path is the first
# STEPLEN characters of every path below it.
CATEGORY_STEPLEN = 4


class Reason(enum.StrEnum):
    """Why a product is, or is not, purchasable."""

    PURCHASABLE = "PURCHASABLE"
    NO_PRODUCER = "NO_PRODUCER"
    NO_LICENCE = "NO_LICENCE"
    UNVERIFIED = "UNVERIFIED"
    REVOKED = "REVOKED"
    SUSPENDED = "SUSPENDED"
    NOT_YET_VALID = "NOT_YET_VALID"
    EXPIRED = "EXPIRED"
    CATEGORY_NOT_COVERED = "CATEGORY_NOT_COVERED"
    APPROVAL_MISSING = "APPROVAL_MISSING"
    ON_VACATION = "ON_VACATION"


REASON_MESSAGES = {
    Reason.PURCHASABLE: _("Available from a licensed producer"),
    Reason.NO_PRODUCER: _("Not sold by any producer"),
    Reason.NO_LICENCE: _("The producer has no licence yet"),
    Reason.UNVERIFIED: _("The producer's licence is awaiting verification"),
    Reason.REVOKED: _("The producer's licence has been revoked"),
    Reason.SUSPENDED: _("The producer's licence is suspended"),
    Reason.NOT_YET_VALID: _("The producer's licence is not valid yet"),
    Reason.EXPIRED: _("The producer's licence has expired"),
    Reason.CATEGORY_NOT_COVERED: _("The producer's licence does not cover this category"),
    Reason.APPROVAL_MISSING: _("A required approval (e.g. food control) is missing or expired"),
    Reason.ON_VACATION: _("The producer is on vacation"),
}

# When no licence allows a sale, report the licence that came closest.
_PROGRESS = [
    Reason.NO_LICENCE,
    Reason.UNVERIFIED,
    Reason.REVOKED,
    Reason.SUSPENDED,
    Reason.NOT_YET_VALID,
    Reason.EXPIRED,
    Reason.CATEGORY_NOT_COVERED,
    Reason.APPROVAL_MISSING,
    Reason.ON_VACATION,
    Reason.PURCHASABLE,
]


@dataclass(frozen=True)
class Verdict:
    """The rule's answer: a reason code and, when one applies, the licence it rests on."""

    reason: Reason
    licence: Licence | None = None

    def __bool__(self) -> bool:
        return self.reason is Reason.PURCHASABLE

    @property
    def message(self) -> str:
        return str(REASON_MESSAGES[self.reason])


# Licence lifecycle (DESIGN.md §3): which status may follow which.
LICENCE_TRANSITIONS: dict[str, set[str]] = {
    "draft": {"submitted"},
    "submitted": {"verified", "rejected", "changes_requested"},
    "changes_requested": {"submitted"},
    "rejected": {"submitted"},
    "verified": {"suspended", "expired", "revoked", "verified"},
    "suspended": {"verified", "revoked"},
    "expired": {"verified", "revoked"},
    "revoked": set(),
}


def is_transition_allowed(from_status: str, to_status: str) -> bool:
    """Whether the lifecycle lets a licence move from one status to another."""
    return to_status in LICENCE_TRANSITIONS.get(from_status, set())


def root_path(category_path: str) -> str:
    """The path of the root category above (or equal to) a category."""
    return category_path[:CATEGORY_STEPLEN]


def approval_last_day(approval) -> date | None:
    """The last day an approval counts (``date.max`` if it never expires); None if not granted."""
    if approval.status != "approved":
        return None
    return approval.expires_on or date.max


def approval_is_valid(approval, *, on: date) -> bool:
    """Whether an authority's approval is granted and unexpired on a day."""
    last_day = approval_last_day(approval)
    return last_day is not None and on <= last_day


def licence_status_reason(licence: Licence, *, at: datetime) -> Reason:
    """Whether a licence is in force at a moment, as a reason code."""
    status = licence.status
    if status == "revoked":
        return Reason.REVOKED
    if status == "suspended":
        return Reason.SUSPENDED
    if status == "expired":
        return Reason.EXPIRED
    if status != "verified":
        return Reason.UNVERIFIED
    if at < licence.valid_from:
        return Reason.NOT_YET_VALID
    if at >= licence.valid_until:
        return Reason.EXPIRED
    return Reason.PURCHASABLE


def licence_in_force(licence: Licence, *, at: datetime) -> bool:
    """Whether a licence is verified and inside its validity at a moment."""
    return licence_status_reason(licence, at=at) is Reason.PURCHASABLE


def licence_covers_roots(licence: Licence, *, roots: set[str]) -> bool:
    """Whether the licence's packages cover every one of these (non-empty) root categories."""
    covered = {package.category.path for package in licence.packages.all()}
    return bool(roots) and roots <= covered


def licence_required_authorities(licence: Licence, *, roots: set[str]) -> list:
    """The authorities whose approval the licence's packages for these roots require."""
    return [
        authority
        for package in licence.packages.all()
        if package.category.path in roots
        for authority in package.required_authorities.all()
    ]


def licence_missing_authorities(licence: Licence, *, roots: Iterable[str], on: date) -> list:
    """The authorities whose valid approval the licence lacks for these root categories."""
    valid = {a.authority_id for a in licence.approvals.all() if approval_is_valid(a, on=on)}
    required = licence_required_authorities(licence, roots=set(roots))
    return [authority for authority in required if authority.pk not in valid]


def licence_covers(licence: Licence, *, roots: Iterable[str], at: datetime) -> Reason:
    """Whether an in-force licence covers these root categories with their approvals."""
    roots = set(roots)
    if not licence_covers_roots(licence, roots=roots):
        return Reason.CATEGORY_NOT_COVERED
    on = timezone.localdate(at)
    if licence_missing_authorities(licence, roots=roots, on=on):
        return Reason.APPROVAL_MISSING
    return Reason.PURCHASABLE


def licence_verdict(licence: Licence, *, roots: Iterable[str], at: datetime) -> Reason:
    """How far one licence gets towards allowing a sale in these root categories."""
    reason = licence_status_reason(licence, at=at)
    if reason is not Reason.PURCHASABLE:
        return reason
    return licence_covers(licence, roots=roots, at=at)


def product_producers(product: Product) -> list[Partner]:
    """The producers selling a product (through its stock record or its variants')."""
    records = list(product.stockrecords.all())
    if product.is_parent:
        for child in product.children.all():
            records += list(child.stockrecords.all())
    seen: dict[int, Partner] = {}
    for record in records:
        seen.setdefault(record.partner_id, record.partner)
    return list(seen.values())


def product_root_paths(product: Product) -> set[str]:
    """The root-category paths of a product's categories (a variant uses its parent's)."""
    canonical = product.parent if product.is_child else product
    return {root_path(category.path) for category in canonical.categories.all()}


def product_purchasability(product: Product, *, at: datetime) -> Verdict:
    """The licence rule: may this product be sold at this moment, and if not, why."""
    producers = product_producers(product)
    if not producers:
        return Verdict(Reason.NO_PRODUCER)
    roots = product_root_paths(product)
    best = Verdict(Reason.NO_LICENCE)
    for producer in producers:
        for licence in producer.licences.all():
            reason = licence_verdict(licence, roots=roots, at=at)
            if reason is Reason.PURCHASABLE and producer.on_vacation:
                reason = Reason.ON_VACATION
            if _PROGRESS.index(reason) > _PROGRESS.index(best.reason):
                best = Verdict(reason, licence)
            if best:
                return best
    return best


def _end_of_day(day: date) -> datetime:
    """The local midnight after a day (the end of time for ``date.max``)."""
    if day == date.max:
        return datetime.max.replace(tzinfo=timezone.get_default_timezone())
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def licence_sale_window(licence: Licence, *, roots: set[str]) -> tuple[datetime, datetime] | None:
    """The span during which this licence lets a product in these root categories be sold."""
    if licence.status != "verified" or not licence_covers_roots(licence, roots=roots):
        return None
    approvals = {a.authority_id: a for a in licence.approvals.all()}
    ends = [licence.valid_until]
    for authority in licence_required_authorities(licence, roots=roots):
        approval = approvals.get(authority.pk)
        last_day = approval_last_day(approval) if approval is not None else None
        if last_day is None:
            return None
        ends.append(_end_of_day(last_day))
    end = min(ends)
    return (licence.valid_from, end) if end > licence.valid_from else None


def product_sale_windows(product: Product) -> list[tuple[datetime, datetime, Licence]]:
    """Every span in which the licence rule lets this product be sold, with its licence.

    ``product_purchasability(product, at=t)`` allows a sale exactly when *t* lies in one
    of these spans; ``catalog.models.SaleWindow`` stores them so listings can ask SQL.
    """
    roots = product_root_paths(product)
    windows = []
    for producer in product_producers(product):
        if producer.on_vacation:
            continue
        for licence in producer.licences.all():
            window = licence_sale_window(licence, roots=roots)
            if window is not None:
                windows.append((*window, licence))
    return windows
