"""Oscar's order models, plus one fulfilment per producer in each order."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractOrder


class Order(AbstractOrder):
    """Oscar's order plus how it is paid, the buyer's language and when it lapses unpaid."""

    class PaymentMethod(models.TextChoices):
        CARD = "card", _("Card")
        CASH = "cash", _("Cash on delivery")

    payment_method = models.CharField(
        _("payment method"), max_length=8, choices=PaymentMethod.choices,
        default=PaymentMethod.CASH,
    )
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    # An unpaid card order releases its stock after this moment (expiry command).
    expires_at = models.DateTimeField(_("unpaid until"), null=True, blank=True, db_index=True)

    class Meta(AbstractOrder.Meta):
        app_label = "order"


class ProducerFulfilment(models.Model):
    """One producer's part of an order: its lines, delivery choice, status and receipt."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        READY = "ready", _("Ready for pickup")
        DISPATCHED = "dispatched", _("Dispatched")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")

    class Method(models.TextChoices):
        DELIVERY = "delivery", _("Delivery")
        PICKUP = "pickup", _("Pickup")

    class Payout(models.TextChoices):
        PENDING = "pending", _("Pending")
        HELD = "held", _("Held")
        PAID = "paid", _("Paid")
        REVERSED = "reversed", _("Reversed")

    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="fulfilments")
    producer = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="fulfilments"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True
    )
    method = models.CharField(
        _("fulfilment"), max_length=16, choices=Method.choices, default=Method.DELIVERY
    )
    delivery_fee = models.DecimalField(
        _("delivery fee"), max_digits=12, decimal_places=3, default=0
    )
    pickup_point = models.CharField(_("pickup point"), max_length=255, blank=True)
    cancel_reason = models.TextField(_("cancellation reason"), blank=True)
    # Official receipt: numbered per producer without gaps, assigned when first issued.
    invoice_number = models.PositiveIntegerField(_("receipt number"), null=True, blank=True)
    licence_number = models.CharField(_("licence number"), max_length=64, blank=True)
    payout_status = models.CharField(
        _("payout"), max_length=16, choices=Payout.choices, default=Payout.PENDING
    )
    commission_percent = models.DecimalField(
        _("commission (%)"), max_digits=5, decimal_places=2, default=0
    )
    refunded_amount = models.DecimalField(
        _("refunded"), max_digits=12, decimal_places=3, default=0
    )
    transfer_id = models.CharField(_("transfer"), max_length=255, blank=True)
    invoice_issued_at = models.DateTimeField(_("receipt issued"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "order"
        verbose_name = _("producer fulfilment")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "producer"], name="one_fulfilment_per_producer"
            ),
            models.UniqueConstraint(
                fields=["producer", "invoice_number"], name="receipt_number_unique_per_producer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order.number} / {self.producer}"

    @property
    def lines(self):
        """The order lines this producer fulfils (Oscar records the partner on each line)."""
        return self.order.lines.filter(partner_id=self.producer_id)


class ReceiptCounter(models.Model):
    """The last receipt number a producer issued; locked row keeps numbering gap-free."""

    producer = models.OneToOneField(
        "partner.Partner", on_delete=models.CASCADE, related_name="receipt_counter"
    )
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "order"

    def __str__(self) -> str:
        return f"{self.producer}: {self.last_number}"


class LedgerEntry(models.Model):
    """Money that moved: every charge, transfer, refund, reversal and commission."""

    class Kind(models.TextChoices):
        CHARGE = "charge", _("Charge")
        TRANSFER = "transfer", _("Transfer to producer")
        REFUND = "refund", _("Refund")
        REVERSAL = "reversal", _("Transfer reversal")
        COMMISSION = "commission", _("Programme commission")
        CASH = "cash", _("Cash on delivery")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="ledger")
    fulfilment = models.ForeignKey(
        ProducerFulfilment, null=True, blank=True, on_delete=models.PROTECT, related_name="ledger"
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=3)
    currency = models.CharField(_("currency"), max_length=3)
    external_id = models.CharField(
        _("provider reference"), max_length=255, null=True, blank=True, unique=True
    )
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        app_label = "order"
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} {self.currency}"


from oscar.apps.order.models import *  # noqa: E402, F403  (Oscar's fork pattern)
