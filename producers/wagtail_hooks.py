"""Register programme administration in the Wagtail admin (/cms/)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import SummaryItem

from .administration.roles import PERM_FULFILMENTS, PERM_STATISTICS, PERM_VIEW
from .administration.statistics import StatisticsView
from .administration.views import FlaggedFulfilmentsView
from .administration.viewsets import ConfigurationGroup, LicenceQueueViewSet, LicenceViewSet
from .models import Licence


@hooks.register("register_admin_viewset")
def register_licence_viewsets():
    return [LicenceQueueViewSet(), LicenceViewSet(), ConfigurationGroup()]


@hooks.register("register_admin_urls")
def register_programme_urls():
    return [
        path("programme/statistics/", StatisticsView.as_view(), name="programme-statistics"),
        path(
            "programme/orders-to-review/",
            FlaggedFulfilmentsView.as_view(),
            name="programme-orders-to-review",
        ),
    ]


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users holding one permission."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return PermissionMenuItem(
        _("Programme figures"), reverse("programme-statistics"), icon_name="table",
        order=203, permission=PERM_STATISTICS,
    )


@hooks.register("register_admin_menu_item")
def register_orders_to_review_menu_item():
    return PermissionMenuItem(
        _("Orders to review"), reverse("programme-orders-to-review"), icon_name="warning",
        order=204, permission=PERM_FULFILMENTS,
    )


class QueueSummaryItem(SummaryItem):
    """The admin home's count of applications waiting for a decision."""

    order = 50
    template_name = "producers/admin/queue_summary.html"

    def get_context_data(self, parent_context):
        waiting = Licence.objects.filter(
            status__in=[Licence.Status.SUBMITTED, Licence.Status.CHANGES_REQUESTED]
        ).count()
        return {"count": waiting, "url": reverse("licence_queue:index")}

    def is_shown(self):
        return self.request.user.has_perm(PERM_VIEW)


@hooks.register("construct_homepage_summary_items")
def add_queue_summary(request, items):
    items.append(QueueSummaryItem(request))
