"""The programme figures page in the Wagtail admin, with a CSV/XLSX download per table."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from ..selectors import programme_statistics
from .exports import table_csv, table_xlsx
from .roles import PERM_STATISTICS
from .views import AdminPageMixin

EXPORTERS = {"csv": table_csv, "xlsx": table_xlsx}


class StatisticsView(AdminPageMixin, TemplateView):
    """Producers, licences, decisions, sales and new products, charted and exportable."""

    template_name = "producers/admin/statistics.html"
    page_title = _("Programme figures")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERM_STATISTICS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.tables = programme_statistics(at=timezone.now())
        export = request.GET.get("export")
        if export:
            table = next((t for t in self.tables if t.key == request.GET.get("table")), None)
            if export not in EXPORTERS or table is None:
                messages.error(request, _("There is no such table or download format."))
                return redirect(request.path)
            return EXPORTERS[export](table)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tables"] = self.tables
        return context
