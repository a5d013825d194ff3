"""Oscar's customer forms, with the sign-up form no longer telling whether an address is taken."""

from oscar.apps.customer.forms import *  # noqa: F403  (every other form stays Oscar's)
from oscar.apps.customer.forms import EmailUserCreationForm as OscarEmailUserCreationForm


class EmailUserCreationForm(OscarEmailUserCreationForm):
    """Sign-up input only: whether the address is taken is answered by e-mail, never here."""

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def validate_unique(self) -> None:
        """Skip the model's uniqueness check: its error would reveal an existing account."""

    def save(self, commit: bool = True):
        raise NotImplementedError("Accounts are created by shop.users.services.user_register")
