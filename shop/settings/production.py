"""Production: everything from the environment; refuses to start without its secrets.

Required: DJANGO_SECRET_KEY, DATABASE_URL, DJANGO_ALLOWED_HOSTS, REDIS_URL, EMAIL_HOST,
DEFAULT_FROM_EMAIL, and (unless CARD_PAYMENTS=off) STRIPE_PUBLISHABLE_KEY, STRIPE_SECRET_KEY,
STRIPE_WEBHOOK_SECRET. docs/deploy.md lists every variable and its default.
"""


import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS, LOGGING, MIDDLEWARE, TEMPLATES, env, env_bool


def required(name: str) -> str:
    """Return an environment variable or refuse to start, naming it."""
    value = (env(name) or "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"Production settings: the environment variable {name} is required and is not set "
            "(see docs/deploy.md)."
        )
    return value


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated environment variable as a list without blanks."""
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


DEBUG = False
SECRET_KEY = required("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("insecure"):
    raise ImproperlyConfigured(
        "Production settings: DJANGO_SECRET_KEY must be at least 50 random characters."
    )
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")
required("DJANGO_ALLOWED_HOSTS")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS") or [
    f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS if host != "*"
]

# --- Database: PostgreSQL with persistent connections -----------------------
DATABASES = {
    "default": dj_database_url.parse(
        required("DATABASE_URL"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60") or 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Production settings: DATABASE_URL must be a postgres:// URL.")

# --- Redis: cache and sessions ----------------------------------------------
REDIS_URL = required("REDIS_URL")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", "muntij"),
        "TIMEOUT": 300,
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
SESSION_CACHE_ALIAS = "default"

# --- Templates: the cached loader -------------------------------------------
TEMPLATES[0]["APP_DIRS"] = False
TEMPLATES[0]["OPTIONS"]["loaders"] = [
    (
        "django.template.loaders.cached.Loader",
        [
            "django.template.loaders.filesystem.Loader",
            "django.template.loaders.app_directories.Loader",
        ],
    )
]

# --- Static files (WhiteNoise) and media (disk or S3-compatible) ------------
STATIC_ROOT = env("STATIC_ROOT", str(BASE_DIR / "var" / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},  # noqa: F405
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    # Object storage for media on many machines: nothing is kept on a web node's disk.
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL")  # MinIO, Ceph, a regional provider...
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME")
    AWS_ACCESS_KEY_ID = required("AWS_ACCESS_KEY_ID")
    AWS_SECRET_ACCESS_KEY = required("AWS_SECRET_ACCESS_KEY")
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN")
    AWS_DEFAULT_ACL = None
    AWS_S3_FILE_OVERWRITE = False
    AWS_QUERYSTRING_AUTH = False
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    # Licence documents: a separate private bucket, always signed URLs.
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_PRIVATE_BUCKET_NAME", f"{AWS_STORAGE_BUCKET_NAME}-private"),
            "querystring_auth": True,
            "custom_domain": None,
        },
    }

# --- Email over SMTP --------------------------------------------------------
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = required("EMAIL_HOST")
EMAIL_PORT = int(env("EMAIL_PORT", "587") or 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = required("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Operations", a) for a in env_list("DJANGO_ADMINS")]

# --- Stripe: required while card payments are on ----------------------------
CARD_PAYMENTS = env_bool("CARD_PAYMENTS", True)
if CARD_PAYMENTS:
    STRIPE_PUBLISHABLE_KEY = required("STRIPE_PUBLISHABLE_KEY")
    STRIPE_SECRET_KEY = required("STRIPE_SECRET_KEY")
    STRIPE_WEBHOOK_SECRET = required("STRIPE_WEBHOOK_SECRET")
else:
    STRIPE_PUBLISHABLE_KEY = STRIPE_SECRET_KEY = STRIPE_WEBHOOK_SECRET = ""

# --- Background tasks: database by default, RQ on Redis when asked ----------
TASKS_BACKEND = (env("TASKS_BACKEND", "database") or "database").lower()
if TASKS_BACKEND == "database":
    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASKS_BACKEND == "rq":
    INSTALLED_APPS = [*INSTALLED_APPS, "django_rq"]
    RQ_QUEUES = {"default": {"URL": env("RQ_REDIS_URL", REDIS_URL), "DEFAULT_TIMEOUT": 600}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    raise ImproperlyConfigured(
        f"Production settings: TASKS_BACKEND must be 'database' or 'rq', not {TASKS_BACKEND!r}."
    )

# --- Wagtail / search -------------------------------------------------------
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0].lstrip('.')}")
if env("OPENSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": env_list("OPENSEARCH_URL"),
            "INDEX": env("OPENSEARCH_INDEX", "muntij"),
        }
    }

# --- HTTPS behind the proxy: check --deploy clean ---------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", "31536000") or 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
OSCAR_BASKET_COOKIE_SECURE = True
USE_X_FORWARDED_HOST = False
# nginx sets X-Forwarded-For; axes takes the client address from it (one proxy hop).
AXES_IPWARE_PROXY_COUNT = int(env("PROXY_COUNT", "1") or 1)
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# --- Enforced Content Security Policy; two-factor required for verifiers -----
CONTENT_SECURITY_POLICY = CSP_POLICY  # noqa: F405
CONTENT_SECURITY_POLICY_REPORT_ONLY = None
TWO_FACTOR_REQUIRED = True

# --- WhiteNoise right after SecurityMiddleware; JSON logs to stderr ----------
MIDDLEWARE = list(MIDDLEWARE)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", "json")
LOGGING["root"]["level"] = env("LOG_LEVEL", "INFO")
LOGGING["loggers"]["muntij.request"]["level"] = env("REQUEST_LOG_LEVEL", "INFO")
