"""Wagtail pages: the home page editors control."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .selectors import home_packages, home_products


class HomePage(Page):
    """The shop's front page: the programme packages and products on sale now."""

    intro = models.CharField(_("introduction"), max_length=255, blank=True)
    body = RichTextField(_("body"), blank=True)
    products_shown = models.PositiveSmallIntegerField(_("products shown"), default=12)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body"),
                      FieldPanel("products_shown")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["packages"] = home_packages()
        context["products"] = home_products(limit=self.products_shown)
        return context
