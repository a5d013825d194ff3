"""TOTP two-factor: anyone staff or producer can turn it on; licence verifiers must."""

import re
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import Group, Permission
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

CMS = "/cms/"
DASHBOARD = "/en/shop/dashboard/"
SETUP = "/en/account/2fa/setup/"
VERIFY = "/en/account/2fa/verify/"


@pytest.fixture(autouse=True)
def _required(settings):
    """Production requires two-factor for verifiers (shop/settings/production.py)."""
    settings.TWO_FACTOR_REQUIRED = True


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def verifier(db):
    user = UserFactory(email="verifier@khutwa.example", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
        Permission.objects.get(codename="change_licence", content_type__app_label="partner"),
    )
    return user


@pytest.mark.parametrize("area", [CMS, DASHBOARD])
def test_verifier_without_a_device_is_sent_to_setup_then_gets_in(client, verifier, area):
    client.force_login(verifier)
    response = client.get(area)
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)
    assert unquote(response["Location"]).endswith(f"next={area}")

    page = client.get(response["Location"])
    assert page.status_code == 200
    secret = re.search(r'<code dir="ltr">([A-Z2-7]+)</code>', page.content.decode()).group(1)
    device = TOTPDevice.objects.get(user=verifier, confirmed=False)
    assert secret  # the key is shown for typing into an app
    wrong = client.post(SETUP, {"token": "000000", "next": area})
    assert "That code is not valid" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # a failure makes the next try wait (django-otp throttling)
    done = client.post(SETUP, {"token": code_for(device), "next": area})
    assert done.status_code == 302
    assert done["Location"] == area
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(area).status_code in (200, 302)
    assert not client.get(area).get("Location", "").startswith(SETUP)


def test_verifier_with_a_device_must_enter_a_code_after_each_login(client, verifier):
    device = TOTPDevice.objects.create(user=verifier, name="phone", confirmed=True)
    client.force_login(verifier)
    response = client.get(CMS)
    assert response["Location"].startswith(VERIFY)
    assert client.post(VERIFY, {"token": "123456", "next": CMS}).status_code == 200
    assert client.get(CMS)["Location"].startswith(VERIFY)
    device.refresh_from_db()
    device.throttle_reset()
    ok = client.post(VERIFY, {"token": code_for(device), "next": CMS})
    assert ok["Location"] == CMS
    assert client.get(CMS).status_code == 200


def test_the_verifier_group_also_requires_two_factor(client, db):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.create(name="verifier"))
    client.force_login(user)
    assert client.get(DASHBOARD)["Location"].startswith(SETUP)


def test_staff_without_verification_rights_is_not_forced(client, db):
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    client.force_login(editor)
    assert client.get(CMS).status_code == 200


def test_a_producer_can_turn_it_on(client, db):
    producer_user = UserFactory()
    client.force_login(producer_user)
    assert client.get(SETUP).status_code == 200
    device = TOTPDevice.objects.get(user=producer_user)
    response = client.post(SETUP, {"token": code_for(device), "next": "/en/"})
    assert response["Location"] == "/en/"
    assert TOTPDevice.objects.filter(user=producer_user, confirmed=True).exists()


def test_next_cannot_send_the_user_off_site(client, db):
    user = UserFactory()
    client.force_login(user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(SETUP, {"token": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_the_demo_and_tests_do_not_force_it_unless_configured(client, verifier, settings):
    settings.TWO_FACTOR_REQUIRED = False
    client.force_login(verifier)
    assert client.get(CMS).status_code == 200
