"""Filters for the licence listings in the Wagtail admin (django-filter, as Wagtail uses)."""

from datetime import timedelta

import django_filters
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from ..models import Licence, LicenceApproval, Partner, Programme, ProgrammePackage

EXPIRING_DAYS = 30


def _area_choices():
    areas = Partner.objects.exclude(area="").values_list("area", flat=True).distinct()
    return [(area, area) for area in sorted(areas)]


class LicenceFilterSet(WagtailFilterSet):
    """Programme, package, status, area, authority status and 'expiring soon'."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=Licence.Status.choices)
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=Programme.objects.all()
    )
    packages = django_filters.ModelChoiceFilter(
        label=_("Package"), queryset=ProgrammePackage.objects.select_related("programme")
    )
    area = django_filters.ChoiceFilter(
        label=_("Area"), field_name="producer__area", choices=_area_choices
    )
    approvals = django_filters.ChoiceFilter(
        label=_("Authority approvals"),
        method="filter_approvals",
        choices=[
            ("complete", _("All required approvals in")),
            ("incomplete", _("Approvals missing")),
            ("refused", _("An approval was refused")),
        ],
    )
    expiring = django_filters.BooleanFilter(
        label=_("Expiring within 30 days"), method="filter_expiring"
    )

    class Meta:
        model = Licence
        fields = ["status", "programme", "packages"]

    def filter_approvals(self, queryset, name, value):
        approved = LicenceApproval.objects.filter(
            licence_id=OuterRef(OuterRef("pk")), authority_id=OuterRef("authority_id"),
            status=LicenceApproval.Status.APPROVED,
        )
        missing = Exists(
            ProgrammePackage.required_authorities.through.objects.filter(
                programmepackage__licences=OuterRef("pk")
            ).filter(~Exists(approved))
        )
        refused = Exists(LicenceApproval.objects.filter(
            licence=OuterRef("pk"), status=LicenceApproval.Status.REFUSED
        ))
        if value == "complete":
            return queryset.filter(~missing)
        if value == "incomplete":
            return queryset.filter(missing)
        return queryset.filter(refused) if value == "refused" else queryset

    def filter_expiring(self, queryset, name, value):
        now = timezone.now()
        soon = dict(valid_until__gte=now, valid_until__lt=now + timedelta(days=EXPIRING_DAYS))
        if value is True:
            return queryset.filter(**soon)
        if value is False:
            return queryset.exclude(**soon)
        return queryset


class QueueFilterSet(LicenceFilterSet):
    """The queue's filters: the queue already fixes the status."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            (Licence.Status.SUBMITTED, Licence.Status.SUBMITTED.label),
            (Licence.Status.CHANGES_REQUESTED, Licence.Status.CHANGES_REQUESTED.label),
        ],
    )
