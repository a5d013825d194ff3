from django import template

from shop.money import format_money

register = template.Library()


@register.filter
def money(amount, currency=None):
    """An amount in the deployment currency, formatted by shop.money in the active language."""
    if amount is None or amount == "":
        return ""
    return format_money(amount, currency or None)
