from django.core.management.base import BaseCommand

from shop.order.models import ProducerFulfilment
from shop.payments.gateway import GatewayError
from shop.payments.payouts import fulfilment_payout


class Command(BaseCommand):
    """Send transfers for delivered card-paid parts still waiting (run by cron)."""

    help = "Retry producer payouts that are pending or held (e.g. account connected later)."

    def handle(self, *args, **options):
        sent = 0
        waiting = ProducerFulfilment.objects.filter(
            status=ProducerFulfilment.Status.DELIVERED, order__status="paid",
            payout_status__in=["pending", "held"],
        )
        for part in waiting.order_by("pk"):
            try:
                sent += fulfilment_payout(fulfilment=part).payout_status == "paid"
            except GatewayError as exc:
                self.stderr.write(f"{part}: {exc}")
        self.stdout.write(f"{sent} payout(s) sent")
