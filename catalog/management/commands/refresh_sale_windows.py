"""Rebuild every product's sale windows from the licence rule."""

import time

from django.core.management.base import BaseCommand

from catalog.sale_windows import sale_windows_refresh


class Command(BaseCommand):
    help = (
        "Rewrite the sale windows (when each product may be sold) from the licence rule: "
        "after a bulk import that bypasses the ORM, and nightly as a safety net."
    )

    def handle(self, *args, **options):
        """Recompute all products' windows in batches and report how many were written."""
        started = time.monotonic()
        rows = sale_windows_refresh()
        self.stdout.write(f"{rows} sale windows written in {time.monotonic() - started:.1f}s")
