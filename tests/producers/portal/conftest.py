"""Portal fixtures: two producers with verified licences, a helper, a customer, an admin."""

from decimal import Decimal
from itertools import count

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from oscar.core.loading import get_model

from producers.models import LicenceDocument
from producers.portal.models import ImportJob, Membership
from shop.order.models import ProducerFulfilment
from tests.factories import LicenceFactory, ProducerFactory, UserFactory, make_product

Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")
ProductImage = get_model("catalogue", "ProductImage")

_numbers = count(1000)


def make_order(*, items, email="customer@example.com", name="Maryam Ali"):
    """A cash-on-delivery order with lines of (product, quantity), one fulfilment per producer."""
    country, _ = Country.objects.get_or_create(
        iso_3166_1_a2="BH", defaults={"name": "Bahrain", "printable_name": "Bahrain"})
    address = ShippingAddress.objects.create(
        first_name=name.split()[0], last_name=name.split()[-1], line1="Road 12, Block 204",
        line4="Muharraq", country=country, phone_number="+97333000000")
    total = sum((p.stockrecords.first().price * q for p, q in items), Decimal(0))
    order = Order.objects.create(
        number=str(next(_numbers)), site_id=1, currency="BHD", total_incl_tax=total,
        total_excl_tax=total, shipping_incl_tax=0, shipping_excl_tax=0, guest_email=email,
        shipping_address=address, status="cash_on_delivery", date_placed=timezone.now())
    producers = set()
    for product, quantity in items:
        record = product.stockrecords.first()
        Line.objects.create(
            order=order, partner=record.partner, partner_name=record.partner.name,
            partner_sku=record.partner_sku, stockrecord=record, product=product,
            title=product.title, quantity=quantity, num_allocated=quantity,
            line_price_incl_tax=record.price * quantity,
            line_price_excl_tax=record.price * quantity,
            line_price_before_discounts_incl_tax=record.price * quantity,
            line_price_before_discounts_excl_tax=record.price * quantity,
            unit_price_incl_tax=record.price, unit_price_excl_tax=record.price)
        record.allocate(quantity)
        producers.add(record.partner)
    for producer in producers:
        ProducerFulfilment.objects.create(order=order, producer=producer)
    return order


def _shop(tayeb, *, email, title):
    user = UserFactory(email=email)
    producer = ProducerFactory()
    producer.users.add(user)
    Membership.objects.create(producer=producer, user=user, role="owner")
    licence = LicenceFactory(producer=producer, verified=True, covering=[tayeb])
    product = make_product(producer=producer, category=tayeb.category, title=title)
    document = LicenceDocument.objects.create(
        licence=licence, kind="licence", file=_file("licence.pdf", b"%PDF-1.4 test"))
    image = ProductImage.objects.create(
        product=product, original=_file("p.png", _png()), display_order=0)
    image2 = ProductImage.objects.create(
        product=product, original=_file("q.png", _png()), display_order=1)
    job = ImportJob.objects.create(producer=producer, created_by=user,
                                   file=_file("x.csv", b"title\n"))
    return {"user": user, "producer": producer, "licence": licence, "product": product,
            "document": document, "image": image, "image2": image2, "import": job}


def _file(name, data):
    from django.core.files.base import ContentFile

    return ContentFile(data, name=name)


def _png():
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def shops(tayeb, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "private")}}}
    a = _shop(tayeb, email="a@example.com", title="Oud A")
    b = _shop(tayeb, email="b@example.com", title="Oud B")
    helper = UserFactory(email="helper@example.com")
    a["producer"].users.add(helper)
    Membership.objects.create(producer=a["producer"], user=helper, role="helper")
    customer = UserFactory(email="customer@example.com")
    admin = UserFactory(email="admin@example.com", is_staff=True, is_superuser=True)
    admin.user_permissions.add(*Permission.objects.filter(codename="view_licence"))
    order = make_order(items=[(a["product"], 2), (b["product"], 1)])
    a["fulfilment"] = order.fulfilments.get(producer=a["producer"])
    b["fulfilment"] = order.fulfilments.get(producer=b["producer"])
    return {"a": a, "b": b, "helper": helper, "customer": customer, "admin": admin,
            "order": order}
