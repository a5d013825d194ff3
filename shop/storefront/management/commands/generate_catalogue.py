"""``manage.py generate_catalogue``: a large realistic catalogue for benchmarks (bulk inserts)."""

from __future__ import annotations

import random
import time
from datetime import timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from oscar.core.loading import get_model

from catalog.models import Category, Product
from catalog.sale_windows import sale_windows_refresh
from producers.management.commands.load_demo_data import categories_by_prefix, programme_ensure
from producers.models import Licence, LicenceApproval, Partner

ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

AREAS = ["Muharraq", "Manama", "Riffa", "Hamad Town", "Isa Town", "Sitra", "Budaiya", "Zallaq"]
NOUNS = ["bakhoor", "oud", "attar", "musk", "date cake", "maamoul", "halwa", "basket",
         "sadu weave", "abaya", "jalabiya", "pottery jar", "palm tray", "embroidered cushion",
         "saffron biscuits", "rose water", "spice mix", "candle", "soap", "necklace"]
ADJECTIVES = ["royal", "classic", "Muharraq", "family", "festive", "small", "large", "gift",
              "handmade", "traditional", "spiced", "golden", "Ramadan", "Eid", "mini", "deluxe"]
ARABIC = ["بخور", "عود", "العطور", "كيك", "معمول", "حلوى", "سدو", "عباية", "فخار", "ماء الورد"]
PERSIAN = ["کیک", "عطر", "سبد", "گلاب"]
BATCH = 2000


class Command(BaseCommand):
    help = "Generate a large catalogue (producers, licences, products) with bulk inserts."

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=50000)
        parser.add_argument("--producers", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--no-index", action="store_true", help="Skip the search index.")

    def handle(self, *args, **options):
        """Build producers with licences, then products, stock records, sale windows, index."""
        rng = random.Random(options["seed"])
        started = time.monotonic()
        with transaction.atomic():
            programme, packages = programme_ensure()
            categories_by_prefix(packages)
            leaves = {
                code: list(Category.objects.filter(path__startswith=p.category.path))
                for code, p in packages.items()
            }
            producers = self.producers(options["producers"], programme, packages, rng)
        self.stdout.write(f"{len(producers)} producers in {time.monotonic() - started:.0f}s")
        product_class = ProductClass.objects.get_or_create(
            slug="home-product", defaults={"name": "Home product", "track_stock": True}
        )[0]
        made = 0
        while made < options["products"]:
            size = min(BATCH, options["products"] - made)
            with transaction.atomic():
                created = self.products(size, producers, leaves, product_class, rng, made)
                # Bulk inserts send no signals: write the batch's sale windows here.
                sale_windows_refresh(product_ids=created)
            if not options["no_index"]:
                self.index(created)
            made += size
            self.stdout.write(f"{made} products in {time.monotonic() - started:.0f}s")

    def producers(self, count, programme, packages, rng):
        """Producers, each with one licence (mostly verified) and its approvals."""
        stamp = int(time.time())
        rows = Partner.objects.bulk_create(
            Partner(
                name=f"Home producer {stamp}-{n}", code=f"gen-{stamp}-{n}",
                area=rng.choice(AREAS), story="A family business licensed by Khutwa.",
                offers_pickup=rng.random() < 0.4,
            )
            for n in range(count)
        )
        now = timezone.now()
        licences, codes = [], list(packages)
        for n, producer in enumerate(rows):
            roll = rng.random()
            status = "verified" if roll < 0.85 else ("suspended" if roll < 0.92 else "submitted")
            lapsed = rng.random() < 0.05
            licences.append(
                Licence(
                    producer=producer, programme=programme, number=f"GEN-{stamp}-{n:05d}",
                    status=status,
                    valid_from=now - timedelta(days=rng.randint(30, 700)),
                    valid_until=now + timedelta(days=-3 if lapsed else rng.randint(10, 700)),
                )
            )
        Licence.objects.bulk_create(licences, batch_size=BATCH)
        Through = Licence.packages.through
        links, approvals = [], []
        for licence in licences:
            covered = rng.sample(codes, rng.choice([1, 1, 2]))
            licence.covered = covered
            authorities = set()
            for code in covered:
                links.append(Through(licence_id=licence.pk, programmepackage_id=packages[code].pk))
                authorities |= {a.pk for a in packages[code].required_authorities.all()}
            approvals += [
                LicenceApproval(licence=licence, authority_id=a, status="approved",
                                reference=f"REF-{licence.pk}-{a}")
                for a in authorities
            ]
        Through.objects.bulk_create(links, batch_size=BATCH)
        LicenceApproval.objects.bulk_create(approvals, batch_size=BATCH)
        for producer, licence in zip(rows, licences, strict=True):
            producer.covered = licence.covered
        return rows

    def products(self, count, producers, leaves, product_class, rng, offset):
        """One batch of public products with their category and stock record."""
        now = timezone.now()
        products, owners = [], []
        for n in range(count):
            producer = rng.choice(producers)
            package = rng.choice(producer.covered)
            noun = rng.choice(NOUNS)
            title = f"{rng.choice(ADJECTIVES).title()} {noun} {offset + n}"
            if rng.random() < 0.3:
                title += f" {rng.choice(ARABIC)}"
            elif rng.random() < 0.1:
                title += f" {rng.choice(PERSIAN)}"
            food = package == "atayeb"
            products.append(
                Product(
                    title=title, slug=slugify(title)[:128] or "product",
                    description=f"<p>{noun.title()} made at home in {rng.choice(AREAS)}.</p>",
                    product_class=product_class, structure="standalone", is_public=True,
                    date_created=now - timedelta(minutes=offset + n),
                    offers_pickup=rng.random() < 0.3, offers_delivery=rng.random() < 0.9,
                    made_to_order=rng.random() < 0.1,
                    rating=round(rng.uniform(2.5, 5), 1) if rng.random() < 0.4 else None,
                    ingredients="Flour, dates, butter" if food else "",
                    allergens="Gluten, milk" if food else "",
                    shelf_life_days=rng.choice([3, 7, 30]) if food else None,
                )
            )
            owners.append((producer, rng.choice(leaves[package])))
        Product.objects.bulk_create(products, batch_size=BATCH)
        ProductCategory.objects.bulk_create(
            [ProductCategory(product=p, category=c) for p, (_o, c) in zip(products, owners,
                                                                          strict=True)],
            batch_size=BATCH,
        )
        StockRecord.objects.bulk_create(
            [
                StockRecord(
                    product=p, partner=o, partner_sku=f"{o.code}-{p.pk}",
                    price=Decimal(rng.randint(25, 4000)) / 100, price_currency="BHD",
                    num_in_stock=rng.choice([0, 2, 5, 10, 25]),
                )
                for p, (o, _c) in zip(products, owners, strict=True)
            ],
            batch_size=BATCH,
        )
        return [p.pk for p in products]

    def index(self, ids):
        """Add a batch of products to the search index in bulk."""
        from wagtail.search.backends import get_search_backend

        backend = get_search_backend()
        objects = list(Product.get_indexed_objects().filter(pk__in=ids))
        backend.add_bulk(Product, objects)
