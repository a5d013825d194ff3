"""Producers and their licences: who may sell what, as data admins edit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractPartner

from .querysets import LicenceQuerySet


def _private_storage():
    return storages["private"]


class TranslatedName(models.Model):
    """A name kept in English, Arabic and Persian, shown in the active language."""

    name_en = models.CharField(_("name (English)"), max_length=128)
    name_ar = models.CharField(_("name (Arabic)"), max_length=128, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=128, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "en")[:2]
        return getattr(self, f"name_{language}", "") or self.name_en


class Authority(TranslatedName):
    """A body whose approval a licence needs (municipality, civil defence, food control...)."""

    code = models.SlugField(_("code"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("approving authority")
        verbose_name_plural = _("approving authorities")
        ordering = ["code"]


class Programme(TranslatedName):
    """A public programme that licenses home producers (Khutwa, Etimad...)."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    country = models.CharField(_("country code"), max_length=2, help_text=_("ISO 3166, e.g. BH"))
    issuing_body = models.CharField(_("issuing body"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("programme")
        ordering = ["code"]


class ProgrammePackage(TranslatedName):
    """One of a programme's packages (Tayeb, Atayeb...): a root category and its approvals."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="packages")
    code = models.SlugField(_("code"), max_length=64)
    category = models.ForeignKey(
        "catalogue.Category",
        on_delete=models.PROTECT,
        related_name="packages",
        verbose_name=_("root category"),
        help_text=_("The package covers this category and every sub-category."),
    )
    required_authorities = models.ManyToManyField(
        Authority, blank=True, related_name="packages", verbose_name=_("required approvals")
    )

    class Meta:
        verbose_name = _("programme package")
        ordering = ["programme", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="package_code_unique"),
            models.UniqueConstraint(
                fields=["programme", "category"], name="package_category_unique"
            ),
        ]

    def clean(self):
        if self.category_id and self.category.depth != 1:
            raise ValidationError(
                {"category": _("A package is tied to a root category, not a sub-category.")}
            )


class Partner(AbstractPartner):
    """A licensed home producer: the shop a family runs on Muntij."""

    story = models.TextField(_("story"), blank=True)
    area = models.CharField(
        _("area"),
        max_length=128,
        blank=True,
        help_text=_("Governorate or area shown to customers; never a street address."),
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    photo = models.ImageField(_("photo"), upload_to="producers/%Y/%m/", blank=True)
    holder_gender = models.CharField(
        _("licence holder's gender"), max_length=16, blank=True,
        choices=[("female", _("Female")), ("male", _("Male"))],
        help_text=_("Optional; used only for programme statistics."),
    )
    # Vacation mode hides every listing until the producer resumes.
    on_vacation = models.BooleanField(_("on vacation"), default=False)
    vacation_message = models.CharField(_("vacation message"), max_length=255, blank=True)
    # Fulfilment: delivery by the producer, or pickup at a point they name (never home).
    offers_delivery = models.BooleanField(_("delivers"), default=True)
    delivery_fee = models.DecimalField(
        _("delivery fee"), max_digits=12, decimal_places=3, default=0
    )
    delivery_areas = models.TextField(
        _("delivery areas"), blank=True, help_text=_("One area per line; empty means everywhere.")
    )
    offers_pickup = models.BooleanField(_("pickup"), default=False)
    pickup_point = models.CharField(
        _("pickup point"), max_length=255, blank=True,
        help_text=_("A public place such as a mall or community centre; never a home address."),
    )
    # Payouts (Stripe Connect Express).
    payout_account_id = models.CharField(_("payout account"), max_length=64, blank=True)
    payouts_enabled = models.BooleanField(_("payouts enabled"), default=False)
    created = models.DateTimeField(auto_now_add=True, null=True)

    class Meta(AbstractPartner.Meta):
        app_label = "partner"
        verbose_name = _("producer")
        verbose_name_plural = _("producers")

    @property
    def slug(self) -> str:
        """The producer's URL slug (Oscar's unique partner code)."""
        return self.code


class Licence(models.Model):
    """A home-production licence a programme issued to a producer."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        REJECTED = "rejected", _("Rejected")
        VERIFIED = "verified", _("Verified")
        SUSPENDED = "suspended", _("Suspended")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    class Tier(models.TextChoices):
        HOME = "home", _("Home (small)")
        EXTENDED = "extended", _("Extended (medium)")
        WORKSHOP = "workshop", _("Workshop (large)")

    producer = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="licences", verbose_name=_("producer")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="licences", verbose_name=_("programme")
    )
    number = models.CharField(_("licence number"), max_length=64)
    issuing_body = models.CharField(_("issuing body"), max_length=200, blank=True)
    packages = models.ManyToManyField(
        ProgrammePackage, related_name="licences", verbose_name=_("packages covered")
    )
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"))
    tier = models.CharField(_("size"), max_length=16, choices=Tier.choices, default=Tier.HOME)
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    status_reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why the licence is in its current status.")
    )
    beneficiary_discount = models.BooleanField(
        _("beneficiary discount"),
        default=False,
        help_text=_("The holder is a social-services beneficiary entitled to a fee discount."),
    )
    discount_percent = models.DecimalField(
        _("fee discount (%)"), max_digits=5, decimal_places=2, default=0,
        validators=[MinValueValidator(0), MaxValueValidator(50)],
        help_text=_("Set by programme staff after checking the evidence; at most 50%."),
    )
    discount_valid_until = models.DateField(_("discount valid until"), null=True, blank=True)
    suspended_until = models.DateTimeField(
        _("suspended until"), null=True, blank=True,
        help_text=_("Informational end of a suspension; reinstating is still an explicit act."),
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = LicenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("licence")
        ordering = ["-valid_until"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"],
                name="licence_number_unique_per_programme",
                violation_error_message=_("This programme already has a licence with this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__gt=models.F("valid_from")),
                name="licence_validity_ordered",
                violation_error_message=_("The licence must end after it starts."),
            ),
        ]
        indexes = [models.Index(fields=["producer", "status", "valid_until"])]
        permissions = [
            ("verify_licence", _("Can verify, reject or send back licence applications")),
            ("suspend_licence", _("Can suspend, reinstate or revoke licences")),
            ("view_programme_statistics", _("Can view the programme's statistics")),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.producer})"

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValidationError({"valid_until": _("The licence must end after it starts.")})

    @property
    def is_in_force(self) -> bool:
        """Whether the licence is verified and inside its validity right now."""
        from .rules import licence_in_force

        return licence_in_force(self, at=timezone.now())


