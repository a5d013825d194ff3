"""``manage.py load_demo_data``: a Khutwa marketplace to click through, built via the services."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from catalog.models import Category, Product, ProductImage
from catalog.sale_windows import sale_windows_changed, sale_windows_deferred
from catalog.services import product_create
from producers import demo
from producers.administration import roles
from producers.models import Authority, Licence, Partner, Programme, ProgrammePackage, StockRecord
from producers.services import (
    approval_record,
    licence_create,
    licence_expire,
    licence_reject,
    licence_request_changes,
    licence_submit,
    licence_suspend,
    licence_verify,
    producer_create,
)
from shop.pages.services import home_page_ensure

SITE = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = "Load demo data: the Khutwa programme, producers in every licence state, products."

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        now = timezone.now()
        with transaction.atomic():
            users = users_ensure()
            programme, packages = programme_ensure()
            categories = categories_by_prefix(packages)
        shares = demo.products_by_producer()
        with sale_windows_deferred():
            self.producers_ensure(shares, programme, packages, categories, users, now)
            # Every product, also in a demo database from before sale windows existed.
            sale_windows_changed(Product.objects.values_list("pk", flat=True))
        home_page_ensure()
        if self.verbosity >= 1:
            self.report(programme)

    def producers_ensure(self, shares, programme, packages, categories, users, now) -> None:
        """Each demo producer with its licence and products, one transaction each."""
        for spec in demo.PRODUCERS:
            # One transaction per producer. Its family joins only afterwards, so the licence
            # e-mails sent on commit reach nobody instead of flooding the console.
            with transaction.atomic():
                producer = producer_ensure(spec)
                licence_ensure(
                    producer,
                    spec,
                    programme=programme,
                    packages=packages,
                    admin=users[demo.ADMIN_EMAIL],
                    now=now,
                )
                made = products_ensure(producer, shares[spec.name], categories=categories)
            if self.verbosity >= 2:
                self.stdout.write(f"  {spec.name}: {spec.state}, {made} new products")
            if spec.demo_user:
                producer.users.add(users[demo.PRODUCER_EMAIL])

    def report(self, programme: Programme) -> None:
        """Print the log-ins and a one-line summary."""
        style = self.style
        self.stdout.write(style.SUCCESS("Muntij demo data is ready."))
        for label, path in [
            ("Storefront", "/en/"),
            ("Wagtail admin", "/cms/"),
            ("Oscar dashboard", "/en/shop/dashboard/"),
        ]:
            self.stdout.write(f"  {label:<16} {SITE}{path}")
        self.stdout.write("Log in with:")
        for role, email in [
            ("admin", demo.ADMIN_EMAIL),
            ("producer", demo.PRODUCER_EMAIL),
            ("customer", demo.CUSTOMER_EMAIL),
            ("verifier", demo.VERIFIER_EMAIL),
        ]:
            password = demo.USERS[email][0]
            self.stdout.write(f"  {role:<9} {email:<25} password: {style.HTTP_INFO(password)}")
        states = dict(
            Licence.objects.filter(programme=programme)
            .values_list("status")
            .annotate(n=Count("producer", distinct=True))
        )
        by_state = ", ".join(f"{status} {states.get(status, 0)}" for status in STATES)
        on_sale = Product.objects.browsable().count()
        self.stdout.write(
            f"Producers by licence state: {by_state}; products on sale now: "
            f"{on_sale} of {Product.objects.count()}."
        )


STATES = ["verified", "submitted", "changes_requested", "rejected", "suspended", "expired"]


def users_ensure() -> dict:
    """The admin, a verifier, the demo producer and the customer, with fixed demo passwords."""
    roles.roles_sync()
    User = get_user_model()
    users = {}
    for email, (password, first, last, language) in demo.USERS.items():
        user = User.objects.filter(email=email).first() or User(email=email)
        user.first_name, user.last_name, user.preferred_language = first, last, language
        user.is_staff = user.is_superuser = email == demo.ADMIN_EMAIL
        # Demo log-ins work at once, even if someone signed up with the address first.
        user.is_active, user.activation_pending = True, False
        user.set_password(password)
        user.save()
        if email == demo.VERIFIER_EMAIL:
            user.groups.add(Group.objects.get(name=roles.VERIFIER))
        users[email] = user
    return users


def programme_ensure() -> tuple[Programme, dict[str, ProgrammePackage]]:
    """The approving authorities, the Khutwa programme and its five packages."""
    authorities = {}
    for code, (en, ar, fa) in demo.AUTHORITIES.items():
        authorities[code] = Authority.objects.update_or_create(
            code=code, defaults={"name_en": en, "name_ar": ar, "name_fa": fa}
        )[0]
    fields = dict(demo.PROGRAMME)
    programme = Programme.objects.update_or_create(code=fields.pop("code"), defaults=fields)[0]
    packages = {}
    for spec in demo.PACKAGES:
        root = category_ensure(None, spec.category)
        en, ar, fa = spec.names
        package = ProgrammePackage.objects.update_or_create(
            programme=programme,
            code=spec.code,
            defaults={"name_en": en, "name_ar": ar, "name_fa": fa, "category": root},
        )[0]
        package.full_clean()
        package.required_authorities.set([authorities[code] for code in spec.authorities])
        packages[spec.code] = package
    return programme, packages


def category_ensure(parent: Category | None, name: str) -> Category:
    """A root category, or a sub-category of ``parent``, found by name or added; named in ar/fa."""
    siblings = parent.get_children() if parent else Category.get_root_nodes()
    category = siblings.filter(name=name).first()
    if category is None:
        category = parent.add_child(name=name) if parent else Category.add_root(name=name)
    name_ar, name_fa = demo.CATEGORY_NAMES.get(name, ("", ""))
    if (category.name_ar, category.name_fa) != (name_ar, name_fa) and name_ar:
        category.name_ar, category.name_fa = name_ar, name_fa
        category.save(update_fields=["name_ar", "name_fa"])
    return category


def categories_by_prefix(packages: dict[str, ProgrammePackage]) -> dict[str, Category]:
    """Each package's sub-categories, keyed by the demo's SKU prefix."""
    return {
        prefix: category_ensure(packages[code].category, name)
        for prefix, (code, name) in demo.SUBCATEGORIES.items()
    }


def producer_ensure(spec: demo.ProducerSpec) -> Partner:
    """The producer of that name, created if missing."""
    return Partner.objects.filter(name=spec.name).first() or producer_create(
        name=spec.name, story=spec.story, area=spec.area
    )


def licence_ensure(
    producer: Partner,
    spec: demo.ProducerSpec,
    *,
    programme: Programme,
    packages: dict[str, ProgrammePackage],
    admin,
    now: datetime,
) -> Licence:
    """The producer's licence, taken through its lifecycle to the spec's state if new."""
    licence = Licence.objects.filter(programme=programme, number=spec.number).first()
    if licence:
        return licence
    valid_from = now - timedelta(days=spec.began)
    valid_until = now + timedelta(days=spec.ends)
    licence = licence_create(
        producer=producer,
        programme=programme,
        number=spec.number,
        packages=[packages[code] for code in spec.packages],
        valid_from=valid_from,
        valid_until=valid_until,
        tier=spec.tier,
        beneficiary_discount=spec.beneficiary,
        by=admin,
    )
    approvals_record(licence, spec, admin=admin, now=now)
    licence = licence_submit(licence=licence)
    if spec.state == "changes_requested":
        return licence_request_changes(licence=licence, by=admin, reason=spec.reason)
    if spec.state == "rejected":
        return licence_reject(licence=licence, by=admin, reason=spec.reason)
    if spec.state == "submitted":
        return licence
    # Verified a week into its validity, which may lie in the past (expired, lapsed approval).
    licence = licence_verify(licence=licence, by=admin, at=valid_from + timedelta(days=7))
    if spec.state == "suspended":
        return licence_suspend(licence=licence, by=admin, reason=spec.reason)
    if spec.state == "expired":
        return licence_expire(licence=licence, at=now)
    return licence


def approvals_record(licence: Licence, spec: demo.ProducerSpec, *, admin, now: datetime) -> None:
    """Each authority's decision: all granted once verified, some still pending before."""
    issued_on = timezone.localdate(licence.valid_from) - timedelta(days=21)
    for approval in licence.approvals.select_related("authority"):
        code = approval.authority.code
        if spec.state in ("submitted", "changes_requested", "rejected") and code != "municipality":
            continue  # the other authorities have not answered yet
        expires_on = timezone.localdate(licence.valid_until)
        if spec.food_lapsed and code == "food-control":
            expires_on = timezone.localdate(now) - timedelta(days=12)
        approval_record(
            licence=licence,
            authority=approval.authority,
            reference=f"{demo.AUTHORITY_PREFIX[code]}-{spec.number[3:]}",
            issued_on=issued_on,
            expires_on=expires_on,
            by=admin,
        )


