"""Admin users in each role, a producer with a product on sale, and orders for figures."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.test.factories import OrderFactory, OrderLineFactory

from producers.administration import roles
from producers.models import LicenceDocument
from tests.factories import LicenceFactory, ProducerFactory, UserFactory, make_product


@pytest.fixture
def role_groups(db):
    missing = roles.roles_sync()
    assert not missing, missing
    return {group.name: group for group in Group.objects.all()}


def _member(role_groups, role, email, **extra):
    user = UserFactory(email=email, **extra)
    user.groups.add(role_groups[role])
    return user


@pytest.fixture
def verifier(role_groups):
    return _member(role_groups, roles.VERIFIER, "verifier@example.com")


@pytest.fixture
def manager(role_groups):
    return _member(role_groups, roles.PROGRAMME_MANAGER, "manager@example.com")


@pytest.fixture
def commerce_ops(role_groups):
    return _member(role_groups, roles.COMMERCE_OPS, "ops@example.com", is_staff=True)


@pytest.fixture
def producer(db):
    return ProducerFactory(name="Umm Ali", area="Muharraq", holder_gender="female")


@pytest.fixture
def producer_user(producer):
    user = UserFactory(email="umm.ali@example.com")
    producer.users.add(user)
    return user


@pytest.fixture
def customer(db):
    return UserFactory(email="customer@example.com")


@pytest.fixture
def application(producer, tayeb, producer_user):
    """A submitted application covering Tayeb with every approval still pending."""
    return LicenceFactory(producer=producer, covering=[tayeb], approvals=False)


@pytest.fixture
def verified_licence(producer, tayeb):
    return LicenceFactory(producer=producer, covering=[tayeb], verified=True)


@pytest.fixture
def product_on_sale(verified_licence, bakhoor):
    return make_product(producer=verified_licence.producer, category=bakhoor, title="Oud bakhoor")


def add_document(licence, kind=LicenceDocument.Kind.LICENCE, name="licence.pdf"):
    """A private document uploaded for a licence."""
    return LicenceDocument.objects.create(
        licence=licence, kind=kind, file=SimpleUploadedFile(name, b"%PDF-1.4 test")
    )


def place_order(product, *, quantity=1, unit_price="1.250", status="paid", number=None):
    """An order with one line of ``product`` (bypassing checkout: figures only)."""
    order = OrderFactory(status=status, **({"number": number} if number else {}))
    record = product.stockrecords.first()
    total = Decimal(unit_price) * quantity
    OrderLineFactory(
        order=order, product=product, partner=record.partner, title=product.title,
        stockrecord=record, partner_sku=record.partner_sku, quantity=quantity,
        line_price_incl_tax=total,
        line_price_excl_tax=total, unit_price_incl_tax=Decimal(unit_price),
        unit_price_excl_tax=Decimal(unit_price),
    )
    return order
