"""Programme figures: each table counts what the data says, exports it, and stays cheap."""

from datetime import datetime, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from catalog.models import Product
from producers.models import LicenceEvent
from producers.selectors import programme_statistics
from tests.factories import LicenceFactory, ProducerFactory, category_child, make_product

from .conftest import place_order

STATISTICS = "/cms/programme/statistics/"


def at(day: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(f"{day}T10:00"))


def decided(licence, submitted: str, decision: str, to: str):
    LicenceEvent.objects.create(licence=licence, at=at(submitted), action="submitted",
                                from_status="draft", to_status="submitted")
    LicenceEvent.objects.create(licence=licence, at=at(decision), action=to,
                                from_status="submitted", to_status=to)


@pytest.fixture
def figures(tayeb, atayeb, bakhoor):
    sweets = category_child(atayeb.category, "Sweets")
    women = [ProducerFactory(name=f"W{n}", area="Muharraq", holder_gender="female")
             for n in range(2)]
    man = ProducerFactory(name="M", area="Sitra", holder_gender="male")
    a = LicenceFactory(producer=women[0], covering=[tayeb], verified=True)
    b = LicenceFactory(producer=women[1], covering=[tayeb], rejected=True)
    c = LicenceFactory(producer=man, covering=[atayeb], verified=True,
                       valid_until=timezone.now() + timedelta(days=10))
    decided(a, "2026-01-10", "2026-01-14", "verified")
    decided(b, "2026-01-20", "2026-01-30", "rejected")
    decided(c, "2026-02-01", "2026-02-07", "verified")
    oud = make_product(producer=women[0], category=bakhoor, title="Oud", price="2.000")
    halwa = make_product(producer=man, category=sweets, title="Halwa", price="1.500")
    Product.objects.filter(pk=oud.pk).update(date_created=at("2026-01-05"))
    Product.objects.filter(pk=halwa.pk).update(date_created=at("2026-02-05"))
    for product, quantity, price, placed in ((oud, 2, "2.000", "2026-03-02"),
                                             (oud, 1, "2.000", "2026-03-20"),
                                             (halwa, 3, "1.500", "2026-03-21")):
        order = place_order(product, quantity=quantity, unit_price=price)
        type(order).objects.filter(pk=order.pk).update(date_placed=at(placed))
    place_order(halwa, quantity=9, unit_price="1.500", status="cancelled")
    return {"licences": (a, b, c)}


def tables(now=None):
    return {t.key: t for t in programme_statistics(at=now or timezone.now())}


def test_producers_and_licences_by_package_area_gender_and_status(figures):
    t = tables()

    assert t["by-package"].rows == [("Atayeb", 1, 1, 1), ("Tayeb", 2, 2, 1)]
    assert t["producers-by-area"].rows == [("Muharraq", 2), ("Sitra", 1)]
    assert t["producers-by-holder-gender"].rows == [("Female", 2), ("Male", 1)]
    assert dict(t["licences-by-status"].rows) == {"Verified": 2, "Rejected": 1}


def test_applications_per_month_and_median_days_to_decision(figures):
    t = tables()

    assert t["applications-per-month"].rows == [("2026-01", 2), ("2026-02", 1)]
    assert t["decision-times"].rows == [
        ("2026-01", 2, 7.0), ("2026-02", 1, 6.0), ("All months", 3, 6.0)
    ]


def test_licences_expiring_within_thirty_days(figures):
    licence = figures["licences"][2]

    rows = tables()["expiring"].rows

    assert [(r[0], r[1]) for r in rows] == [(licence.number, "M")]


def test_sales_by_package_and_month_leave_out_cancelled_orders(figures):
    t = tables()

    assert t["sales"].rows == [
        ("2026-03", "Tayeb", 2, 3, Decimal("6.00")), ("2026-03", "Atayeb", 1, 3, Decimal("4.50"))
    ]
    assert [(title, package, items) for title, package, items, _r in t["top-products"].rows] == [
        ("Oud", "Tayeb", 3), ("Halwa", "Atayeb", 3)
    ]
    assert t["new-products"].rows == [("2026-01", "Tayeb", 1), ("2026-02", "Atayeb", 1)]


def test_page_charts_each_table_and_exports_csv_and_xlsx(client, manager, figures):
    client.force_login(manager)

    page = client.get(STATISTICS).content.decode()
    csv = client.get(f"{STATISTICS}?export=csv&table=by-package")
    xlsx = client.get(f"{STATISTICS}?export=xlsx&table=sales")

    assert page.count('class="muntij-chart"') >= 8
    assert page.count("?export=xlsx&amp;table=") == 10
    assert csv.content.decode("utf-8-sig").splitlines() == [
        "Package,Licences,Producers,Verified", "Atayeb,1,1,1", "Tayeb,2,2,1"
    ]
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[2]] == ["2026-03", "Tayeb", 2, 3, 6]
    assert client.get(f"{STATISTICS}?export=pdf&table=sales")["Location"] == STATISTICS


def test_figures_run_a_fixed_number_of_queries_whatever_the_data(figures, tayeb, bakhoor):
    with CaptureQueriesContext(connection) as small:
        tables()
    for n in range(10):
        producer = ProducerFactory(area=f"Area {n}", holder_gender="female")
        LicenceFactory(producer=producer, covering=[tayeb], verified=True)
        place_order(make_product(producer=producer, category=bakhoor, title=f"P{n}"))

    with CaptureQueriesContext(connection) as large:
        tables()

    assert len(large) == len(small) <= 15
