"""Placing an order: one transaction that re-checks licences, reserves stock and splits by producer.

Order first, then payment (DESIGN.md §6). A double-clicked "Place order" or a replayed
request finds the order its basket already made and returns it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.shipping.methods import FixedPrice
from oscar.core.loading import get_model
from oscar.core.prices import Price

from shop import money

from .documents import receipt_issue
from .emails import order_email_enqueue
from .models import Order, ProducerFulfilment
from .utils import InsufficientStock, LineNotPurchasable, OrderCreator

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")
Method = ProducerFulfilment.Method


class PlacementError(Exception):
    """The order cannot be placed; the message says why, in the customer's language."""


@dataclass(frozen=True)
class BahrainAddress:
    """A delivery address the way Bahrain writes it."""

    name: str
    phone: str
    area: str
    block: str = ""
    road: str = ""
    building: str = ""
    flat: str = ""
    notes: str = ""


def _group(basket) -> dict:
    groups: dict = {}
    for line in basket.all_lines():
        groups.setdefault(line.stockrecord.partner, []).append(line)
    return groups


def _check_choice(producer, method: str | None, address: BahrainAddress | None) -> None:
    if method == Method.PICKUP and producer.offers_pickup and producer.pickup_point:
        return
    if method == Method.DELIVERY and producer.offers_delivery:
        areas = [a.strip().casefold() for a in producer.delivery_areas.splitlines() if a.strip()]
        if address is None or not address.area.strip():
            raise PlacementError(_("Enter the delivery address."))
        if areas and address.area.strip().casefold() not in areas:
            raise PlacementError(
                _("%(producer)s does not deliver to %(area)s; choose pickup instead.")
                % {"producer": producer.name, "area": address.area}
            )
        return
    raise PlacementError(
        _("Choose delivery or pickup for %(producer)s.") % {"producer": producer.name}
    )


def _address(address: BahrainAddress) -> ShippingAddress:
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="BH",
        defaults={"iso_3166_1_a3": "BHR", "iso_3166_1_numeric": "048", "name": "Bahrain",
                  "printable_name": "Bahrain", "is_shipping_country": True},
    )
    first, _sep, last = address.name.strip().partition(" ")
    return ShippingAddress.objects.create(
        first_name=first, last_name=last, phone_number=address.phone or "",
        line1=", ".join(p for p in [
            address.flat and _("Flat %s") % address.flat,
            address.building and _("Building %s") % address.building,
        ] if p),
        line2=address.road and _("Road %s") % address.road,
        line3=address.block and _("Block %s") % address.block,
        line4=address.area, country=country, notes=address.notes,
    )


def _commission(licence) -> Decimal:
    base = Decimal(str(settings.SHOP_COMMISSION_PERCENT))
    today = timezone.localdate()
    discounted = licence is not None and licence.beneficiary_discount and (
        licence.discount_valid_until is None or licence.discount_valid_until >= today
    )
    return money.commission_percent(base, licence.discount_percent if discounted else 0)


def order_place(
    *, basket, user=None, guest_email: str = "", address: BahrainAddress | None,
    methods: dict[int, str], payment_method: str, language: str = "", request=None,
) -> Order:
    """Create the order in ``pending_payment`` with its fulfilments and reserved stock."""
    if payment_method not in Order.PaymentMethod.values:
        raise PlacementError(_("Choose a payment method."))
    if not (user and user.is_authenticated) and not guest_email:
        raise PlacementError(_("Enter your e-mail address."))
    try:
        with transaction.atomic():
            return _place(basket, user, guest_email, address, methods, payment_method,
                          language, request)
    except IntegrityError:
        # A concurrent duplicate submission won the unique order number: return its order.
        existing = Order.objects.filter(basket_id=basket.pk).first()
        if existing:
            return existing
        raise
    except InsufficientStock as exc:
        raise PlacementError(str(exc)) from exc
    except LineNotPurchasable as exc:
        raise PlacementError(str(exc)) from exc


def _place(basket, user, guest_email, address, methods, payment_method, language, request):
    locked = Basket.objects.select_for_update().get(pk=basket.pk)
    existing = Order.objects.filter(basket_id=basket.pk).first()
    if existing:
        return existing
    if locked.status not in {Basket.OPEN, Basket.FROZEN} or basket.is_empty:
        raise PlacementError(_("Your basket is empty or was already ordered."))
    groups = _group(basket)
    needs_address = False
    for producer in groups:
        method = methods.get(producer.pk)
        _check_choice(producer, method, address)
        needs_address |= method == Method.DELIVERY
    fees = {
        p.pk: (money.quantize(p.delivery_fee) if methods[p.pk] == Method.DELIVERY
               else Decimal(0))
        for p in groups
    }
    fee_total = money.quantize(sum(fees.values(), Decimal(0)))
    currency = basket.currency
    shipping = FixedPrice(charge_excl_tax=fee_total, charge_incl_tax=fee_total)
    shipping.code, shipping.name = "producer", _("Producer delivery and pickup")
    total = Price(currency, excl_tax=basket.total_excl_tax + fee_total,
                  incl_tax=basket.total_incl_tax + fee_total)
    card = payment_method == Order.PaymentMethod.CARD
    creator = OrderCreator()
    order = creator.place_order(
        basket=basket, total=total, shipping_method=shipping,
        shipping_charge=shipping.calculate(basket), user=user,
        shipping_address=_address(address) if needs_address else None,
        request=request, guest_email="" if user and user.is_authenticated else guest_email,
        payment_method=payment_method, language=language or settings.LANGUAGE_CODE,
        status="pending_payment" if card else "cash_on_delivery",
        expires_at=timezone.now() + timedelta(minutes=settings.SHOP_UNPAID_ORDER_MINUTES)
        if card else None,
    )
    for producer in sorted(groups, key=lambda p: p.pk):
        licence = creator.licences.get(producer.pk)
        part = ProducerFulfilment.objects.create(
            order=order, producer=producer, method=methods[producer.pk],
            delivery_fee=fees[producer.pk],
            pickup_point=producer.pickup_point if methods[producer.pk] == Method.PICKUP else "",
            licence_number=licence.number if licence else "",
            commission_percent=_commission(licence),
        )
        if not card:  # a cash order is confirmed now; a card order once paid
            receipt_issue(fulfilment=part)
    from shop.payments.models import Payment

    Payment.objects.create(
        order=order, method=payment_method, amount=order.total_incl_tax, currency=currency,
        status=Payment.Status.PENDING if card else Payment.Status.CASH_DUE,
    )
    locked.submit()
    order_email_enqueue(event="placed", order_id=order.pk)
    return order
