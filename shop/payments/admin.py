from django.contrib import admin

from .models import Payment, ProcessedEvent


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ["order", "method", "status", "amount", "currency", "intent_id", "updated"]
    list_filter = ["method", "status"]
    search_fields = ["order__number", "intent_id"]
    raw_id_fields = ["order"]


@admin.register(ProcessedEvent)
class ProcessedEventAdmin(admin.ModelAdmin):
    list_display = ["event_id", "type", "received"]
    search_fields = ["event_id"]
