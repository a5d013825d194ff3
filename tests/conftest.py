"""Shared fixtures: a small Khutwa world with two packages and their authorities."""

import pytest

from tests.factories import AuthorityFactory, PackageFactory, ProgrammeFactory, category_child

pytest_plugins = ["tests.order.fixtures", "tests.payments.fixtures"]


@pytest.fixture
def authorities(db):
    return {
        "municipality": AuthorityFactory(code="municipality", name_en="Municipality"),
        "civil-defence": AuthorityFactory(code="civil-defence", name_en="Civil Defence"),
        "food-control": AuthorityFactory(code="food-control", name_en="Food Control"),
    }


@pytest.fixture
def programme(db):
    return ProgrammeFactory()


@pytest.fixture
def tayeb(programme, authorities):
    return PackageFactory(
        programme=programme, code="tayeb", name_en="Tayeb",
        authorities=[authorities["municipality"], authorities["civil-defence"]],
    )


@pytest.fixture
def atayeb(programme, authorities):
    return PackageFactory(
        programme=programme, code="atayeb", name_en="Atayeb",
        authorities=list(authorities.values()),
    )


@pytest.fixture
def bakhoor(tayeb):
    """A sub-category of Tayeb."""
    return category_child(tayeb.category, "Bakhoor")


@pytest.fixture
def home_page(db):
    from shop.pages.services import home_page_ensure

    return home_page_ensure(hostname="testserver")



def _reset_backend_probe():
    from modelsearch.backends import database

    database.USE_SQLITE_FTS = None


@pytest.fixture
def search_index(request):
    """Make the database search backend real under --no-migrations (SQLite FTS5 table)."""
    from django.db import connection

    if "transactional_db" not in request.fixturenames:
        request.getfixturevalue("db")
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available

        if not fts5_available():
            pytest.skip("SQLite here has no FTS5")
        table = "wagtailsearch_indexentry"
        with connection.cursor() as cursor:
            # --no-migrations built a plain table from the model; the migration's is FTS5.
            cursor.execute(f"DROP TABLE IF EXISTS {table}_fts")
            cursor.execute(
                f"CREATE VIRTUAL TABLE {table}_fts USING fts5(autocomplete, body, title)"
            )
            cursor.execute(
                f"CREATE TRIGGER IF NOT EXISTS insert_{table}_fts AFTER INSERT ON {table} BEGIN "
                f"INSERT INTO {table}_fts(title, body, autocomplete, rowid) "
                "VALUES (NEW.title, NEW.body, NEW.autocomplete, NEW.id); END"
            )
            cursor.execute(
                f"CREATE TRIGGER IF NOT EXISTS update_{table}_fts AFTER UPDATE ON {table} BEGIN "
                f"UPDATE {table}_fts SET title=NEW.title, body=NEW.body, "
                "autocomplete=NEW.autocomplete WHERE rowid=NEW.id; END"
            )
            cursor.execute(
                f"CREATE TRIGGER IF NOT EXISTS delete_{table}_fts AFTER DELETE ON {table} BEGIN "
                f"DELETE FROM {table}_fts WHERE rowid=OLD.id; END"
            )
    _reset_backend_probe()
    yield
    _reset_backend_probe()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (navigation and page fragments are cached)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request to /ar/ leaves Arabic active."""
    from django.utils import translation

    yield
    translation.deactivate()
