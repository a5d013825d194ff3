from django.contrib import admin as _admin
from django.contrib import messages as _messages
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.admin import *  # noqa: F403  (keep Oscar's order admin)

from .models import LedgerEntry, ProducerFulfilment
from .services import FulfilmentError, fulfilment_cancel, fulfilment_refund


@_admin.register(ProducerFulfilment)
class ProducerFulfilmentAdmin(_admin.ModelAdmin):
    list_display = ["order", "producer", "status", "method", "invoice_number", "payout_status"]
    list_filter = ["status", "method", "payout_status"]
    search_fields = ["order__number", "producer__name", "licence_number"]
    raw_id_fields = ["order", "producer"]
    actions = ["cancel_parts", "refund_parts"]

    def _each(self, request, queryset, action):
        from shop.payments.gateway import GatewayError

        for part in queryset:
            try:
                action(part)
            except FulfilmentError as exc:
                self.message_user(request, f"{part}: {exc.messages[0]}", _messages.ERROR)
            except GatewayError as exc:
                self.message_user(request, f"{part}: {exc.user_message}", _messages.ERROR)

    @_admin.action(description=_("Cancel (refunds a paid part, releases stock)"))
    def cancel_parts(self, request, queryset):
        self._each(request, queryset, lambda part: fulfilment_cancel(
            fulfilment=part, by=request.user, reason=str(_("Cancelled by programme staff"))))

    @_admin.action(description=_("Refund in full"))
    def refund_parts(self, request, queryset):
        self._each(request, queryset, lambda part: fulfilment_refund(
            fulfilment=part, by=request.user))


@_admin.register(LedgerEntry)
class LedgerEntryAdmin(_admin.ModelAdmin):
    list_display = ["created", "kind", "order", "fulfilment", "amount", "currency", "external_id"]
    list_filter = ["kind"]
    search_fields = ["order__number", "external_id"]
    raw_id_fields = ["order", "fulfilment"]
