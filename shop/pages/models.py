"""Wagtail pages: home, programme pages, exhibitions and events, training, success stories."""

from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from .selectors import home_packages, home_products


class HomePage(Page):
    """The shop's front page: packages, featured producers and products, current exhibitions."""

    intro = models.CharField(_("introduction"), max_length=255, blank=True)
    body = RichTextField(_("body"), blank=True)
    products_shown = models.PositiveSmallIntegerField(_("products shown"), default=12)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body"),
                      FieldPanel("products_shown"),
                      InlinePanel("featured_producers", label=_("Featured producers")),
                      InlinePanel("featured_products", label=_("Featured products"))]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["packages"] = home_packages()
        context["products"] = home_products(limit=self.products_shown)
        extras = cache.get_or_set(
            # A new revision gives a new key; current exhibitions are re-read every minute.
            f"home-extras:{self.pk}:{self.latest_revision_id}:{self.locale_id}",
            self.editorial_extras, 60,
        )
        context.update(extras)
        ids = extras["featured_product_ids"]
        context["featured_products"] = home_products(limit=len(ids), ids=ids) if ids else []
        return context


    def editorial_extras(self) -> dict:
        """What editors chose for the home page: producers, product ids, exhibitions."""
        return {
            "featured_producers": [
                {"code": row.producer.code, "name": row.producer.name, "area": row.producer.area}
                for row in self.featured_producers.select_related("producer")
            ],
            "featured_product_ids": list(
                self.featured_products.values_list("product_id", flat=True)
            ),
            "exhibitions": [
                {"title": page.title, "url": page.url, "starts": page.starts, "place": page.place}
                for page in ExhibitionPage.objects.live()
                .filter(locale_id=self.locale_id, ends__gte=timezone.now())
                .order_by("starts")[:3]
            ],
        }


class FeaturedProducer(Orderable):
    """A producer editors feature on the home page."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_producers")
    producer = models.ForeignKey("partner.Partner", on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("producer"))
    panels = [FieldPanel("producer")]


class FeaturedProduct(Orderable):
    """A product editors feature on the home page (shown only while it is on sale)."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_products")
    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("product"))
    panels = [FieldPanel("product")]


class ProgrammePage(Page):
    """A licensing programme (Khutwa, Etimad...): what it is and how to join."""

    programme = models.ForeignKey("partner.Programme", on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="+", verbose_name=_("programme"))
    intro = models.CharField(_("introduction"), max_length=255, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("programme"), FieldPanel("intro"),
                      FieldPanel("body")]
    parent_page_types = ["pages.HomePage"]

    class Meta:
        verbose_name = _("programme page")


class ExhibitionPage(Page):
    """An exhibition or event: dates, place and the producers exhibiting."""

    starts = models.DateTimeField(_("starts"))
    ends = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=255)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels,
                      MultiFieldPanel([FieldPanel("starts"), FieldPanel("ends"),
                                       FieldPanel("place")], heading=_("When and where")),
                      FieldPanel("body"),
                      InlinePanel("exhibitors", label=_("Exhibiting producers"))]
    parent_page_types = ["pages.HomePage", "pages.ProgrammePage"]

    class Meta:
        verbose_name = _("exhibition or event")


class Exhibitor(Orderable):
    """A producer exhibiting at an exhibition."""

    page = ParentalKey(ExhibitionPage, on_delete=models.CASCADE, related_name="exhibitors")
    producer = models.ForeignKey("partner.Partner", on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("producer"))
    stand = models.CharField(_("stand"), max_length=32, blank=True)
    panels = [FieldPanel("producer"), FieldPanel("stand")]


class TrainingCoursePage(Page):
    """A training course for producers: dates, place, how to register."""

    starts = models.DateTimeField(_("starts"))
    ends = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("starts"), FieldPanel("ends"),
                      FieldPanel("place"), FieldPanel("registration_url"), FieldPanel("body")]
    parent_page_types = ["pages.HomePage", "pages.ProgrammePage"]

    class Meta:
        verbose_name = _("training course")


class SuccessStoryPage(Page):
    """A producer's success story, with products editors pick."""

    producer = models.ForeignKey("partner.Partner", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("producer"))
    intro = models.CharField(_("introduction"), max_length=255, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("producer"), FieldPanel("intro"),
                      FieldPanel("body"), InlinePanel("story_products", label=_("Products"))]
    parent_page_types = ["pages.HomePage", "pages.ProgrammePage"]

    class Meta:
        verbose_name = _("success story")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        ids = list(self.story_products.values_list("product_id", flat=True))
        context["products"] = home_products(limit=len(ids), ids=ids) if ids else []
        return context


class StoryProduct(Orderable):
    """A product shown on a success story (only while it is on sale)."""

    page = ParentalKey(SuccessStoryPage, on_delete=models.CASCADE, related_name="story_products")
    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("product"))
    panels = [FieldPanel("product")]
