"""/healthz and /readyz: cheap JSON probes; /readyz says 503 while a dependency is down."""

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
REDIS_CLOSED = "redis://127.0.0.1:1/0"  # nothing listens on port 1
REDIS_OPEN = "redis://127.0.0.1:6379/7"


def _answers(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), 1).close()
    except OSError:
        return False
    return True


def redis_cache(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def test_healthz_answers_json_without_a_session_or_a_known_host(client):
    # No django_db mark: any database query here would raise.
    response = client.get("/healthz", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "Set-Cookie" not in response.headers


@pytest.mark.django_db
def test_readyz_is_ok_when_everything_answers(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "tasks": "ok"},
    }


@pytest.mark.django_db
def test_readyz_fails_while_redis_is_down_and_recovers(client):
    with override_settings(CACHES=redis_cache(REDIS_CLOSED)):
        response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"] == "ConnectionError"
    assert body["checks"]["database"] == "ok"
    if not _answers("127.0.0.1", 6379):
        pytest.skip("no Redis on 127.0.0.1:6379 to recover to")
    with override_settings(CACHES=redis_cache(REDIS_OPEN)):
        assert client.get("/readyz").status_code == 200


DB_DOWN_SCRIPT = textwrap.dedent(
    """
    import json, sys
    import django
    django.setup()
    from django.db import connection
    from django.test import Client

    good = dict(connection.settings_dict)
    broken = json.loads(sys.argv[1])
    client = Client()
    out = []
    for settings_dict in (good, {**good, **broken}, good):
        connection.close()
        connection.settings_dict.update(settings_dict)
        response = client.get("/readyz")
        out.append([response.status_code, response.json()["checks"]["database"]])
    print(json.dumps(out))
    """
)


def _db_down_round_trip(database_url: str, broken: dict) -> list:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "shop.settings.test"}
    env["DATABASE_URL"] = database_url
    result = subprocess.run(
        [sys.executable, "-c", DB_DOWN_SCRIPT, json.dumps(broken)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_readyz_fails_while_the_sqlite_database_is_unreachable_and_recovers(tmp_path):
    url = f"sqlite:///{tmp_path / 'ready.sqlite3'}"
    up, down, back = _db_down_round_trip(url, {"NAME": "/nonexistent-dir/db.sqlite3"})
    assert up == [200, "ok"]
    assert down == [503, "OperationalError"]
    assert back == [200, "ok"]


@pytest.mark.skipif(
    not _answers("127.0.0.1", 5432), reason="PostgreSQL on 127.0.0.1:5432 is not running"
)
def test_readyz_fails_while_postgresql_is_down_and_recovers():
    url = "postgres://postgres@127.0.0.1:5432/postgres"
    up, down, back = _db_down_round_trip(url, {"PORT": 1})
    assert up == [200, "ok"]
    assert down == [503, "OperationalError"]
    assert back == [200, "ok"]


def rq_settings(url: str) -> dict:
    return {
        "TASKS": {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
        "RQ_QUEUES": {"default": {"URL": url, "SOCKET_CONNECT_TIMEOUT": 1}},
    }


@pytest.mark.django_db
def test_readyz_fails_while_the_rq_queue_is_down_and_recovers(client):
    with override_settings(**rq_settings(REDIS_CLOSED)):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["tasks"] == "ConnectionError"
    if not _answers("127.0.0.1", 6379):
        pytest.skip("no Redis on 127.0.0.1:6379 to recover to")
    with override_settings(**rq_settings(REDIS_OPEN)):
        response = client.get("/readyz")
    assert response.json()["checks"]["tasks"] == "ok"
