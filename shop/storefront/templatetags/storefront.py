"""Template helpers for the storefront: money, language links, query strings."""

from django import template
from django.conf import settings
from django.urls import translate_url

from shop.money import format_money

register = template.Library()


@register.filter
def money(amount, currency=None):
    """An amount formatted by shop.money in the active language."""
    if amount is None or amount == "":
        return ""
    return format_money(amount, currency or None)


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each language: (code, name, url, is_current)."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = context.get("LANGUAGE_CODE", settings.LANGUAGE_CODE)
    names = {"en": "English", "ar": "العربية", "fa": "فارسی"}
    return [
        (code, names.get(code, code), translate_url(path, code), code == current)
        for code, _name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination and sorting)."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def card_stockrecord(product):
    """The stock record a product card shows (the first, as the strategy selects it)."""
    records = list(product.stockrecords.all())
    return records[0] if records else None


@register.simple_tag(takes_context=True)
def card_price(context, product):
    """The strategy's price for a listed product (listings are already browsable)."""
    record = card_stockrecord(product)
    if record is None:
        return None
    request = context.get("request")
    strategy = getattr(request, "strategy", None)
    if strategy is None:
        from oscar.core.loading import get_class

        strategy = get_class("partner.strategy", "Selector")().strategy(request=request)
    return strategy.pricing_policy(product, record)


@register.simple_tag
def nav_packages():
    """(name, url) of each programme package, cached per language."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    from producers.models import ProgrammePackage

    key = f"storefront:nav-packages:{get_language()}"

    def build():
        rows = ProgrammePackage.objects.select_related("category").order_by("pk")
        return [(row.name, row.category.get_absolute_url()) for row in rows]

    return cache.get_or_set(key, build, 300)
