"""Reads for programme administration: licence checklists, flagged fulfilments, figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median

from django.apps import apps
from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, Substr, TruncMonth
from django.utils.translation import gettext_lazy as _

from .models import Licence, LicenceEvent, Partner, ProgrammePackage
from .rules import CATEGORY_STEPLEN, approval_is_valid

OPEN_FULFILMENT_EXCLUDED = ("delivered", "cancelled")
DECISIONS = ("verified", "rejected")


@dataclass(frozen=True)
class ChecklistRow:
    """One authority on a licence's checklist: its approval and whether it is in."""

    authority: object
    approval: object | None
    required: bool
    is_valid: bool
    packages: tuple = ()


def licence_checklist(licence: Licence, *, on: date) -> list[ChecklistRow]:
    """Every authority the licence's packages require (and any other it has), with status."""
    approvals = {a.authority_id: a for a in licence.approvals.select_related("authority")}
    required: dict[int, tuple] = {}
    authorities = {}
    for package in licence.packages.prefetch_related("required_authorities"):
        for authority in package.required_authorities.all():
            authorities[authority.pk] = authority
            required[authority.pk] = (*required.get(authority.pk, ()), package)
    for approval in approvals.values():
        authorities.setdefault(approval.authority_id, approval.authority)
    rows = []
    for pk, authority in sorted(authorities.items(), key=lambda item: item[1].code):
        approval = approvals.get(pk)
        rows.append(ChecklistRow(
            authority=authority,
            approval=approval,
            required=pk in required,
            is_valid=bool(approval and approval_is_valid(approval, on=on)),
            packages=required.get(pk, ()),
        ))
    return rows


def _fulfilment_model():
    return apps.get_model("order", "ProducerFulfilment")


def producer_open_fulfilments(producer: Partner):
    """A producer's fulfilments still to be delivered (not delivered, not cancelled)."""
    return (
        _fulfilment_model().objects.filter(producer=producer)
        .exclude(status__in=OPEN_FULFILMENT_EXCLUDED)
        .select_related("order")
        .order_by("created")
    )


def fulfilments_flagged(*, at: datetime):
    """Open fulfilments of producers whose licence is suspended or revoked and none in force."""
    in_force = Licence.objects.in_force(at).filter(producer=OuterRef("producer"))
    stopped = Licence.objects.filter(
        producer=OuterRef("producer"), status__in=["suspended", "revoked"]
    )
    return (
        _fulfilment_model().objects.exclude(status__in=OPEN_FULFILMENT_EXCLUDED)
        .filter(Exists(stopped)).exclude(Exists(in_force))
        .select_related("order", "producer")
        .order_by("created")
    )


# --- Programme figures ---------------------------------------------------------------
# Every figure is one grouped query; Python only names the groups and takes the median.

ORDER_STATUSES_NOT_COUNTED = ("pending_payment", "cancelled")


@dataclass
class Table:
    """A named table of figures: headings, rows, and which column a chart draws."""

    key: str
    title: str
    headings: list
    rows: list = field(default_factory=list)
    chart_column: int | None = None
    label_columns: int = 1

    @property
    def chart(self) -> list[tuple[str, float, float]]:
        """(label, value, share of the largest value in %) for a bar chart."""
        if self.chart_column is None:
            return []
        values = [
            (" · ".join(str(cell) for cell in row[: self.label_columns]),
             float(row[self.chart_column] or 0))
            for row in self.rows
        ]
        top = max((value for _label, value in values), default=0) or 1
        return [(label, value, round(100 * value / top, 1)) for label, value in values]


def _package_names() -> dict[str, str]:
    packages = ProgrammePackage.objects.select_related("category", "programme")
    return {package.category.path: str(package) for package in packages}


def _root_of(product_ref: str):
    """The root-category path of the product an outer row points to (as a subquery)."""
    ProductCategory = apps.get_model("catalogue", "ProductCategory")
    return Subquery(
        ProductCategory.objects.filter(product_id=OuterRef(product_ref))
        .annotate(root=Substr("category__path", 1, CATEGORY_STEPLEN))
        .order_by("category__path")
        .values("root")[:1]
    )


def _month(value) -> str:
    return value.strftime("%Y-%m") if value else ""


def stats_producers(*, by: str) -> Table:
    """Producers counted by area or by the licence holder's gender."""
    labels = {"area": _("Area"), "holder_gender": _("Gender")}
    rows = Partner.objects.values(by).annotate(n=Count("pk")).order_by("-n", by)
    if by == "holder_gender":
        names = dict(Partner._meta.get_field("holder_gender").choices)
        rows = [(str(names.get(r[by], _("Not given"))), r["n"]) for r in rows]
    else:
        rows = [(r[by] or str(_("Not given")), r["n"]) for r in rows]
    return Table(f"producers-by-{by.replace('_', '-')}", _("Producers by %(what)s")
                 % {"what": labels[by].lower()}, [labels[by], _("Producers")], rows, 1)


def stats_licences_by_status() -> Table:
    """Licences counted by status."""
    names = dict(Licence.Status.choices)
    rows = Licence.objects.values("status").annotate(n=Count("pk")).order_by("-n")
    return Table("licences-by-status", _("Licences by status"), [_("Status"), _("Licences")],
                 [(str(names.get(r["status"], r["status"])), r["n"]) for r in rows], 1)


