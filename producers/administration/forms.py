"""Forms for the licence actions: they parse input; producers.services decides."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Authority, LicenceApproval


def start_of_day(day) -> datetime:
    """The first moment of a local calendar day, as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time.min))


class DateInput(forms.DateInput):
    input_type = "date"


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), required=False, widget=forms.Textarea(
        attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the producer sees it)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SuspendForm(ReasonForm):
    until = forms.DateField(label=_("Suspended until (optional)"), required=False,
                            widget=DateInput)

    def cleaned_until(self) -> datetime | None:
        day = self.cleaned_data.get("until")
        return start_of_day(day) if day else None


class RenewForm(NoteForm):
    valid_until = forms.DateField(label=_("New end of validity"), widget=DateInput)

    def cleaned_valid_until(self) -> datetime:
        # Valid through the chosen day.
        return start_of_day(self.cleaned_data["valid_until"] + timedelta(days=1))


class DiscountForm(NoteForm):
    percent = forms.DecimalField(
        label=_("Fee discount (%)"), min_value=0, max_value=50, max_digits=5, decimal_places=2
    )
    valid_until = forms.DateField(label=_("Discount valid until"), required=False,
                                  widget=DateInput)


class ApprovalForm(forms.Form):
    authority = forms.ModelChoiceField(queryset=Authority.objects.all(),
                                       widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=LicenceApproval.Status.choices)
    reference = forms.CharField(label=_("Reference number"), required=False, max_length=64)
    issued_on = forms.DateField(label=_("Issued on"), required=False, widget=DateInput)
    expires_on = forms.DateField(label=_("Expires on"), required=False, widget=DateInput)
