"""Sign-up that answers alike for new and taken addresses, and the activation link's page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import generic
from oscar.apps.customer import views as oscar_views
from oscar.apps.customer.signals import user_registered

from shop.users.services import ActivationPasswordError, user_activate, user_register
from shop.users.tokens import ActivationLinkError, activation_token_read

SENT_TO = "registration-sent-to"  # session key: the address the "check your inbox" page names


def registration_submit(request: HttpRequest, *, email: str, password: str,
                        next_url: str = "") -> HttpResponse:
    """Sign the address up and answer as every sign-up is answered."""
    user_register(email=email, password=password, language=request.LANGUAGE_CODE,
                  next_url="" if next_url == settings.LOGIN_REDIRECT_URL else next_url)
    return registration_sent_redirect(request, email=email)


def registration_sent_redirect(request: HttpRequest, *, email: str) -> HttpResponse:
    """The same "check your inbox" page for every sign-up, naming the address given."""
    request.session[SENT_TO] = email.strip().lower()
    return redirect("customer:register-sent")


class AccountAuthView(oscar_views.AccountAuthView):
    """Oscar's sign-in page; its sign-up half confirms by e-mail instead of logging in."""

    def validate_registration_form(self):
        form = self.get_registration_form(bind_data=True)
        if form.is_valid():
            return registration_submit(
                self.request, email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                next_url=form.cleaned_data["redirect_url"],
            )
        return self.render_to_response(self.get_context_data(registration_form=form))


class AccountRegistrationView(oscar_views.AccountRegistrationView):
    """Oscar's sign-up page, confirming by e-mail instead of logging in."""

    def form_valid(self, form):
        return registration_submit(
            self.request, email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"], next_url=form.cleaned_data["redirect_url"],
        )


class RegistrationSentView(generic.TemplateView):
    """The one page every sign-up ends on, whether or not the address had an account."""

    template_name = "oscar/customer/registration_sent.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "email": self.request.session.get(SENT_TO),
                "valid_days": settings.SHOP_ACTIVATION_DAYS}


class AccountActivateView(generic.View):
    """An activation link: a button to confirm (mail scanners only GET), then log-in."""

    template_name = "oscar/customer/activate.html"

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            activation_token_read(token)
        except ActivationLinkError as exc:
            return self._refused(request, exc)
        return render(request, self.template_name, {"token": token})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            user, next_url = user_activate(token=token, password=request.POST.get("password", ""))
        except ActivationLinkError as exc:
            return self._refused(request, exc)
        except ActivationPasswordError:
            wrong = _("This is not the password you chose when you signed up. If you do not "
                      "remember it, sign up again with this address to choose a new one.")
            return render(request, self.template_name, {"token": token, "password_error": wrong})
        login(request, user, backend="oscar.apps.customer.auth_backends.EmailBackend")
        user_registered.send_robust(sender=self, request=request, user=user)
        messages.success(request, _("Your e-mail address is confirmed. Welcome to Muntij!"))
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = settings.LOGIN_REDIRECT_URL
        return redirect(next_url)

    def _refused(self, request: HttpRequest, exc: ActivationLinkError) -> HttpResponse:
        return render(request, self.template_name, {"error": exc.code})
