"""manage.py restore <folder>: a backup into an empty database and the media folders."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from shop.ops.backups import restore_apply


class Command(BaseCommand):
    help = "Restore a backup folder (from manage.py backup) into an EMPTY database."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--database-url", help="restore here instead of DATABASE_URL")
        parser.add_argument("--no-media", action="store_true", help="leave the media folders")

    def handle(self, *args, folder, database_url=None, no_media=False, **options):
        """Refuse a database that has tables; restore; report the order count."""
        if not database_url and connections["default"].introspection.table_names():
            raise CommandError(
                "The target database is not empty. Restore into a new, empty database "
                "(createdb) and point DATABASE_URL at it."
            )
        try:
            manifest = restore_apply(folder=Path(folder), database_url=database_url,
                                     media=not no_media)
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {manifest['created']} ({manifest['orders']} orders).")
