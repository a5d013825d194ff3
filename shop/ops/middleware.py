"""Ops middleware: health probes, request ids with JSON request logs, throttles, CSP, 2FA."""

import logging
import re
import time
import uuid

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils.functional import empty
from django.utils.http import urlencode

from shop.ops.health import readiness_selector
from shop.ops.logging import request_id_var

request_logger = logging.getLogger("muntij.request")

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class HealthCheckMiddleware:
    """Answer /healthz and /readyz first: no host check, session, locale or redirect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/healthz":
            return JsonResponse({"status": "ok"})
        if request.path == "/readyz":
            ready, checks = readiness_selector()
            return JsonResponse(
                {"status": "ok" if ready else "unavailable", "checks": checks},
                status=200 if ready else 503,
            )
        return self.get_response(request)


class RequestLogMiddleware:
    """Give each request an id (X-Request-ID from the proxy or new) and log one JSON line."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        start = time.monotonic()
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        request_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "request_id": request_id,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - start) * 1000, 1),
                "user_id": _user_id(request),
            },
        )
        return response


def _user_id(request: HttpRequest) -> int | None:
    """The logged-in user's id if the request already loaded its user (no extra query)."""
    user = getattr(request, "user", None)
    user = getattr(user, "_wrapped", user)
    if user is None or user is empty or not user.is_authenticated:
        return None
    return user.pk


# URL names whose POSTs are throttled like log-ins (django-axes covers the log-ins themselves):
# each sends an e-mail, so unthrottled they would let anyone flood an inbox.
THROTTLED_URL_NAMES = {"password-reset", "wagtailadmin_password_reset", "password_reset"}
THROTTLED_VIEW_NAMES = {"customer:register", "portal:join"}


def _client_ip(request: HttpRequest) -> str:
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or "unknown"


class MailingThrottleMiddleware:
    """Password reset and sign-up: at most AXES_FAILURE_LIMIT per address or IP per cool-off."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and self._sends_mail(request):
            limit = settings.AXES_FAILURE_LIMIT
            window = int(settings.AXES_COOLOFF_TIME.total_seconds())
            email = next(
                (v for k, v in request.POST.items() if k.endswith("email")), ""
            ).strip().lower()
            keys = [f"ops:reset:ip:{_client_ip(request)}"]
            if email:
                keys.append(f"ops:reset:email:{email}")
            over = False
            for key in keys:
                cache.add(key, 0, window)
                try:
                    count = cache.incr(key)
                except ValueError:
                    cache.set(key, 1, window)
                    count = 1
                over = over or count > limit
            if over:
                return render(request, "ops/throttled.html", status=429)
        return self.get_response(request)

    @staticmethod
    def _sends_mail(request: HttpRequest) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        if match.view_name == "customer:login":  # Oscar's sign-in page has a sign-up form too
            return "registration_submit" in request.POST
        return match.url_name in THROTTLED_URL_NAMES or match.view_name in THROTTLED_VIEW_NAMES


# Admin areas built on third-party templates with inline scripts: no nonce, inline allowed.
_ADMIN_PATH = re.compile(r"^/(cms|django-admin)/|^/[a-z]{2}(-[a-z]+)?/shop/dashboard/")


def is_admin_path(path: str) -> bool:
    """Wagtail admin, Django admin and Oscar's dashboard."""
    return bool(_ADMIN_PATH.match(path))


class MuntijCSPMiddleware(CSPMiddleware):
    """django-csp with a second policy for the admin areas (see docs/security.md)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if is_admin_path(request.path_info):
            admin = getattr(settings, "CSP_ADMIN_REPLACE", {})
            parts.replace = {**admin, **(parts.replace or {})}
            parts.nonce = None
        return parts


class TwoFactorRequiredMiddleware:
    """Staff with verification rights reach the admin areas only after a TOTP check."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from shop.ops.twofactor import two_factor_required

        user = getattr(request, "user", None)
        if (
            settings.TWO_FACTOR_REQUIRED
            and user is not None
            and user.is_authenticated
            and is_admin_path(request.path_info)
            and two_factor_required(user)
            and not user.is_verified()
        ):
            from django_otp import user_has_device

            target = "ops:2fa-verify" if user_has_device(user) else "ops:2fa-setup"
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{_reverse(target)}?{query}")
        return self.get_response(request)


def _reverse(name: str) -> str:
    from django.urls import reverse

    return reverse(name)
