"""TOTP two-factor authentication: who must have it, and the set-up and verify pages."""

import base64

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

VERIFIER_GROUP = "verifier"


def two_factor_required(user) -> bool:
    """Staff who can verify licences must use a second factor."""
    if not user.is_staff:
        return False
    return user.has_perm("partner.change_licence") or user.groups.filter(
        name=VERIFIER_GROUP
    ).exists()


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        min_length=6, max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@login_required
def setup_view(request):
    """Create an unconfirmed TOTP device, show its QR code, confirm it with a first code."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="default", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("That code is not valid. Check your device's clock and retry."))
    secret = base64.b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m").svg_data_uri(scale=4)
    return render(request, "ops/twofactor_setup.html", {
        "form": form, "secret": secret, "qr": qr, "next": _next_url(request),
        "has_confirmed": any(devices_for_user(request.user, confirmed=True)),
    })


@login_required
def verify_view(request):
    """Ask for a code from one of the user's confirmed devices."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices_for_user(request.user, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_next_url(request))
        form.add_error("token", _("That code is not valid. Check your device's clock and retry."))
    if not any(devices_for_user(request.user, confirmed=True)):
        return redirect(reverse("ops:2fa-setup") + "?" + urlencode({"next": _next_url(request)}))
    return render(request, "ops/twofactor_verify.html", {"form": form, "next": _next_url(request)})
