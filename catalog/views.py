"""Catalogue views: ORM listings on browsable() (never the search index) and the product page."""

import json

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.views import View
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

from producers.models import Licence, ProgrammePackage
from shop.storefront import selectors
from shop.storefront.page_cache import cache_anonymous_page
from shop.storefront.views import listing

from .models import Category, Product
from .reviews.selectors import approved_reviews, review_eligibility

ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


class CatalogueView(View):
    """Every product on sale, with filters."""

    def get(self, request, *args, **kwargs):
        return listing(request)


class ProductCategoryView(View):
    """A package (root category) or sub-category listing, with filters."""

    def get(self, request, *args, pk=None, **kwargs):
        category = get_object_or_404(Category, pk=pk)
        return listing(request, category=category)


class ProductDetailView(OscarProductDetailView):
    """The product page: what the rule, the strategy and the producer's licence say."""

    queryset = Product.objects.select_related("product_class", "parent").prefetch_related(
        Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
        Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")),
        "categories",
        # What the licence rule reads, so the strategy asks it without further queries.
        Prefetch("stockrecords__partner__licences",
                 queryset=Licence.objects.select_related("programme")),
        Prefetch("stockrecords__partner__licences__packages",
                 queryset=ProgrammePackage.objects.select_related("category")),
        "stockrecords__partner__licences__packages__required_authorities",
        "stockrecords__partner__licences__approvals",
    )

    @method_decorator(cache_anonymous_page)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def send_signal(self, request, response, product):
        """Skip Oscar's per-view analytics write: a product view stays read-only."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        producers = {record.partner for record in product.stockrecords.all()}
        context["producer"] = next(iter(producers), None)
        context["licence"] = (
            selectors.licence_in_force_of(context["producer"]) if context["producer"] else None
        )
        context["session"] = session = self.request.strategy.fetch_for_product(product)
        context["json_ld"] = product_json_ld(self.request, product, session, context["producer"])
        # The rating is Oscar's average of approved reviews: None means there are none to list.
        context["reviews"] = [] if product.rating is None else approved_reviews(product=product)
        context["review_eligibility"] = review_eligibility(user=self.request.user, product=product)
        return context


def product_json_ld(request, product, session, producer) -> str:
    """schema.org Product markup, safe to place inside a script element."""
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.get_title(),
        "description": strip_tags(product.description or "")[:500],
        "url": request.build_absolute_uri(product.get_absolute_url()),
        "sku": product.upc or str(product.pk),
    }
    image = product.primary_image()
    if getattr(image, "original", None):
        data["image"] = request.build_absolute_uri(image.original.url)
    if producer is not None:
        data["brand"] = {"@type": "Brand", "name": producer.name}
    if session.price.exists:
        available = session.availability.is_available_to_buy
        data["offers"] = {
            "@type": "Offer",
            "price": str(session.price.incl_tax),
            "priceCurrency": session.price.currency,
            "availability": "https://schema.org/" + ("InStock" if available else "OutOfStock"),
        }
    if product.rating is not None:
        data["aggregateRating"] = {
            "@type": "AggregateRating", "ratingValue": product.rating,
            "reviewCount": product.num_approved_reviews,
        }
    # Escaped as django.utils.html.json_script does (<, >, & as \u escapes), so no value can
    # close the <script>; json_script itself cannot emit type="application/ld+json".
    encoded = json.dumps(data, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        encoded = encoded.replace(char, escape)
    return mark_safe(encoded)  # noqa: S308  # nosec B308 B703 -- escaped above
