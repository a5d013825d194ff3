"""One payment record per order, and the provider events already processed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Payment(models.Model):
    """How an order is paid and how far that got; one per order."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting payment")
        SUCCEEDED = "succeeded", _("Paid")
        FAILED = "failed", _("Failed")
        CASH_DUE = "cash_due", _("Cash due on delivery")
        CANCELLED = "cancelled", _("Cancelled")

    order = models.OneToOneField("order.Order", on_delete=models.PROTECT, related_name="payment")
    method = models.CharField(_("method"), max_length=8)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=3)
    currency = models.CharField(_("currency"), max_length=3)
    intent_id = models.CharField(
        _("payment intent"), max_length=255, null=True, blank=True, unique=True
    )
    failure_message = models.CharField(_("failure"), max_length=255, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("payment")

    def __str__(self) -> str:
        return f"{self.order_id} {self.method} {self.status}"


class ProcessedEvent(models.Model):
    """A provider webhook event already handled; the unique id makes handling exactly-once."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    received = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("processed event")

    def __str__(self) -> str:
        return self.event_id
