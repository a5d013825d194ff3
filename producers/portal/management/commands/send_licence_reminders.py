from django.core.management.base import BaseCommand
from django.utils import timezone

from producers.portal.reminders import reminders_queue


class Command(BaseCommand):
    """Queue licence renewal reminders due 30 and 7 days before expiry (run daily)."""

    help = "Queue licence renewal reminders (30 and 7 days before expiry); idempotent."

    def handle(self, *args, **options):
        queued = reminders_queue(at=timezone.now())
        self.stdout.write(f"{queued} reminder(s) queued")
