"""Money, in one place: currency exponents, rounding, minor units, price checks, display."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import format_currency, get_currency_precision
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# Stripe needs the last minor digit of three-decimal currencies to be 0.
_STRIPE_STEP_CURRENCIES = {"BHD", "JOD", "KWD", "OMR", "TND"}


def deployment_currency() -> str:
    """The one currency this deployment sells in."""
    return settings.SHOP_CURRENCY


def exponent(currency: str | None = None) -> int:
    """How many decimals a currency has (BHD 3, SAR 2, IRR 0...)."""
    return get_currency_precision(currency or deployment_currency())


def price_step(currency: str | None = None) -> Decimal:
    """The smallest step a price may take (BHD 0.010, SAR 0.01)."""
    currency = currency or deployment_currency()
    digits = exponent(currency)
    if currency in _STRIPE_STEP_CURRENCIES and digits == 3:
        digits = 2
    return Decimal(1).scaleb(-digits)


def quantize(amount: Decimal, currency: str | None = None) -> Decimal:
    """Round an amount half-up to the currency's chargeable step."""
    step = price_step(currency)
    return (Decimal(amount) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def to_minor_units(amount: Decimal, currency: str | None = None) -> int:
    """An amount in the currency's minor units, as payment providers expect (BHD 1.25 → 1250)."""
    value = Decimal(amount).scaleb(exponent(currency))
    if value != value.to_integral_value():
        raise ValueError(f"{amount} has more decimals than {currency} allows")
    return int(value)


def validate_price(value) -> Decimal:
    """Check a price entered by a person; returns it as a Decimal or raises ValidationError."""
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(_("Enter a price as a number, e.g. 1.250.")) from exc
    if not amount.is_finite() or amount <= 0:
        raise ValidationError(_("A price must be more than zero."))
    step = price_step()
    if amount % step:
        raise ValidationError(
            _("Prices in %(currency)s go in steps of %(step)s.")
            % {"currency": deployment_currency(), "step": step}
        )
    if amount >= Decimal("1000000"):
        raise ValidationError(_("This price is too high."))
    return amount


def as_plain(amount, currency: str | None = None) -> str:
    """An amount as a bare number with all the currency's decimals, for form fields (1.250)."""
    return f"{Decimal(amount):.{exponent(currency)}f}"


def format_money(amount, currency: str | None = None, language: str | None = None) -> str:
    """An amount shown with all its currency's decimals, in the active language."""
    locale = (language or get_language() or "en").replace("-", "_")
    return format_currency(Decimal(amount), currency or deployment_currency(), locale=locale)


def percent_of(amount: Decimal, percent: Decimal, currency: str | None = None) -> Decimal:
    """A percentage of an amount, rounded to the chargeable step like every other fee."""
    return quantize(Decimal(amount) * Decimal(percent) / Decimal(100), currency)


def commission_percent(base: Decimal, discount_percent: Decimal) -> Decimal:
    """The programme commission after a beneficiary's discount (e.g. 5% less 50% → 2.5%)."""
    reduced = Decimal(base) * (Decimal(100) - Decimal(discount_percent)) / Decimal(100)
    return reduced.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def payout_split(
    amount: Decimal, percent: Decimal, currency: str | None = None
) -> tuple[Decimal, Decimal]:
    """Split a producer's takings into (payout, commission); the two always add up."""
    fee = percent_of(amount, percent, currency)
    return quantize(amount, currency) - fee, fee
