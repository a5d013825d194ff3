"""Reads for the storefront: listings on browsable(), producers, licences, search."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Substr
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.freshness import catalogue_cached
from catalog.models import Category, Product
from producers.models import Licence, Partner, ProgrammePackage
from producers.rules import CATEGORY_STEPLEN, licence_in_force

ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
ProductReview = get_model("reviews", "ProductReview")
StockRecord = get_model("partner", "StockRecord")

SORTS = {
    "newest": ("-date_created", "-pk"),
    "price": ("price_value", "pk"),
    "-price": ("-price_value", "-pk"),
    "rating": (F("rating").desc(nulls_last=True), "-pk"),
}


@dataclass(frozen=True)
class ListingFilters:
    """The filters a shopper may apply to a listing (all optional)."""

    category: Category | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    area: str = ""
    in_stock: bool = False
    pickup: bool = False
    delivery: bool = False
    sort: str = "newest"


def card_queryset(queryset):
    """Everything a product card shows, fetched in a fixed number of queries."""
    return queryset.prefetch_related(
        Prefetch(
            "stockrecords",
            queryset=StockRecord.objects.select_related("partner").order_by("pk"),
        ),
        Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
    )


def in_category(category: Category):
    """A condition: the product sits in this category or below it."""
    return Exists(
        ProductCategory.objects.filter(
            product_id=OuterRef("pk"), category__path__startswith=category.path
        )
    )


def product_listing(*, filters: ListingFilters, producer: Partner | None = None):
    """Browsable products (the licence rule applies) filtered and sorted for a listing."""
    first_price = StockRecord.objects.filter(product_id=OuterRef("pk")).order_by("pk")
    queryset = Product.objects.browsable().annotate(
        price_value=Subquery(first_price.values("price")[:1])
    )
    if filters.category is not None:
        queryset = queryset.filter(in_category(filters.category))
    if producer is not None:
        queryset = queryset.filter(
            Exists(StockRecord.objects.filter(product_id=OuterRef("pk"), partner=producer))
        )
    if filters.min_price is not None:
        queryset = queryset.filter(price_value__gte=filters.min_price)
    if filters.max_price is not None:
        queryset = queryset.filter(price_value__lte=filters.max_price)
    if filters.area:
        queryset = queryset.filter(
            Exists(
                StockRecord.objects.filter(
                    product_id=OuterRef("pk"), partner__area__iexact=filters.area
                )
            )
        )
    if filters.in_stock:
        queryset = queryset.filter(
            Q(made_to_order=True)
            | Exists(
                StockRecord.objects.filter(product_id=OuterRef("pk")).filter(
                    Q(num_allocated__isnull=True, num_in_stock__gt=0)
                    | Q(num_in_stock__gt=F("num_allocated"))
                )
            )
        )
    if filters.pickup:
        queryset = queryset.filter(offers_pickup=True)
    if filters.delivery:
        queryset = queryset.filter(offers_delivery=True)
    return queryset.order_by(*SORTS.get(filters.sort, SORTS["newest"]))


@dataclass(frozen=True)
class ListingPage:
    """One page of a listing: its products (cards), the page number and the total."""

    products: list
    number: int
    count: int


def listing_page(
    *, filters: ListingFilters, number: int, size: int, producer: Partner | None = None
) -> ListingPage:
    """A page of ``product_listing``; ids and total are cached until the catalogue changes."""
    parts = [filters.category.pk if filters.category else None, filters.min_price,
             filters.max_price, filters.area.casefold(), filters.in_stock, filters.pickup,
             filters.delivery, filters.sort, producer.pk if producer else None, number, size]

    def page_ids():
        queryset = product_listing(filters=filters, producer=producer).values_list("pk", flat=True)
        count = queryset.count()
        page = max(1, min(number, -(-count // size)))
        return count, page, list(queryset[(page - 1) * size : page * size])

    count, number, ids = catalogue_cached("listing", parts, page_ids)
    found = {p.pk: p for p in card_queryset(Product.objects.filter(pk__in=ids))}
    return ListingPage([found[pk] for pk in ids if pk in found], number, count)


def package_for_category(category: Category) -> ProgrammePackage | None:
    """The programme package whose root category holds this category."""
    root = category.path[:CATEGORY_STEPLEN]
    return ProgrammePackage.objects.filter(category__path=root).select_related("category").first()


def producer_areas() -> list[str]:
    """The areas producers sell from, for the area filter."""
    return sorted(
        set(Partner.objects.exclude(area="").values_list("area", flat=True).distinct())
    )


def packages() -> list[ProgrammePackage]:
    """Every programme package with its root category."""
    return list(ProgrammePackage.objects.select_related("category").order_by("pk"))


def licences_in_force(*, producer_ids) -> dict[int, Licence]:
    """The in-force licence of each producer (the one valid longest), by producer id."""
    licences = (
        Licence.objects.in_force(timezone.now())
        .filter(producer_id__in=list(producer_ids))
        .select_related("programme")
        .prefetch_related("packages")
        .order_by("valid_until")
    )
    return {licence.producer_id: licence for licence in licences}


def licence_in_force_of(producer: Partner) -> Licence | None:
    """The producer's licence in force now that lasts longest (reads prefetched licences)."""
    now = timezone.now()
    in_force = [lic for lic in producer.licences.all() if licence_in_force(lic, at=now)]
    return max(in_force, key=lambda lic: lic.valid_until, default=None)


def licences_by_number(number: str) -> list[Licence]:
    """Every licence with this number (numbers are unique per programme only)."""
    return list(
        Licence.objects.filter(number__iexact=number.strip())
        .select_related("producer", "programme")
        .prefetch_related("packages")
        .order_by("programme__code")
    )


def producer_rating(producer: Partner) -> float | None:
    """The average score of approved reviews of the producer's products (and variants)."""
    sold = StockRecord.objects.filter(partner=producer)
    return (
        ProductReview.objects.approved()
        .filter(
            Exists(sold.filter(product_id=OuterRef("product_id")))
            | Exists(sold.filter(product__parent_id=OuterRef("product_id")))
        )
        .aggregate(avg=Avg("score"))["avg"]
    )


def package_counts(product_ids) -> dict[str, int]:
    """How many of these products fall in each package's root category (search facets)."""
    rows = (
        ProductCategory.objects.filter(product_id__in=list(product_ids))
        .annotate(root=Substr("category__path", 1, CATEGORY_STEPLEN))
        .values_list("root", "product_id")
        .distinct()
    )
    counts: dict[str, int] = {}
    for root, _product in rows:
        counts[root] = counts.get(root, 0) + 1
    return counts
