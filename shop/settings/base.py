"""Settings shared by every environment; values come from the environment."""

import base64
import hashlib
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's settings are meant to be star-imported)

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    """Read one setting from the environment."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no setting from the environment."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = env("DJANGO_SECRET_KEY", "insecure-dev-key-change-me")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = [
    h for h in (env("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost") or "").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    # Operations and security (issue 7)
    "shop.ops.apps.OpsConfig",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Muntij's own apps and forks (a fork keeps Oscar's label)
    "shop.users.apps.UsersConfig",
    "shop.pages.apps.PagesConfig",
    "shop.storefront.apps.StorefrontConfig",
    "catalog.apps.CatalogueConfig",
    "producers.apps.PartnerConfig",
    "shop.order.apps.OrderConfig",
    "producers.portal.apps.PortalConfig",
    "shop.payments.apps.PaymentsConfig",
    # Oscar
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "oscar.apps.shipping.apps.ShippingConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "oscar.apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",  # kept only because Oscar imports it; browsing never uses it
    "treebeard",
    "django_tables2",
    "sorl.thumbnail",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
]

MIDDLEWARE = [
    "shop.ops.middleware.HealthCheckMiddleware",
    "shop.ops.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "shop.ops.middleware.MuntijCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "shop.ops.middleware.TwoFactorRequiredMiddleware",
    "shop.ops.middleware.MailingThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.media",
                "django.template.context_processors.static",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0") or 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several requests (runserver threads, tasks) write at once in the demo.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    "shop.ops.auth.ThrottlingBackend",  # django-axes lockout check, first
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "customer:login"
LOGIN_REDIRECT_URL = "customer:summary"

# Languages: English, Arabic, Persian; direction comes from Django's LANGUAGE_BIDI.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ar", _("Arabic")), ("fa", _("Persian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("DJANGO_TIME_ZONE", "Asia/Bahrain")

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Licence documents never get a public URL: they are served by a permission-checked view.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "shop.storage.PrivateStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SITE_ID = 1

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
        }
    }

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Muntij <no-reply@muntij.example>")

# Background work: Django's task API. Immediate in the demo and tests.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Muntij -----------------------------------------------------------------
SHOP_CURRENCY = env("SHOP_CURRENCY", "BHD")
# Programme commission on each producer's part of an order (reduced for beneficiaries).
SHOP_COMMISSION_PERCENT = env("SHOP_COMMISSION_PERCENT", "5")
# A card order not paid within this many minutes expires and releases its stock.
SHOP_UNPAID_ORDER_MINUTES = int(env("SHOP_UNPAID_ORDER_MINUTES", "30") or 30)
# Card payment shows only when both Stripe keys are set; cash on delivery always works.
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", "")
# Absolute links in receipts and e-mails (the licence check QR code).
SHOP_BASE_URL = (env("SHOP_BASE_URL", "http://127.0.0.1:8000") or "").rstrip("/")
# A sign-up's activation link works this many days (then the person registers again).
SHOP_ACTIVATION_DAYS = int(env("SHOP_ACTIVATION_DAYS", "3") or 3)

# --- Oscar ------------------------------------------------------------------
OSCAR_SHOP_NAME = "Muntij"
OSCAR_SHOP_TAGLINE = _("Licensed home producers")
OSCAR_DEFAULT_CURRENCY = SHOP_CURRENCY
OSCAR_HOMEPAGE = "/"
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_IMAGE_FOLDER = "images/products/%Y/%m/"
OSCAR_INITIAL_ORDER_STATUS = "pending_payment"
OSCAR_INITIAL_LINE_STATUS = "new"
# Order-level states (each producer's part has its own status on ProducerFulfilment).
OSCAR_ORDER_STATUS_PIPELINE = {
    "pending_payment": ("paid", "expired", "cancelled"),
    "paid": ("completed", "cancelled"),
    "cash_on_delivery": ("completed", "cancelled"),
    "expired": (),
    "cancelled": (),
    "completed": (),
}
# Reviews: signed-in customers only, shown after moderation.
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "Muntij"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Every CMS image upload is sanitised like the shop's (metadata stripped, size capped).
WAGTAILIMAGES_IMAGE_FORM_BASE = "shop.image_forms.SanitisingImageForm"
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Logging: JSON lines to stderr (request id on every record) -------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "shop.ops.logging.JsonFormatter"},
        "plain": {"format": "%(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": env("LOG_FORMAT", "plain")},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {
        "muntij.request": {"level": env("REQUEST_LOG_LEVEL", "WARNING")},
        "django.server": {"level": "WARNING"},  # runserver's own access log
    },
}

# --- Security (issue 7; docs/security.md) -----------------------------------
# Login throttling: 10 failures per account or per IP address, then 15 minutes' lockout.
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "shop.ops.auth.throttle_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "ops/throttled.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["password", "login-password"]

OTP_TOTP_ISSUER = "Muntij"
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # staff e-mail hashes stay here (and img-src stays 'self')

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp 4): nonce-based scripts on the storefront and portal,
# Stripe's script, frames and API for checkout. The admin areas (Wagtail, Django admin,
# Oscar dashboard) ship inline scripts, so they get CSP_ADMIN_REPLACE (no nonce).
_CSP_MEDIA = [env("AWS_S3_CUSTOM_DOMAIN")] if env("AWS_S3_CUSTOM_DOMAIN") else []
# Oscar's stock mini-basket has one inline handler per language; allow exactly those
# ('unsafe-hashes' + their hashes), nothing else. Drop once the storefront replaces it.
_CSP_HANDLER_HASHES = [
    "'sha256-{}'".format(
        base64.b64encode(
            hashlib.sha256(f"window.location.href='/{code}/shop/basket/';".encode()).digest()
        ).decode()
    )
    for code, _name in LANGUAGES
]
CSP_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE, "https://js.stripe.com", "'report-sample'"],
        "script-src-attr": ["'unsafe-hashes'", *_CSP_HANDLER_HASHES, "'report-sample'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https://*.stripe.com", *_CSP_MEDIA],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'", "https://api.stripe.com"],
        "frame-src": ["'self'", "https://js.stripe.com", "https://hooks.stripe.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
CSP_ADMIN_REPLACE = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "script-src-attr": ["'unsafe-inline'"],
    "frame-ancestors": ["'self'"],  # Wagtail's page preview frames its own pages
    "frame-src": ["'self'"],
}
# Production enforces the policy; the demo and tests only report violations (the browser
# tests fail on any report), so work in progress is never silently broken by it.
if env_bool("CSP_ENFORCE", False):
    CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_REPORT_ONLY = CSP_POLICY, None
else:
    CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_REPORT_ONLY = None, CSP_POLICY

# Two-factor for staff with verification rights (partner.change_licence or the "verifier"
# group): always in production; off in the demo and tests unless asked for.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)
