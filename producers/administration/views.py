"""Wagtail admin views: one licence with its checklist, actions and history; flagged orders."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import services
from ..models import Licence, LicenceDocument
from ..rules import is_transition_allowed
from ..selectors import fulfilments_flagged, licence_checklist, producer_open_fulfilments
from . import forms
from .roles import PERM_FULFILMENTS, PERM_SUSPEND, PERM_VERIFY, PERM_VIEW


def _verify(licence, user, form):
    return services.licence_verify(licence=licence, by=user, note=form.cleaned_data["note"])


def _request_changes(licence, user, form):
    return services.licence_request_changes(
        licence=licence, by=user, reason=form.cleaned_data["reason"]
    )


def _reject(licence, user, form):
    return services.licence_reject(licence=licence, by=user, reason=form.cleaned_data["reason"])


def _suspend(licence, user, form):
    return services.licence_suspend(
        licence=licence, by=user, reason=form.cleaned_data["reason"], until=form.cleaned_until()
    )


def _reinstate(licence, user, form):
    return services.licence_reinstate(licence=licence, by=user, note=form.cleaned_data["note"])


def _revoke(licence, user, form):
    return services.licence_revoke(licence=licence, by=user, reason=form.cleaned_data["reason"])


def _renew(licence, user, form):
    return services.licence_renew(
        licence=licence, by=user, valid_until=form.cleaned_valid_until(),
        note=form.cleaned_data["note"],
    )


def _discount(licence, user, form):
    data = form.cleaned_data
    return services.licence_set_discount(
        licence=licence, by=user, percent=data["percent"], valid_until=data["valid_until"],
        note=data["note"],
    )


def _approval(licence, user, form):
    data = form.cleaned_data
    return services.licence_record_approval(
        licence=licence, authority=data["authority"], reference=data["reference"],
        status=data["status"], issued_on=data["issued_on"], expires_on=data["expires_on"],
        by=user,
    )


# action: (label, permission, form, service, the status it moves to or None)
ACTIONS = {
    "verify": (gettext_lazy("Approve"), PERM_VERIFY, forms.NoteForm, _verify, "verified"),
    "request_changes": (
        gettext_lazy("Request changes"), PERM_VERIFY, forms.ReasonForm, _request_changes,
        "changes_requested",
    ),
    "reject": (gettext_lazy("Reject"), PERM_VERIFY, forms.ReasonForm, _reject, "rejected"),
    "suspend": (gettext_lazy("Suspend"), PERM_SUSPEND, forms.SuspendForm, _suspend, "suspended"),
    "reinstate": (
        gettext_lazy("Reinstate"), PERM_SUSPEND, forms.NoteForm, _reinstate, "verified"
    ),
    "revoke": (gettext_lazy("Revoke"), PERM_SUSPEND, forms.ReasonForm, _revoke, "revoked"),
    "renew": (gettext_lazy("Renew"), PERM_VERIFY, forms.RenewForm, _renew, "verified"),
    "discount": (
        gettext_lazy("Set fee discount"), PERM_VERIFY, forms.DiscountForm, _discount, None
    ),
    "approval": (
        gettext_lazy("Record approval"), PERM_VERIFY, forms.ApprovalForm, _approval, None
    ),
}


def _action_offered(action: str, licence: Licence) -> bool:
    target = ACTIONS[action][4]
    if action == "reinstate":
        return licence.status == Licence.Status.SUSPENDED
    if action == "renew":
        return licence.status in (Licence.Status.VERIFIED, Licence.Status.EXPIRED)
    if target is None:
        return licence.status not in (Licence.Status.REVOKED,)
    return target != licence.status and is_transition_allowed(licence.status, target)


class AdminPageMixin(WagtailAdminTemplateMixin):
    """A Wagtail admin page whose breadcrumbs end with its own title."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class LicenceDetailView(WagtailAdminTemplateMixin, TemplateView):
    """A licence: producer, fields, documents, approval checklist, actions and history."""

    template_name = "producers/admin/licence_detail.html"
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERM_VIEW):
            raise PermissionDenied
        self.licence = get_object_or_404(
            Licence.objects.select_related("producer", "programme"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Licence %(number)s") % {"number": self.licence.number}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("licences:index"), "label": _("Licences")},
            {"url": "", "label": self.licence.number},
        ]

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            messages.error(request, _("Unknown action."))
            return redirect(request.path)
        label, permission, form_class, service, _target = ACTIONS[action]
        if not request.user.has_perm(permission):
            raise PermissionDenied
        form = form_class(request.POST, prefix=action)
        if form.is_valid():
            try:
                service(self.licence, request.user, form)
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("%(action)s: done.") % {"action": label})
                return redirect(request.path)
        messages.error(request, _("%(action)s: nothing was changed.") % {"action": label})
        return self.render_to_response(self.get_context_data(bound=(action, form)))

    def _action_forms(self, bound):
        user = self.request.user
        result = []
        for action, (label, permission, form_class, _service, _target) in ACTIONS.items():
            if action == "approval" or not user.has_perm(permission):
                continue
            if not _action_offered(action, self.licence):
                continue
            form = bound[1] if bound and bound[0] == action else form_class(prefix=action)
            if action == "discount" and not form.is_bound:
                form.initial = {"percent": self.licence.discount_percent,
                                "valid_until": self.licence.discount_valid_until}
            result.append({"action": action, "label": label, "form": form})
        return result

    def _checklist(self, bound):
        can_record = self.request.user.has_perm(PERM_VERIFY)
        rows = []
        for row in licence_checklist(self.licence, on=timezone.localdate()):
            form = None
            if can_record:
                if bound and bound[0] == "approval" and str(
                    bound[1].data.get("approval-authority")
                ) == str(row.authority.pk):
                    form = bound[1]
                else:
                    approval = row.approval
                    form = forms.ApprovalForm(prefix="approval", initial={
                        "authority": row.authority.pk,
                        "status": approval.status if approval else "approved",
                        "reference": approval.reference if approval else "",
                        "issued_on": approval.issued_on if approval else None,
                        "expires_on": approval.expires_on if approval else None,
                    })
            rows.append({"row": row, "form": form})
        return rows

    def get_context_data(self, bound=None, **kwargs):
        context = super().get_context_data(**kwargs)
        licence = self.licence
        context.update(
            licence=licence,
            producer=licence.producer,
            packages=licence.packages.select_related("category"),
            documents=[
                (document, reverse("licence-document", args=[document.pk]))
                for document in LicenceDocument.objects.filter(licence=licence)
            ],
            checklist=self._checklist(bound),
            actions=self._action_forms(bound),
            events=licence.events.select_related("actor").order_by("-at", "-pk"),
            open_fulfilments=producer_open_fulfilments(licence.producer)
            if licence.status in (Licence.Status.SUSPENDED, Licence.Status.REVOKED) else None,
        )
        return context


class FlaggedFulfilmentsView(AdminPageMixin, TemplateView):
    """Open orders of producers whose licence was suspended or revoked: staff must act."""

    template_name = "producers/admin/flagged_fulfilments.html"
    page_title = gettext_lazy("Orders to review")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERM_FULFILMENTS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["fulfilments"] = fulfilments_flagged(at=timezone.now())
        return context
