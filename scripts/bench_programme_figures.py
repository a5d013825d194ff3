"""Time the programme figures and the licence queue at scale (2,000 producers, 50,000 products).

Run against a throw-away database, e.g.:
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/muntij_bench python manage.py migrate
  DATABASE_URL=... python scripts/bench_programme_figures.py
It bulk-inserts the rows once (skips when they exist), then prints timings and query counts.
"""

import os
import random
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

PRODUCERS, PRODUCTS, ORDERS = 2_000, 50_000, 10_000


@transaction.atomic
def populate():
    """Bulk-insert producers, licences, events, products and orders."""
    from catalog.models import Category, Product, ProductCategory
    from producers.models import Licence, LicenceEvent, Partner, Programme, ProgrammePackage
    from shop.order.models import Line, Order

    if Partner.objects.filter(name__startswith="Bench ").exists():
        return
    rng = random.Random(7)
    now = timezone.now()
    programme = Programme.objects.get_or_create(code="bench", defaults={"name_en": "Bench",
                                                                        "country": "BH"})[0]
    packages = []
    for code in ("b1", "b2", "b3", "b4", "b5"):
        root = Category.add_root(name=f"Bench {code}")
        packages.append(ProgrammePackage.objects.create(
            programme=programme, code=code, name_en=code.upper(), category=root))
    areas = ["Muharraq", "Riffa", "Sitra", "Hidd", "Isa Town", "Manama"]
    producers = Partner.objects.bulk_create([
        Partner(name=f"Bench {n}", code=f"bench-{n}", area=rng.choice(areas),
                holder_gender=rng.choice(["female", "female", "male", ""]))
        for n in range(PRODUCERS)])
    licences = Licence.objects.bulk_create([
        Licence(producer=p, programme=programme, number=f"B-{p.pk}",
                status=rng.choice(["verified"] * 6 + ["submitted", "rejected", "suspended"]),
                valid_from=now - timedelta(days=200),
                valid_until=now + timedelta(days=rng.randint(1, 400)))
        for p in producers])
    through = Licence.packages.through
    through.objects.bulk_create([through(licence=lic, programmepackage=rng.choice(packages))
                                 for lic in licences])
    events = []
    for lic in licences:
        submitted = now - timedelta(days=rng.randint(20, 400))
        events.append(LicenceEvent(licence=lic, at=submitted, action="submitted",
                                   from_status="draft", to_status="submitted"))
        events.append(LicenceEvent(licence=lic, at=submitted + timedelta(days=rng.randint(1, 30)),
                                   action="verified", from_status="submitted",
                                   to_status="verified"))
    LicenceEvent.objects.bulk_create(events, batch_size=2000)
    products = Product.objects.bulk_create([
        Product(title=f"Bench product {n}", structure="standalone", is_public=True,
                date_created=now - timedelta(days=rng.randint(0, 700)))
        for n in range(PRODUCTS)], batch_size=2000)
    ProductCategory.objects.bulk_create([
        ProductCategory(product=p, category=rng.choice(packages).category) for p in products
    ], batch_size=2000)
    orders = Order.objects.bulk_create([
        Order(number=f"B{n}", site_id=1, currency="BHD", total_incl_tax=Decimal("5.000"),
              total_excl_tax=Decimal("5.000"), status="paid", guest_email="b@example.com",
              date_placed=now - timedelta(days=rng.randint(0, 365)))
        for n in range(ORDERS)], batch_size=2000)
    Line.objects.bulk_create([
        Line(order=o, partner=rng.choice(producers), partner_name="x", partner_sku="x",
             product=(p := rng.choice(products)), title=p.title, quantity=2, num_allocated=2,
             line_price_incl_tax=Decimal("5.000"), line_price_excl_tax=Decimal("5.000"),
             line_price_before_discounts_incl_tax=Decimal("5.000"),
             line_price_before_discounts_excl_tax=Decimal("5.000"))
        for o in orders for _ in range(2)], batch_size=2000)


def main():
    from producers.selectors import programme_statistics

    populate()
    for attempt in range(2):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            tables = programme_statistics(at=timezone.now())
            elapsed = time.perf_counter() - started
        print(f"run {attempt + 1}: {len(tables)} tables, {len(queries)} queries, "
              f"{elapsed * 1000:.0f} ms ({connection.vendor})")
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
        for query in slowest:
            print(f"   {float(query['time']) * 1000:.0f} ms  {query['sql'][:90]}...")


if __name__ == "__main__":
    main()
