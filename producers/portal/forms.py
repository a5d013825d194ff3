"""Portal forms: parse and check input; writes happen in services."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalog.models import Category
from producers.models import Authority, Licence, Partner, Programme, ProgrammePackage
from shop.images import image_sanitise
from shop.money import price_step, validate_price

from .documents import document_sanitise
from .models import Role

PROFILE_FIELDS = ["name", "story", "area", "phone", "photo"]


class ImageUploadField(forms.FileField):
    """A file field whose value is the sanitised image (see shop/images.py)."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial:
            return upload
        stem = (upload.name or "image").rsplit(".", 1)[0][:60]
        return image_sanitise(upload).as_file(stem)


class DocumentUploadField(forms.FileField):
    """A licence document: PDF, JPEG or PNG, checked by content (see documents.py)."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        return document_sanitise(upload) if upload else upload


class ProfileForm(forms.ModelForm):
    photo = ImageUploadField(label=_("Photo"), required=False)

    class Meta:
        model = Partner
        fields = PROFILE_FIELDS + [
            "offers_delivery", "delivery_fee", "offers_pickup", "pickup_point",
        ]
        labels = {"name": _("Shop name")}
        widgets = {"story": forms.Textarea(attrs={"rows": 4})}


class JoinForm(forms.Form):
    """Sign-up: an account (if not logged in) and the shop's profile."""

    email = forms.EmailField(label=_("E-mail"))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    name = forms.CharField(label=_("Shop name"), max_length=128)
    area = forms.CharField(label=_("Area"), max_length=128, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    story = forms.CharField(label=_("Your story"), widget=forms.Textarea(attrs={"rows": 3}),
                            required=False)
    photo = ImageUploadField(label=_("Photo"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None and user.is_authenticated:
            del self.fields["email"], self.fields["password"]

    def clean_email(self):
        # Whether the address has an account is answered by e-mail, never on this page.
        return self.cleaned_data["email"].strip().lower()

    def clean_password(self):
        password = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password


def _aware(day, end=False):
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


class LicenceForm(forms.Form):
    """A licence application: programme, number, validity, packages, references, documents."""

    programme = forms.ModelChoiceField(Programme.objects.all(), label=_("Programme"))
    number = forms.CharField(label=_("Licence number"), max_length=64)
    valid_from = forms.DateField(label=_("Valid from"),
                                 widget=forms.DateInput(attrs={"type": "date"}))
    valid_until = forms.DateField(label=_("Valid until"),
                                  widget=forms.DateInput(attrs={"type": "date"}))
    packages = forms.ModelMultipleChoiceField(
        ProgrammePackage.objects.select_related("programme"),
        label=_("Packages applied for"), widget=forms.CheckboxSelectMultiple,
    )
    tier = forms.ChoiceField(label=_("Size"), choices=Licence.Tier.choices)
    beneficiary_discount = forms.BooleanField(label=_("I claim the beneficiary discount"),
                                              required=False)
    licence_document = DocumentUploadField(label=_("Licence certificate (PDF or photo)"),
                                           required=False)
    beneficiary_evidence = DocumentUploadField(label=_("Beneficiary evidence (PDF or photo)"),
                                               required=False)

    def __init__(self, *args, licence: Licence | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.licence = licence
        self.authorities = list(Authority.objects.all())
        for authority in self.authorities:
            self.fields[f"ref_{authority.code}"] = forms.CharField(
                label=gettext("%(authority)s approval reference")
                % {"authority": authority.name},
                max_length=64, required=False,
            )
        if licence is not None:
            del self.fields["programme"]
            self.initial.update(
                number=licence.number, valid_from=timezone.localdate(licence.valid_from),
                valid_until=timezone.localdate(licence.valid_until), tier=licence.tier,
                beneficiary_discount=licence.beneficiary_discount,
                packages=list(licence.packages.all()),
            )
            for approval in licence.approvals.select_related("authority"):
                self.initial[f"ref_{approval.authority.code}"] = approval.reference
        elif not licence:
            self.fields["licence_document"].required = True

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end <= start:
            self.add_error("valid_until", gettext("The licence must end after it starts."))
        if cleaned.get("beneficiary_discount") and not cleaned.get("beneficiary_evidence") and (
            self.licence is None or not self.licence.documents.filter(kind="beneficiary").exists()
        ):
            self.add_error("beneficiary_evidence",
                           gettext("Attach the evidence for the beneficiary discount."))
        return cleaned

    @property
    def references(self) -> dict[str, str]:
        return {a.code: self.cleaned_data.get(f"ref_{a.code}", "") for a in self.authorities}

    def validity(self):
        return _aware(self.cleaned_data["valid_from"]), _aware(self.cleaned_data["valid_until"])


def producer_categories(producer: Partner):
    """Categories under the packages of the producer's live or pending licences."""
    paths = list(
        ProgrammePackage.objects.filter(
            licences__producer=producer,
        ).exclude(licences__status__in=[Licence.Status.REVOKED, Licence.Status.REJECTED])
        .values_list("category__path", flat=True).distinct()
    )
    if not paths:
        return Category.objects.none()
    query = Q()
    for path in paths:
        query |= Q(path__startswith=path)
    return Category.objects.filter(query).order_by("path")


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return ("— " * (obj.depth - 1)) + obj.local_name


class ProductForm(forms.Form):
    """A listing: text, category, price, stock, fulfilment, food label, a photo."""

    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    category = CategoryChoiceField(Category.objects.none(), label=_("Category"))
    price = forms.CharField(label=_("Price"), max_length=16, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    num_in_stock = forms.IntegerField(label=_("In stock"), min_value=0, initial=1,
                                      required=False)
    variants = forms.CharField(
        label=_("Variants (size, scent, flavour)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "50 ml | 4.500 | 3"}),
        help_text=_("Optional. One per line: name | price | stock. "
                    "With variants, each has its own price and stock."),
    )
    made_to_order = forms.BooleanField(label=_("Made to order"), required=False)
    lead_time_days = forms.IntegerField(label=_("Lead time (days)"), min_value=0,
                                        max_value=365, initial=0)
    offers_delivery = forms.BooleanField(label=_("Delivery"), required=False, initial=True)
    offers_pickup = forms.BooleanField(label=_("Pickup"), required=False)
    ingredients = forms.CharField(label=_("Ingredients (food)"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    allergens = forms.CharField(label=_("Allergens (food)"), max_length=255, required=False)
    shelf_life_days = forms.IntegerField(label=_("Shelf life in days (food)"), min_value=0,
                                         max_value=3650, required=False)
    image = ImageUploadField(label=_("Photo"), required=False,
                             widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))

    def __init__(self, *args, producer: Partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = producer_categories(producer)
        self.fields["price"].help_text = gettext("In steps of %(step)s") % {
            "step": price_step()}

    def clean_price(self):
        price = self.cleaned_data["price"].strip()
        return validate_price(price) if price else None

    def clean_variants(self):
        variants = []
        for number, line in enumerate(self.cleaned_data["variants"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) != 3 or not parts[0]:
                raise ValidationError(
                    gettext("Line %(n)s: write name | price | stock.") % {"n": number})
            try:
                price = validate_price(parts[1])
            except ValidationError as exc:
                raise ValidationError(
                    gettext("Line %(n)s: %(error)s") % {"n": number, "error": exc.messages[0]}
                ) from exc
            if not parts[2].isdigit():
                raise ValidationError(
                    gettext("Line %(n)s: stock must be a whole number.") % {"n": number})
            variants.append((parts[0], price, int(parts[2])))
        names = [name for name, _price, _stock in variants]
        if len(set(names)) != len(names):
            raise ValidationError(gettext("Each variant needs a different name."))
        return variants

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("variants") and "variants" not in self.errors:
            for name in ("price", "num_in_stock"):
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, gettext("This field is required."))
        return cleaned

    @property
    def details(self) -> dict:
        from catalog.services import PRODUCT_DETAIL_FIELDS

        return {name: self.cleaned_data[name] for name in PRODUCT_DETAIL_FIELDS}


class VacationForm(forms.Form):
    message = forms.CharField(label=_("Message to customers"), max_length=255, required=False)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason (the customer will see it)"),
                             widget=forms.Textarea(attrs={"rows": 2}))


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.HELPER)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or Excel file"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx")):
            raise ValidationError(gettext("Upload a .csv or .xlsx file."))
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError(gettext("The file is too large: at most 5 MB."))
        if upload.size == 0:
            raise ValidationError(gettext("The file is empty."))
        return upload
