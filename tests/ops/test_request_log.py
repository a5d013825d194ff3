"""Structured request logs: one JSON line per request with id, user, status and duration."""

import json
import logging
import sys

import pytest

from shop.ops.logging import JsonFormatter
from tests.factories import UserFactory


@pytest.fixture
def request_records(caplog):
    caplog.set_level(logging.INFO, logger="muntij.request")
    return lambda: [r for r in caplog.records if r.name == "muntij.request"]


@pytest.mark.django_db
def test_each_request_logs_one_json_line_with_its_id(client, request_records):
    user = UserFactory()
    client.force_login(user)
    response = client.get("/en/shop/basket/", HTTP_X_REQUEST_ID="edge-1234abcd")
    assert response["X-Request-ID"] == "edge-1234abcd"
    (record,) = request_records()
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "edge-1234abcd"
    assert line["user_id"] == user.pk
    assert line["status"] == 200
    assert line["method"] == "GET"
    assert line["path"] == "/en/shop/basket/"
    assert isinstance(line["duration_ms"], float)
    assert line["level"] == "INFO"


@pytest.mark.django_db
def test_a_forged_request_id_is_replaced(client, request_records):
    response = client.get("/en/shop/basket/", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert response["X-Request-ID"] != "bad id\nwith newline"
    assert len(response["X-Request-ID"]) == 32


def test_errors_carry_their_stack_trace_as_one_json_line():
    logger = logging.getLogger("tests.ops")
    try:
        raise ValueError("boom")
    except ValueError:
        record = logger.makeRecord(
            "tests.ops", logging.ERROR, __file__, 1, "failed", (), exc_info=sys.exc_info()
        )
    text = JsonFormatter().format(record)
    assert "\n" not in text
    line = json.loads(text)
    assert line["level"] == "ERROR"
    assert "ValueError: boom" in line["exc_info"]
    assert "Traceback" in line["exc_info"]
