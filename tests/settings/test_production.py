"""Production settings: refuse to start without each secret; check --deploy is clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "shop.settings.production",
    "DJANGO_SECRET_KEY": "test-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP",
    "DATABASE_URL": "postgres://muntij@127.0.0.1:5432/muntij",
    "DJANGO_ALLOWED_HOSTS": "shop.example.bh",
    "REDIS_URL": "redis://127.0.0.1:6379/7",
    "EMAIL_HOST": "smtp.example.bh",
    "DEFAULT_FROM_EMAIL": "Muntij <no-reply@shop.example.bh>",
    "STRIPE_PUBLISHABLE_KEY": "pk_test_x",
    "STRIPE_SECRET_KEY": "sk_test_x",
    "STRIPE_WEBHOOK_SECRET": "whsec_x",
}
REQUIRED = [name for name in PRODUCTION_ENV if name != "DJANGO_SETTINGS_MODULE"]

PRINT_SETTINGS = (
    "from django.conf import settings; "
    "print(settings.DEBUG, settings.TASKS['default']['BACKEND'], settings.SESSION_ENGINE, "
    "settings.CACHES['default']['BACKEND'], settings.STORAGES['staticfiles']['BACKEND'], "
    "settings.STORAGES['default']['BACKEND'], settings.DATABASES['default']['CONN_MAX_AGE'])"
)


def run(code: list[str], **overrides: str | None) -> subprocess.CompletedProcess:
    """Run a command in a clean environment holding PRODUCTION_ENV plus the overrides."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "STRIPE_"))}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(PRODUCTION_ENV)
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(
        code, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def python(script: str, **overrides: str | None) -> subprocess.CompletedProcess:
    return run([sys.executable, "-c", script], **overrides)


def test_complete_environment_starts_with_production_backends():
    result = python(PRINT_SETTINGS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "django_tasks_db.DatabaseBackend",
        "django.contrib.sessions.backends.cache",
        "django.core.cache.backends.redis.RedisCache",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "django.core.files.storage.FileSystemStorage",
        "60",
    ]


@pytest.mark.parametrize("name", REQUIRED)
def test_refuses_to_start_naming_the_missing_variable(name):
    result = python(PRINT_SETTINGS, **{name: None})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"environment variable {name} is required" in result.stderr


@pytest.mark.parametrize("name", ["DJANGO_SECRET_KEY", "REDIS_URL", "EMAIL_HOST"])
def test_blank_value_counts_as_missing(name):
    result = python(PRINT_SETTINGS, **{name: "  "})
    assert result.returncode != 0
    assert name in result.stderr


def test_short_or_placeholder_secret_key_is_refused():
    result = python(PRINT_SETTINGS, DJANGO_SECRET_KEY="insecure-dev-key-change-me")
    assert result.returncode != 0
    assert "at least 50 random characters" in result.stderr


def test_sqlite_database_is_refused():
    result = python(PRINT_SETTINGS, DATABASE_URL="sqlite:////tmp/x.sqlite3")
    assert result.returncode != 0
    assert "postgres://" in result.stderr


def test_cash_only_deployment_needs_no_stripe_keys():
    result = python(
        PRINT_SETTINGS,
        CARD_PAYMENTS="off",
        STRIPE_PUBLISHABLE_KEY=None,
        STRIPE_SECRET_KEY=None,
        STRIPE_WEBHOOK_SECRET=None,
    )
    assert result.returncode == 0, result.stderr


def test_rq_task_backend_on_request_and_unknown_backend_refused():
    rq = python(PRINT_SETTINGS, TASKS_BACKEND="rq")
    assert rq.returncode == 0, rq.stderr
    assert "django_tasks_rq.RQBackend" in rq.stdout
    bad = python(PRINT_SETTINGS, TASKS_BACKEND="celery")
    assert bad.returncode != 0
    assert "TASKS_BACKEND" in bad.stderr


def test_object_storage_when_a_bucket_is_configured():
    result = python(
        PRINT_SETTINGS,
        AWS_STORAGE_BUCKET_NAME="muntij-media",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY="secret",
    )
    assert result.returncode == 0, result.stderr
    assert "storages.backends.s3.S3Storage" in result.stdout
    missing = python(PRINT_SETTINGS, AWS_STORAGE_BUCKET_NAME="muntij-media")
    assert "AWS_ACCESS_KEY_ID" in missing.stderr


def test_check_deploy_is_clean_at_warning_level():
    result = run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_security_headers_and_cookie_flags():
    script = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000, "
        "s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, "
        "s.SESSION_COOKIE_SAMESITE, s.X_FRAME_OPTIONS, s.SECURE_CONTENT_TYPE_NOSNIFF, "
        "s.SECURE_PROXY_SSL_HEADER[0], s.OSCAR_BASKET_COOKIE_SECURE, "
        "s.CONTENT_SECURITY_POLICY is s.CSP_POLICY, s.CONTENT_SECURITY_POLICY_REPORT_ONLY, "
        "s.TWO_FACTOR_REQUIRED)"
    )
    result = python(script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True", "True", "True", "True", "True", "Lax", "DENY", "True",
        "HTTP_X_FORWARDED_PROTO", "True", "True", "None", "True",
    ]
