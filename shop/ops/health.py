"""Readiness probes: database, cache and task queue, each answering ok or an error class."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connections

logger = logging.getLogger("muntij.health")


def database_check() -> None:
    """Run SELECT 1 on the default database."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")


def cache_check() -> None:
    """Write and read a key in the default cache."""
    cache.set("ops:readyz", "1", 10)
    if cache.get("ops:readyz") != "1":
        raise RuntimeError("cache did not return the value just written")


def tasks_check() -> None:
    """Reach the task queue of the configured django-tasks backend."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend.startswith("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.exists()
    elif backend.startswith("django_tasks_rq"):
        import django_rq

        django_rq.get_connection("default").ping()
    # The immediate and dummy backends run in-process: nothing to reach.


CHECKS = {"database": database_check, "cache": cache_check, "tasks": tasks_check}


def readiness_selector() -> tuple[bool, dict[str, str]]:
    """Run every check; return (all ok, {name: "ok" or the error's class name})."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # noqa: BLE001  (any failure means "not ready")
            logger.warning("readiness check %s failed: %r", name, exc)
            if name == "database":
                connections["default"].close_if_unusable_or_obsolete()
            results[name] = type(exc).__name__
        else:
            results[name] = "ok"
    return all(v == "ok" for v in results.values()), results
