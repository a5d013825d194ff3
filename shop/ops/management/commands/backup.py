"""manage.py backup: pg_dump + media tarball into var/backups/<stamp>/."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from shop.ops.backups import backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump, custom format) and the media folders."

    def add_arguments(self, parser):
        default = Path(settings.BASE_DIR) / "var" / "backups"
        parser.add_argument("--output-dir", default=str(default))

    def handle(self, *args, **options):
        """Write one backup folder and print its path."""
        folder = backup_create(output_dir=Path(options["output_dir"]))
        self.stdout.write(str(folder))
