"""The portal's own records: who works in a shop and in what role, invitations, imports."""

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


def _private_storage():
    return storages["private"]


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    HELPER = "helper", _("Helper")


class Membership(models.Model):
    """A person's role in a producer's shop; the shop link itself is Oscar's Partner.users."""

    producer = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.HELPER)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("shop member")
        constraints = [
            models.UniqueConstraint(fields=["producer", "user"], name="one_membership_per_shop")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) @ {self.producer}"


def _token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An invitation by e-mail to join a producer's shop in a role."""

    producer = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.HELPER)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.email} → {self.producer}"


class ImportJob(models.Model):
    """A bulk product import from CSV/XLSX: validated as a whole, then all or nothing."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Importing")
        FAILED = "failed", _("Not imported: fix the errors")
        DONE = "done", _("Imported")

    producer = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="import_jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", storage=_private_storage)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("product import")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.file.name} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        """How far the import has got, 0-100."""
        if not self.total_rows:
            return 100 if self.status in (self.Status.DONE, self.Status.FAILED) else 0
        return min(100, self.processed_rows * 100 // self.total_rows)
