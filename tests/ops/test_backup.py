"""make backup / make restore: a backup restores into an empty database with every order."""

import shutil
from decimal import Decimal

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from oscar.apps.shipping.methods import Free
from oscar.core.loading import get_class, get_model

from producers.strategy import Default as Strategy
from shop.ops.backups import backup_create
from shop.order.utils import OrderCreator
from tests.factories import LicenceFactory, ProducerFactory, make_product

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="backup/restore uses pg_dump/pg_restore: run the suite with a postgres DATABASE_URL",
    ),
    pytest.mark.skipif(
        shutil.which("pg_dump") is None or shutil.which("pg_restore") is None,
        reason="pg_dump/pg_restore not installed (apt-get install postgresql-client)",
    ),
]

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
RESTORE_DB = "muntij_production_restore"
ADMIN_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"


def place_order(product, quantity: int):
    basket = Basket.objects.create()
    basket.strategy = Strategy()
    basket.add_product(product, quantity)
    shipping = Free()
    charge = shipping.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    return OrderCreator().place_order(
        basket=basket, total=total, shipping_method=shipping, shipping_charge=charge
    )


@pytest.fixture
def empty_database():
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{RESTORE_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{RESTORE_DB}"')
    yield f"postgres://postgres@127.0.0.1:5432/{RESTORE_DB}"
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{RESTORE_DB}" WITH (FORCE)')


ORDERS_SQL = (
    "SELECT o.number, o.total_incl_tax, o.status, "
    "  (SELECT count(*) FROM order_line l WHERE l.order_id = o.id), "
    "  (SELECT coalesce(sum(l.quantity), 0) FROM order_line l WHERE l.order_id = o.id) "
    "FROM order_order o ORDER BY o.number"
)


def test_backup_restores_into_an_empty_database_with_every_order(
    transactional_db, tayeb, settings, tmp_path, empty_database
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (settings.MEDIA_ROOT / "images").mkdir(parents=True)
    (settings.MEDIA_ROOT / "images" / "oud.jpg").write_bytes(b"\xff\xd8 jpeg bytes")
    settings.PRIVATE_MEDIA_ROOT.mkdir()
    (settings.PRIVATE_MEDIA_ROOT / "licence.pdf").write_bytes(b"%PDF-1.7 licence")
    producer = ProducerFactory()
    LicenceFactory(producer=producer, verified=True, covering=[tayeb])
    oud = make_product(producer=producer, category=tayeb.category, title="Oud", price="4.250")
    musk = make_product(producer=producer, category=tayeb.category, title="Musk", price="1.120")
    for product, quantity in [(oud, 1), (musk, 3), (oud, 2)]:
        place_order(product, quantity)
    with connection.cursor() as cursor:
        cursor.execute(ORDERS_SQL)
        before = cursor.fetchall()
    assert len(before) == 3
    assert before[1][1] == Decimal("3.360")

    folder = backup_create(output_dir=tmp_path / "backups")
    # The media folders are lost with the machine; the restore brings them back.
    restored_media = tmp_path / "new-machine"
    settings.MEDIA_ROOT = restored_media / "media"
    settings.PRIVATE_MEDIA_ROOT = restored_media / "private"
    call_command("restore", str(folder), database_url=empty_database)

    with psycopg.connect(f"host=127.0.0.1 port=5432 user=postgres dbname={RESTORE_DB}") as conn:
        after = conn.execute(ORDERS_SQL).fetchall()
    assert after == before
    assert (restored_media / "media" / "images" / "oud.jpg").read_bytes() == b"\xff\xd8 jpeg bytes"
    assert (restored_media / "private" / "licence.pdf").read_bytes() == b"%PDF-1.7 licence"


def test_restore_refuses_a_tampered_backup(transactional_db, settings, tmp_path, empty_database):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = backup_create(output_dir=tmp_path / "backups")
    with (folder / "db.dump").open("ab") as dump:
        dump.write(b"tampered")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="db.dump does not match its checksum"):
        call_command("restore", str(folder), database_url=empty_database)


def test_restore_refuses_a_database_that_is_not_empty(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path))