class LicenceApproval(models.Model):
    """One authority's approval of a licence application (reference, status, dates)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    licence = models.ForeignKey(Licence, on_delete=models.CASCADE, related_name="approvals")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="approvals")
    reference = models.CharField(_("reference number"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True, help_text=_("Valid through this day.")
    )

    class Meta:
        verbose_name = _("licence approval")
        ordering = ["authority__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["licence", "authority"], name="one_approval_per_authority"
            )
        ]

    def __str__(self) -> str:
        return f"{self.authority}: {self.get_status_display()}"


class LicenceDocument(models.Model):
    """A scanned licence or evidence file; private, served only through a checked view."""

    class Kind(models.TextChoices):
        LICENCE = "licence", _("Licence certificate")
        APPROVAL = "approval", _("Authority approval")
        BENEFICIARY = "beneficiary", _("Beneficiary evidence")
        OTHER = "other", _("Other")

    licence = models.ForeignKey(Licence, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.LICENCE)
    file = models.FileField(_("file"), upload_to="licences/%Y/%m/", storage=_private_storage)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("licence document")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.licence.number})"


class LicenceEvent(models.Model):
    """The audit trail: every licence status change, who made it, when and why."""

    licence = models.ForeignKey(Licence, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(_("action"), max_length=32)
    from_status = models.CharField(_("from"), max_length=24, blank=True)
    to_status = models.CharField(_("to"), max_length=24)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("licence event")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.licence.number}: {self.from_status or '-'} → {self.to_status}"


from oscar.apps.partner.models import *  # noqa: E402, F403
