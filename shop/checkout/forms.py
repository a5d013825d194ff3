"""The one checkout form: a fulfilment choice per producer, contact, address, payment."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from shop import money
from shop.order.models import Order, ProducerFulfilment
from shop.order.placement import BahrainAddress

Method = ProducerFulfilment.Method


def method_choices(producer) -> list[tuple[str, str]]:
    """What a producer offers: delivery with its fee, pickup at its named point."""
    choices = []
    if producer.offers_delivery:
        choices.append((Method.DELIVERY, _("Delivery (%(fee)s)")
                        % {"fee": money.format_money(producer.delivery_fee)}))
    if producer.offers_pickup and producer.pickup_point:
        choices.append((Method.PICKUP, _("Pickup at %(point)s")
                        % {"point": producer.pickup_point}))
    return choices


class PlaceOrderForm(forms.Form):
    """Everything "Place order" needs, checked before the order service runs."""

    basket_id = forms.IntegerField(widget=forms.HiddenInput)
    email = forms.EmailField(label=_("E-mail"), required=False)
    name = forms.CharField(label=_("Full name"), max_length=120)
    phone = forms.CharField(label=_("Mobile"), max_length=32)
    flat = forms.CharField(label=_("Flat"), max_length=16, required=False)
    building = forms.CharField(label=_("Building"), max_length=16, required=False)
    road = forms.CharField(label=_("Road"), max_length=16, required=False)
    block = forms.CharField(label=_("Block"), max_length=16, required=False)
    area = forms.CharField(label=_("Area"), max_length=64, required=False)
    notes = forms.CharField(label=_("Directions for the driver"), max_length=255,
                            required=False, widget=forms.Textarea(attrs={"rows": 2}))
    payment_method = forms.ChoiceField(label=_("Payment"), widget=forms.RadioSelect)

    def __init__(self, *args, producers, guest: bool, card: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.producers = producers
        self.fields["email"].required = guest
        choices = [(Order.PaymentMethod.CASH, _("Cash on delivery or pickup"))]
        if card:
            choices.insert(0, (Order.PaymentMethod.CARD, _("Card")))
        self.fields["payment_method"].choices = choices
        self.fields["payment_method"].initial = choices[0][0]
        for producer in producers:
            offered = method_choices(producer)
            self.fields[f"method_{producer.pk}"] = forms.ChoiceField(
                label=producer.name, choices=offered, widget=forms.RadioSelect,
                initial=offered[0][0] if offered else None,
                error_messages={"required": _("Choose delivery or pickup.")},
            )

    def method_fields(self):
        return [(p, self[f"method_{p.pk}"]) for p in self.producers]

    def clean(self):
        data = super().clean()
        delivery = any(
            data.get(f"method_{p.pk}") == Method.DELIVERY for p in self.producers
        )
        if delivery:
            for name in ("road", "block", "area", "building"):
                if not data.get(name):
                    self.add_error(name, _("Needed for delivery."))
        return data

    def methods(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data[f"method_{p.pk}"] for p in self.producers}

    def address(self) -> BahrainAddress:
        d = self.cleaned_data
        return BahrainAddress(
            name=d["name"], phone=d["phone"], area=d.get("area", ""), block=d.get("block", ""),
            road=d.get("road", ""), building=d.get("building", ""), flat=d.get("flat", ""),
            notes=d.get("notes", ""),
        )
