from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from oscar.apps.partner.admin import *  # noqa: F403  (keep Oscar's partner admin)

from .forms import LicenceAdminForm
from .models import (
    Authority,
    Licence,
    LicenceApproval,
    LicenceDocument,
    LicenceEvent,
    Programme,
    ProgrammePackage,
)


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_ar"]


class PackageInline(admin.TabularInline):
    model = ProgrammePackage
    extra = 0
    filter_horizontal = ["required_authorities"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_ar", "country"]
    inlines = [PackageInline]


class ApprovalInline(admin.TabularInline):
    model = LicenceApproval
    extra = 0


class DocumentInline(admin.TabularInline):
    model = LicenceDocument
    extra = 0
    fields = ["kind", "download", "uploaded_at"]
    readonly_fields = ["download", "uploaded_at"]

    @admin.display(description="file")
    def download(self, document):
        url = reverse("licence-document", args=[document.pk])
        return format_html('<a href="{}">{}</a>', url, document.file.name.rsplit("/", 1)[-1])


class EventInline(admin.TabularInline):
    model = LicenceEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "from_status", "to_status", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Licence)
class LicenceAdmin(admin.ModelAdmin):
    """Read-mostly: status changes go through producers.services, never a bare save."""

    form = LicenceAdminForm
    list_display = ["number", "producer", "programme", "status", "valid_until"]
    list_filter = ["status", "programme", "packages"]
    search_fields = ["number", "producer__name"]
    readonly_fields = ["status", "status_reason"]
    inlines = [ApprovalInline, DocumentInline, EventInline]


@admin.register(LicenceEvent)
class LicenceEventAdmin(admin.ModelAdmin):
    """The audit trail, read-only: it is written by producers.services alone."""

    list_display = ["at", "licence", "action", "from_status", "to_status", "actor"]
    list_filter = ["action", "to_status"]
    search_fields = ["licence__number", "reason"]
    list_select_related = ["licence__producer", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
