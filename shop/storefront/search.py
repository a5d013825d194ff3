"""Product search on wagtail.search: normalised text, the licence rule at query time."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models.signals import post_save
from django.dispatch import receiver
from oscar.core.loading import get_model
from wagtail.search.backends import get_search_backend

from catalog.freshness import catalogue_cached
from catalog.models import Product
from producers.models import ProgrammePackage

from .selectors import package_counts
from .text import normalise

ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

# How many ranked hits are checked against the licence rule.
MAX_HITS = 240


@dataclass
class SearchResult:
    """Ranked ids of products on sale that match, and counts per package."""

    products: list[int] = field(default_factory=list)
    facets: list[tuple[ProgrammePackage, int]] = field(default_factory=list)
    package: ProgrammePackage | None = None
    total_before_package: int = 0


def ranked_hits(query: str) -> list[int]:
    """Ids of public products whose indexed text matches every word, best first."""
    terms = normalise(query)
    if not terms:
        return []
    backend = get_search_backend()
    hits = backend.search(
        terms, Product.objects.filter(is_public=True), operator="and"
    )[:MAX_HITS]
    return [product.pk for product in hits]


def search_products(query: str, *, package_code: str = "") -> SearchResult:
    """Search products; only products the licence rule allows now come back.

    Results are cached until the catalogue changes or a sale window opens or closes
    (``catalogue_state``), and a minute at most (the index is updated by a task).
    """
    parts = (normalise(query), package_code)
    return catalogue_cached(
        "search", parts, lambda: _search_products(query, package_code=package_code)
    )


def _search_products(query: str, *, package_code: str) -> SearchResult:
    hits = ranked_hits(query)
    if not hits:
        return SearchResult()
    allowed = set(Product.objects.browsable().filter(pk__in=hits).values_list("pk", flat=True))
    ranked = [pk for pk in hits if pk in allowed]
    counts = package_counts(ranked)
    packages = list(ProgrammePackage.objects.select_related("category").order_by("pk"))
    facets = [(p, counts[p.category.path]) for p in packages if counts.get(p.category.path)]
    chosen = next((p for p in packages if p.code == package_code), None)
    result = SearchResult(products=ranked, facets=facets, package=chosen,
                          total_before_package=len(ranked))
    if chosen is not None:
        inside = set(
            ProductCategory.objects.filter(
                product_id__in=ranked, category__path__startswith=chosen.category.path
            ).values_list("product_id", flat=True)
        )
        result.products = [pk for pk in ranked if pk in inside]
    return result


def reindex_product(product_id: int) -> None:
    """Refresh one product's index entry (its producer or categories changed)."""
    from modelsearch.tasks import insert_or_update_object_task

    insert_or_update_object_task.enqueue("catalogue", "product", str(product_id))


@receiver(post_save, sender=StockRecord)
@receiver(post_save, sender=ProductCategory)
def _reindex_on_related_save(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_product(instance.product_id)
