from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.abstract_models import AbstractUser


class User(AbstractUser):
    """A person who logs in with an e-mail address: customer, producer or programme staff."""

    preferred_language = models.CharField(
        _("preferred language"), max_length=8, blank=True,
        help_text=_("Used for e-mails sent to this person."),
    )
