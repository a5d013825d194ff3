"""Wagtail admin viewsets: the licence queue and listing, and programme configuration."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from ..models import Authority, Licence, Programme, ProgrammePackage
from .filters import LicenceFilterSet, QueueFilterSet
from .views import LicenceDetailView


class LicenceIndexView(ModelViewSet.index_view_class):
    """Licences link to their detail page; nobody adds, edits or deletes them here."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("producer", "programme")

    def get_edit_url(self, instance):
        return reverse("licences:detail", args=[instance.pk])

    def get_add_url(self):
        return None

    def get_copy_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None


class QueueIndexView(LicenceIndexView):
    """Applications waiting for a decision, oldest first."""

    page_title = _("Verification queue")

    def get_base_queryset(self):
        return super().get_base_queryset().filter(
            status__in=[Licence.Status.SUBMITTED, Licence.Status.CHANGES_REQUESTED]
        )


_LICENCE_COLUMNS = ["number", "producer", "programme", "status", "producer__area", "valid_until"]


class LicenceViewSet(ModelViewSet):
    """Every licence, filterable and exportable; status changes happen on the detail page."""

    model = Licence
    name = "licences"
    icon = "doc-full"
    menu_label = _("Licences")
    menu_order = 201
    add_to_admin_menu = True
    index_view_class = LicenceIndexView
    filterset_class = LicenceFilterSet
    list_display = _LICENCE_COLUMNS
    list_export = ["number", "producer", "programme", "status", "producer.area",
                   "valid_from", "valid_until", "discount_percent"]
    export_headings = {"producer.area": _("Area")}
    search_fields = ["number", "producer__name"]
    ordering = ["valid_until"]
    list_per_page = 50

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", LicenceDetailView.as_view(), name="detail"),
        ]


class LicenceQueueViewSet(LicenceViewSet):
    """The verification queue: submitted and changes-requested applications, oldest first."""

    name = "licence_queue"
    icon = "tasks"
    menu_label = _("Verification queue")
    menu_order = 200
    index_view_class = QueueIndexView
    filterset_class = QueueFilterSet
    ordering = ["updated"]

    def register_admin_url_finder(self):
        pass  # the "licences" viewset finds licences

    def register_permissions(self):
        pass

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


class ProgrammeViewSet(ModelViewSet):
    model = Programme
    icon = "site"
    form_fields = ["code", "name_en", "name_ar", "name_fa", "country", "issuing_body"]
    list_display = ["name_en", "name_ar", "name_fa", "code", "country"]
    list_export = form_fields
    search_fields = ["code", "name_en", "name_ar", "name_fa"]


class PackageViewSet(ModelViewSet):
    model = ProgrammePackage
    name = "packages"
    icon = "folder-open-inverse"
    form_fields = ["programme", "code", "name_en", "name_ar", "name_fa", "category",
                   "required_authorities"]
    list_display = ["name_en", "name_ar", "name_fa", "code", "programme", "category"]
    list_filter = ["programme"]
    list_export = ["programme", "code", "name_en", "name_ar", "name_fa", "category"]
    search_fields = ["code", "name_en", "name_ar", "name_fa"]


class AuthorityViewSet(ModelViewSet):
    model = Authority
    name = "authorities"
    icon = "group"
    form_fields = ["code", "name_en", "name_ar", "name_fa"]
    list_display = ["name_en", "name_ar", "name_fa", "code"]
    list_export = form_fields
    search_fields = ["code", "name_en", "name_ar", "name_fa"]


class ConfigurationGroup(ModelViewSetGroup):
    """Programmes, their packages and the approving authorities, as data."""

    menu_label = _("Programme configuration")
    menu_icon = "cogs"
    menu_order = 202
    items = (ProgrammeViewSet, PackageViewSet, AuthorityViewSet)
