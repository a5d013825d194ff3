"""Reads for the content pages."""

from catalog.models import Product
from producers.models import ProgrammePackage
from shop.storefront.selectors import card_queryset


def home_packages():
    """The programme packages shown on the home page, with their root categories."""
    return ProgrammePackage.objects.select_related("category", "programme").order_by("pk")


def home_products(*, limit: int, ids=None):
    """The newest products on sale now (the licence rule applies through browsable())."""
    queryset = Product.objects.browsable()
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return card_queryset(queryset.order_by("-date_created", "-pk"))[:limit]