def stats_by_package() -> Table:
    """Per package: licences, producers, and licences in force."""
    packages = ProgrammePackage.objects.select_related("programme").annotate(
        n_licences=Count("licences", distinct=True),
        n_producers=Count("licences__producer", distinct=True),
        n_verified=Count("licences", filter=Q(licences__status="verified"), distinct=True),
    ).order_by("programme__code", "code")
    rows = [(str(p), p.n_licences, p.n_producers, p.n_verified) for p in packages]
    return Table("by-package", _("Licences and producers by package"),
                 [_("Package"), _("Licences"), _("Producers"), _("Verified")], rows, 1)


def stats_applications_per_month() -> Table:
    """Applications submitted per month (first submission of each licence)."""
    firsts = (LicenceEvent.objects.filter(action="submitted").values("licence")
              .annotate(first=Min("at")).values("first"))
    rows = (LicenceEvent.objects.filter(action="submitted", at__in=firsts)
            .annotate(month=TruncMonth("at")).values("month")
            .annotate(n=Count("licence", distinct=True)).order_by("month"))
    return Table("applications-per-month", _("Applications per month"),
                 [_("Month"), _("Applications")], [(_month(r["month"]), r["n"]) for r in rows], 1)


def stats_decision_times() -> Table:
    """Median days from first submission to first decision, per month of decision."""
    pairs = Licence.objects.annotate(
        submitted=Min("events__at", filter=Q(events__action="submitted")),
        decided=Min("events__at", filter=Q(events__to_status__in=DECISIONS,
                                           events__from_status="submitted")),
    ).filter(submitted__isnull=False, decided__isnull=False).values_list("submitted", "decided")
    by_month: dict[str, list[float]] = {}
    for submitted, decided in pairs:
        days = (decided - submitted).total_seconds() / 86400
        by_month.setdefault(_month(decided), []).append(days)
    rows = [(month, len(days), round(median(days), 1)) for month, days in sorted(by_month.items())]
    everything = [d for days in by_month.values() for d in days]
    if everything:
        rows.append((str(_("All months")), len(everything), round(median(everything), 1)))
    return Table("decision-times", _("Median days to decision"),
                 [_("Month of decision"), _("Decisions"), _("Median days")], rows, 2)


def stats_expiring(*, at: datetime, days: int = 30) -> Table:
    """Verified licences whose validity ends within the next ``days`` days."""
    licences = (Licence.objects.filter(status="verified", valid_until__gte=at,
                                       valid_until__lt=at + timedelta(days=days))
                .select_related("producer").order_by("valid_until"))
    rows = [(lic.number, str(lic.producer), lic.producer.area, lic.valid_until.date().isoformat())
            for lic in licences]
    return Table("expiring", _("Licences expiring within 30 days"),
                 [_("Licence"), _("Producer"), _("Area"), _("Valid until")], rows)


def _counted_lines():
    Line = apps.get_model("order", "Line")
    return (Line.objects.exclude(order__status__in=ORDER_STATUSES_NOT_COUNTED)
            .annotate(canonical=Coalesce("product__parent_id", "product_id"))
            .annotate(root=_root_of("canonical")))


def stats_sales_by_package_month() -> Table:
    """Orders, items and revenue per package and month (order lines by product category)."""
    names = _package_names()
    rows = (_counted_lines().annotate(month=TruncMonth("order__date_placed"))
            .values("month", "root")
            .annotate(orders=Count("order", distinct=True), items=Sum("quantity"),
                      revenue=Sum("line_price_incl_tax"))
            .order_by("month", "root"))
    return Table("sales", _("Orders and revenue by package and month"),
                 [_("Month"), _("Package"), _("Orders"), _("Items"), _("Revenue")],
                 [(_month(r["month"]), names.get(r["root"], "-"), r["orders"], r["items"],
                   r["revenue"]) for r in rows], 4, 2)


def stats_top_products(*, limit: int = 20) -> Table:
    """The best-selling products by revenue, with their package."""
    names = _package_names()
    rows = (_counted_lines().values("canonical", "root")
            .annotate(title=Min("title"), items=Sum("quantity"),
                      revenue=Sum("line_price_incl_tax"))
            .order_by("-revenue", "canonical")[:limit])
    return Table("top-products", _("Top products"),
                 [_("Product"), _("Package"), _("Items"), _("Revenue")],
                 [(r["title"], names.get(r["root"], "-"), r["items"], r["revenue"])
                  for r in rows], 3)


def stats_new_products_per_month() -> Table:
    """Products created per month and package (variants count with their parent)."""
    Product = apps.get_model("catalogue", "Product")
    names = _package_names()
    rows = (Product.objects.filter(parent__isnull=True)
            .annotate(month=TruncMonth("date_created"), root=_root_of("pk"))
            .values("month", "root").annotate(n=Count("pk")).order_by("month", "root"))
    return Table("new-products", _("New products per month"),
                 [_("Month"), _("Package"), _("Products")],
                 [(_month(r["month"]), names.get(r["root"], "-"), r["n"]) for r in rows], 2, 2)


def programme_statistics(*, at: datetime) -> list[Table]:
    """Every table on the programme figures page, in display order."""
    return [
        stats_by_package(),
        stats_licences_by_status(),
        stats_producers(by="area"),
        stats_producers(by="holder_gender"),
        stats_applications_per_month(),
        stats_decision_times(),
        stats_expiring(at=at),
        stats_sales_by_package_month(),
        stats_top_products(),
        stats_new_products_per_month(),
    ]
