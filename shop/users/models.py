from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.abstract_models import AbstractUser


class User(AbstractUser):
    """A person who logs in with an e-mail address: customer, producer or programme staff."""

    preferred_language = models.CharField(
        _("preferred language"), max_length=8, blank=True,
        help_text=_("Used for e-mails sent to this person."),
    )
    # Set by sign-up until the activation link is followed (the account is inactive till
    # then). Tells a pending sign-up from an account staff switched off, which a new
    # sign-up must never switch back on.
    activation_pending = models.BooleanField(
        _("awaiting e-mail confirmation"), default=False,
        help_text=_("Signed up but has not yet followed the link in the activation e-mail."),
    )
