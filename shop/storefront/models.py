"""Storefront data: customers following producers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProducerFollow(models.Model):
    """A signed-in customer follows a producer (to hear about new products)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="producer_follows")
    producer = models.ForeignKey("partner.Partner", on_delete=models.CASCADE,
                                 related_name="followers", verbose_name=_("producer"))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("producer follow")
        constraints = [
            models.UniqueConstraint(fields=["user", "producer"], name="follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.producer}"
