from django.core.management.base import BaseCommand
from django.utils import timezone

from shop.order.expiry import orders_expire


class Command(BaseCommand):
    """Expire unpaid card orders past their time and release their stock (run by cron)."""

    help = "Expire unpaid card orders past SHOP_UNPAID_ORDER_MINUTES and release their stock."

    def handle(self, *args, **options):
        count = orders_expire(now=timezone.now())
        self.stdout.write(f"{count} unpaid order(s) expired")
