from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractCategory, AbstractProduct
from wagtail.search import index

from .managers import ProductQuerySet


class Category(AbstractCategory):
    """A category; the five programme packages are root categories."""

    name_ar = models.CharField(_("name (Arabic)"), max_length=255, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=255, blank=True)

    class Meta(AbstractCategory.Meta):
        app_label = "catalogue"

    @property
    def local_name(self) -> str:
        """The category's name in the active language, falling back to English."""
        language = (get_language() or "en")[:2]
        return getattr(self, f"name_{language}", "") or self.name


class Product(index.Indexed, AbstractProduct):
    """A product sold by one home producer; on sale only while the licence rule allows."""

    made_to_order = models.BooleanField(_("made to order"), default=False)
    lead_time_days = models.PositiveSmallIntegerField(
        _("lead time (days)"), default=0, help_text=_("Days needed to prepare an order.")
    )
    offers_delivery = models.BooleanField(_("delivery"), default=True)
    offers_pickup = models.BooleanField(_("pickup"), default=False)
    # Food label (Atayeb): shown on the product page.
    ingredients = models.TextField(_("ingredients"), blank=True)
    allergens = models.CharField(_("allergens"), max_length=255, blank=True)
    shelf_life_days = models.PositiveSmallIntegerField(
        _("shelf life (days)"), null=True, blank=True
    )

    objects = ProductQuerySet.as_manager()

    # Full-text search (wagtail.search): one normalised field, so Arabic and Persian
    # spellings meet; the licence rule is applied at query time, not in the index.
    search_fields = [
        index.SearchField("search_title", boost=2),
        index.SearchField("search_text"),
        index.FilterField("is_public"),
    ]

    class Meta(AbstractProduct.Meta):
        app_label = "catalogue"

    @classmethod
    def get_indexed_objects(cls):
        """Products to index, with what the search text reads prefetched."""
        return cls.objects.filter(parent=None).prefetch_related(
            "categories", "stockrecords__partner"
        )

    def search_title(self) -> str:
        """The title, normalised for search."""
        from shop.storefront.text import normalise

        return normalise(self.title)

    def search_text(self) -> str:
        """Description, producer names and category names (all languages), normalised."""
        from django.utils.html import strip_tags

        from shop.storefront.text import normalise

        parts = [strip_tags(self.description or "")]
        parts += [record.partner.name for record in self.stockrecords.all()]
        for category in self.categories.all():
            parts += [category.name, category.name_ar, category.name_fa]
        return normalise(" ".join(parts))

    def is_review_permitted(self, user) -> bool:
        """Oscar's review check: only a customer who received this product, once."""
        # Imported here: the rule reads order models, which load after the catalogue's.
        from catalog.reviews.selectors import customer_may_review

        return customer_may_review(user=user, product=self)


class SaleWindow(models.Model):
    """A span in which the licence rule lets a product be sold, through one licence.

    Derived data: ``producers.rules.product_sale_windows`` computes the spans and
    ``catalog.sale_windows.sale_windows_refresh`` rewrites them whenever a product, stock
    record, category link, producer, licence or approval changes. The spans carry their
    own end, so an expiring licence or approval leaves listings at that second without a
    job. ``ProductQuerySet.purchasable`` reads them; the product page, basket and checkout
    still ask the rule itself.
    """

    # No database constraints: the rows are rewritten from signal receivers, some of which
    # run in the middle of a cascade delete; the owner's own receiver settles them last.
    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="sale_windows",
    )
    licence = models.ForeignKey(
        "partner.Licence", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    starts = models.DateTimeField()
    ends = models.DateTimeField()

    class Meta:
        app_label = "catalogue"
        indexes = [
            models.Index(fields=["product", "ends", "starts"], name="salewindow_lookup"),
            # catalog.freshness asks when the next window opens or closes.
            models.Index(fields=["starts"], name="salewindow_starts"),
            models.Index(fields=["ends"], name="salewindow_ends"),
        ]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.starts:%Y-%m-%d %H:%M} – {self.ends:%Y-%m-%d %H:%M}"


from oscar.apps.catalogue.models import *  # noqa: E402, F403