def products_ensure(producer: Partner, share, *, categories: dict[str, Category]) -> int:
    """The producer's demo products, each with one or two pictures; returns how many are new."""
    skus = [sku for sku, _prefix, _row in share]
    existing = dict(
        StockRecord.objects.filter(partner_sku__in=skus).values_list("partner_sku", "product_id")
    )
    without_pictures = set(
        Product.objects.filter(pk__in=existing.values(), images__isnull=True).values_list(
            "pk", flat=True
        )
    )
    made = 0
    for sku, prefix, (title, price, stock, description) in share:
        if sku in existing:
            if existing[sku] in without_pictures:
                pictures_add(Product.objects.get(pk=existing[sku]), sku=sku, prefix=prefix)
            continue
        product = product_create(
            producer=producer,
            title=title,
            category=categories[prefix],
            price=Decimal(price),
            num_in_stock=stock,
            description=description,
            sku=sku,
            publish=True,
        )
        pictures_add(product, sku=sku, prefix=prefix)
        made += 1
    return made


_COLOURS = {spec.code: spec.colour for spec in demo.PACKAGES}


def pictures_add(product: Product, *, sku: str, prefix: str) -> None:
    """One or two generated pictures for a product."""
    colour = _COLOURS[demo.SUBCATEGORIES[prefix][0]]
    count = 2 if int(sku[-2:]) % 3 == 0 else 1
    for order in range(count):
        data = demo.product_picture(colour=colour, seed=f"{sku}-{order}")
        image = ProductImage(product=product, display_order=order, caption=product.title)
        image.original.save(f"{sku.lower()}-{order + 1}.jpg", ContentFile(data), save=False)
        image.save()
