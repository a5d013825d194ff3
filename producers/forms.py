from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Licence


class LicenceAdminForm(forms.ModelForm):
    """Licence form for admins: the packages must be the licence's programme's."""

    class Meta:
        model = Licence
        fields = [
            "producer", "programme", "number", "issuing_body", "packages", "valid_from",
            "valid_until", "tier", "beneficiary_discount",
        ]

    def clean(self):
        cleaned = super().clean()
        programme, packages = cleaned.get("programme"), cleaned.get("packages")
        if programme and packages:
            foreign = [p for p in packages if p.programme_id != programme.pk]
            if foreign:
                self.add_error(
                    "packages",
                    _("The programme %(programme)s has no package %(packages)s.")
                    % {"programme": programme, "packages": ", ".join(map(str, foreign))},
                )
        return cleaned
