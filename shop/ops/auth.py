"""Login throttling glue for django-axes."""

from axes.backends import AxesStandaloneBackend


class ThrottlingBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every authenticate() that comes with a request.

    Calls without a request (the shell, management commands, the test client's login())
    carry no client address to throttle, so they pass through to the next backend instead
    of failing with AxesBackendRequestParameterRequired. Every HTTP log-in form passes one.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def throttle_username(request, credentials) -> str | None:
    """The account a log-in attempt names, lower-cased, whatever the form calls the field."""
    credentials = credentials or {}
    value = credentials.get("username") or credentials.get("email")
    if not value and request is not None and request.method == "POST":
        value = request.POST.get("login-username") or request.POST.get("username")
    return value.strip().lower() if value else None
