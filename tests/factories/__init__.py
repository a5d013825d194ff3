"""Factories for Muntij's models, extending Oscar's (``oscar.test.factories``)."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from catalog.models import Category, Product
from catalog.services import product_create
from producers.models import (
    Authority,
    Licence,
    LicenceApproval,
    Partner,
    Programme,
    ProgrammePackage,
)


def category_root(name: str) -> Category:
    """A root category (one per package)."""
    existing = Category.get_root_nodes().filter(name=name).first()
    return existing or Category.add_root(name=name)


def category_child(parent: Category, name: str) -> Category:
    """A sub-category below a category."""
    existing = parent.get_children().filter(name=name).first()
    return existing or parent.add_child(name=name)


class UserFactory(factory.django.DjangoModelFactory):
    """A person with an e-mail log-in (Oscar's user model has no username)."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = "Fatima"
    last_name = "Al-Sayed"
    password = factory.PostGenerationMethodCall("set_password", "muntij-test")
    is_active = True

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authority
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"authority-{n}")
    name_en = factory.LazyAttribute(lambda o: o.code.replace("-", " ").title())


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ["code"]

    code = "khutwa"
    name_en = "Khutwa"
    name_ar = "خطوة"
    country = "BH"
    issuing_body = "Ministry of Social Development"


class PackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammePackage
        django_get_or_create = ["programme", "code"]
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"package-{n}")
    name_en = factory.LazyAttribute(lambda o: o.code.title())
    category = factory.LazyAttribute(lambda o: category_root(o.name_en))

    @factory.post_generation
    def authorities(self, create, extracted, **kwargs):
        if create and extracted:
            self.required_authorities.set(extracted)


class ProducerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Producer {n}")
    area = "Muharraq"


class LicenceFactory(factory.django.DjangoModelFactory):
    """A licence; traits set its state, ``covering=[packages]`` its packages.

    Approvals for every required authority are granted unless ``approvals=False``.
    """

    class Meta:
        model = Licence
        skip_postgeneration_save = True

    producer = factory.SubFactory(ProducerFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: f"KH-{2026}-{n:05d}")
    valid_from = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))
    valid_until = factory.LazyFunction(lambda: timezone.now() + timedelta(days=335))
    status = Licence.Status.SUBMITTED

    class Params:
        verified = factory.Trait(status=Licence.Status.VERIFIED)
        suspended = factory.Trait(status=Licence.Status.SUSPENDED)
        rejected = factory.Trait(status=Licence.Status.REJECTED)
        revoked = factory.Trait(status=Licence.Status.REVOKED)
        expired = factory.Trait(
            status=Licence.Status.VERIFIED,
            valid_from=factory.LazyFunction(lambda: timezone.now() - timedelta(days=400)),
            valid_until=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1)),
        )

    @factory.post_generation
    def covering(self, create, extracted, **kwargs):
        if create and extracted:
            self.packages.set(extracted)

    @factory.post_generation
    def approvals(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        for package in self.packages.all():
            for authority in package.required_authorities.all():
                LicenceApproval.objects.update_or_create(
                    licence=self,
                    authority=authority,
                    defaults={"status": "approved", "reference": f"REF-{authority.code}"},
                )


def make_product(
    *,
    producer: Partner,
    category: Category,
    title: str = "Oud bakhoor",
    price: str = "1.250",
    stock: int = 10,
    description: str = "",
) -> Product:
    """A published product with one stock record, built through the catalogue service."""
    return product_create(
        producer=producer,
        title=title,
        category=category,
        price=Decimal(price),
        num_in_stock=stock,
        description=description,
        publish=True,
    )


def retire_cached_pages() -> None:
    """Make the next request render for real: retire cached pages and result ids.

    The per-process caches (navigation, the next sale-window boundary) stay warm, so a
    query budget measures a render in steady state, not the first one after a change.
    """
    from catalog.freshness import catalogue_changed, catalogue_state

    catalogue_changed()
    catalogue_state()
