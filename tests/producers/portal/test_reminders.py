"""Licence renewal reminders at 30 and 7 days: each sent once, however often the job runs."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from producers.portal.reminders import reminders_queue
from tests.factories import LicenceFactory, ProducerFactory, UserFactory

pytestmark = pytest.mark.django_db


def _licence(days_left, **kwargs):
    producer = ProducerFactory()
    producer.users.add(UserFactory())
    return LicenceFactory(producer=producer, verified=True,
                          valid_until=timezone.now() + timedelta(days=days_left), **kwargs)


def test_reminders_are_sent_once_per_threshold(tayeb, django_capture_on_commit_callbacks):
    in_25 = _licence(25, covering=[tayeb])
    in_5 = _licence(5, covering=[tayeb])
    _licence(90, covering=[tayeb])
    LicenceFactory(valid_until=timezone.now() + timedelta(days=3))  # not verified: no reminder
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_queue(at=now) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [in_25.producer.users.get().email, in_5.producer.users.get().email])
    assert any("in 7 days" in m.subject for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_queue(at=now) == 0  # idempotent
    # 20 days later the first licence enters its 7-day window: one more e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_queue(at=now + timedelta(days=20)) == 1
    assert len(mail.outbox) == 3


def test_command_runs(tayeb, capsys):
    _licence(10, covering=[tayeb])
    call_command("send_licence_reminders")
    assert "1 reminder(s) queued" in capsys.readouterr().out
