from django.contrib import admin as _admin
from oscar.apps.order.admin import *  # noqa: F403  (keep Oscar's order admin)

from .models import LedgerEntry, ProducerFulfilment


@_admin.register(ProducerFulfilment)
class ProducerFulfilmentAdmin(_admin.ModelAdmin):
    list_display = ["order", "producer", "status", "method", "invoice_number", "payout_status"]
    list_filter = ["status", "method", "payout_status"]
    search_fields = ["order__number", "producer__name", "licence_number"]
    raw_id_fields = ["order", "producer"]


@_admin.register(LedgerEntry)
class LedgerEntryAdmin(_admin.ModelAdmin):
    list_display = ["created", "kind", "order", "fulfilment", "amount", "currency", "external_id"]
    list_filter = ["kind"]
    search_fields = ["order__number", "external_id"]
    raw_id_fields = ["order", "fulfilment"]
