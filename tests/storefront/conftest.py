"""Storefront fixtures: a live search index (the FTS table migrations would create)."""

import pytest
from django.db import connection


def _reset_backend_probe():
    from modelsearch.backends import database

    database.USE_SQLITE_FTS = None


@pytest.fixture
def search_index(db):
    """Make the database search backend real under --no-migrations (SQLite FTS5 table)."""
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
