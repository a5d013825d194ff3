"""Sign-up never says whether an address has an account; accounts open from the e-mail link."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone, translation

from tests.factories import UserFactory

User = get_user_model()

pytestmark = pytest.mark.django_db

LOGIN = "/en/shop/accounts/login/"
REGISTER = "/en/shop/accounts/register/"
SENT = "/en/shop/accounts/register/check-inbox/"
PASSWORD = "a-long-secret-77"
LINK = re.compile(r"http://\S+/shop/accounts/activate/\S+/")


@pytest.fixture
def owner(db):
    return UserFactory(email="layla@example.com", preferred_language="fa")


def sign_up(client, email, password=PASSWORD, confirm=None, *, via=REGISTER, ip="203.0.113.9",
            **extra):
    """Post the sign-up form, the stand-alone one or the half of the sign-in page."""
    prefix = "registration-" if "/accounts/login/" in via else ""
    data = {f"{prefix}email": email, f"{prefix}password1": password,
            f"{prefix}password2": password if confirm is None else confirm,
            "registration_submit": "1", **extra}
    return client.post(via, data, REMOTE_ADDR=ip)


def log_in(client, email, password, ip="203.0.113.5"):
    return client.post(LOGIN, {"login-username": email, "login-password": password,
                               "login_submit": "1"}, REMOTE_ADDR=ip)


def page_text(response) -> str:
    """The page as a reader sees it: without the per-response CSP nonce."""
    return re.sub(r'nonce="[^"]*"', "", response.content.decode())


def link_in(message) -> str:
    return LINK.search(message.body).group(0).removeprefix("http://127.0.0.1:8000")


@pytest.mark.parametrize("via", [REGISTER, LOGIN])
def test_sign_up_answers_alike_for_a_new_and_a_taken_address(
        client, owner, via, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        new = sign_up(client, "noor@example.com", via=via)
    new_page = client.get(new["Location"])
    with django_capture_on_commit_callbacks(execute=True):
        taken = sign_up(client, "LAYLA@example.com", via=via)
    taken_page = client.get(taken["Location"])

    assert new.status_code == taken.status_code == 302
    assert new["Location"] == taken["Location"] == SENT
    assert new_page.status_code == taken_page.status_code == 200
    assert "Check your inbox" in new_page.content.decode()
    assert page_text(new_page).replace("noor@", "X@") == page_text(taken_page).replace(
        "layla@", "X@")
    # Each address got exactly one message; neither visitor was logged in.
    assert sorted(m.to[0] for m in mail.outbox) == ["layla@example.com", "noor@example.com"]
    assert "_auth_user_id" not in client.session


def test_a_new_address_gets_an_inactive_account_and_a_link_that_works_once(
        client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "Noor@Example.com")
    user = User.objects.get(email__iexact="noor@example.com")
    assert not user.is_active
    assert log_in(client, "noor@example.com", PASSWORD).status_code == 200  # not yet

    (message,) = mail.outbox
    assert message.to == ["noor@example.com"]
    assert message.subject == "Muntij: confirm your e-mail address"
    link = link_in(message)
    assert link.startswith("/en/shop/accounts/activate/")
    # Opening the link only asks (mail scanners follow links); the button activates.
    assert "Confirm and sign in" in client.get(link).content.decode()
    assert not User.objects.get(pk=user.pk).is_active

    wrong = client.post(link, {"password": "not-what-i-chose"})
    assert "This is not the password you chose" in wrong.content.decode()
    assert not User.objects.get(pk=user.pk).is_active
    response = client.post(link, {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/en/shop/accounts/"
    assert int(client.session["_auth_user_id"]) == user.pk
    assert User.objects.get(pk=user.pk).is_active

    client.logout()
    again = client.post(link, {"password": PASSWORD})
    assert again.status_code == 200
    assert "This activation link is not valid" in again.content.decode()
    assert "_auth_user_id" not in client.session
    assert log_in(client, "noor@example.com", PASSWORD).status_code == 302


def test_activation_takes_the_person_where_they_were_going(
        client, django_capture_on_commit_callbacks):
    form = client.get(f"{LOGIN}?next=/en/shop/basket/").context["registration_form"]
    assert form["redirect_url"].value() == "/en/shop/basket/"  # the page carries it along
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "noor@example.com", via=f"{LOGIN}?next=/en/shop/basket/",
                **{"registration-redirect_url": "/en/shop/basket/"})
    response = client.post(link_in(mail.outbox[0]), {"password": PASSWORD})
    assert response["Location"] == "/en/shop/basket/"


def test_an_expired_link_is_refused_with_a_way_to_get_a_new_one(
        client, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "noor@example.com")
    link = link_in(mail.outbox[0])
    later = timezone.now() + timedelta(days=settings.SHOP_ACTIVATION_DAYS, minutes=1)
    with time_machine.travel(later):
        page = client.get(link)
        response = client.post(link, {"password": PASSWORD})
    for each in (page, response):
        assert "This activation link has expired." in each.content.decode()
        assert 'href="/en/shop/accounts/register/"' in each.content.decode()
    assert not User.objects.get(email="noor@example.com").is_active
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("tamper", [
    lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # the signature
    lambda token: "x" + token,  # the payload
    lambda token: token.split(":")[0],  # half a link
])
def test_a_tampered_link_is_refused(client, tamper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "noor@example.com")
    token = link_in(mail.outbox[0]).split("/")[-2]
    response = client.post(f"/en/shop/accounts/activate/{tamper(token)}/")
    assert response.status_code == 200
    assert "This activation link is not valid" in response.content.decode()
    assert not User.objects.get(email="noor@example.com").is_active


def test_signing_up_again_while_pending_sends_a_new_link_and_the_old_one_dies(
        client, django_capture_on_commit_callbacks):
    for password in ("first-secret-11", "second-secret-22"):
        with django_capture_on_commit_callbacks(execute=True):
            sign_up(client, "noor@example.com", password=password)
    first, second = (link_in(m) for m in mail.outbox)
    assert User.objects.filter(email="noor@example.com").count() == 1
    assert "not valid" in client.post(first, {"password": "first-secret-11"}).content.decode()
    assert client.post(second, {"password": "second-secret-22"}).status_code == 302
    client.logout()
    assert log_in(client, "noor@example.com", "first-secret-11").status_code == 200
    assert log_in(client, "noor@example.com", "second-secret-22").status_code == 302


def test_the_owner_of_a_taken_address_is_told_in_their_language_and_nothing_changes(
        client, owner, django_capture_on_commit_callbacks):
    before = User.objects.values().get(pk=owner.pk)
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "LAYLA@example.com", password="attacker-secret-99")
    assert User.objects.values().get(pk=owner.pk) == before
    assert User.objects.filter(email__iexact="layla@example.com").count() == 1

    (message,) = mail.outbox
    assert message.to == ["layla@example.com"]
    with translation.override("fa"):
        assert message.subject == translation.gettext(
            "Muntij: someone tried to sign up with your e-mail address")
    assert message.subject != "Muntij: someone tried to sign up with your e-mail address"
    assert "http://127.0.0.1:8000/fa/shop/accounts/login/" in message.body
    assert "http://127.0.0.1:8000/fa/shop/password-reset/" in message.body
    assert "activate" not in message.body
    assert log_in(client, owner.email, "attacker-secret-99").status_code == 200
    assert log_in(client, owner.email, "muntij-test").status_code == 302


def test_an_account_staff_switched_off_stays_off(client, django_capture_on_commit_callbacks):
    banned = UserFactory(email="banned@example.com", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, "banned@example.com")
    assert response["Location"] == SENT
    assert mail.outbox == []
    banned.refresh_from_db()
    assert not banned.is_active
    assert banned.check_password("muntij-test")


def test_an_unconfirmed_account_cannot_sign_in_and_hears_what_a_wrong_password_hears(
        client, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "noor@example.com")
    pending = log_in(client, "noor@example.com", PASSWORD)
    wrong = log_in(client, owner.email, "wrong")
    assert pending.status_code == wrong.status_code == 200
    assert (pending.context["login_form"].non_field_errors()
            == wrong.context["login_form"].non_field_errors())
    assert "_auth_user_id" not in client.session
    assert not client.login(email="noor@example.com", password=PASSWORD)


@pytest.mark.parametrize("language", ["ar", "fa"])
@pytest.mark.parametrize(("field", "email", "password", "confirm", "message"), [
    ("password2", "noor@example.com", PASSWORD, "another-secret-88",
     "The two password fields didn't match."),
    ("password2", "noor@example.com", "12345678", None, "This password is entirely numeric."),
    ("email", "noor@example", PASSWORD, None, "Enter a valid email address."),
])
def test_bad_input_is_explained_in_the_visitors_language_and_keeps_the_address(
        client, db, language, field, email, password, confirm, message):
    response = sign_up(client, email, password, confirm,
                       via=f"/{language}/shop/accounts/register/")
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override(language):
        translated = translation.gettext(message)
    assert translated != message
    assert translated in response.context["form"].errors[field]
    assert translated.replace("'", "&#x27;") in html
    assert f'value="{email}"' in html
    assert 'dir="rtl"' in html
    assert not User.objects.exists()
    assert mail.outbox == []


def test_the_activation_mail_is_in_the_language_of_the_sign_up(
        client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "noor@example.com", via="/ar/shop/accounts/register/")
    (message,) = mail.outbox
    with translation.override("ar"):
        assert message.subject == translation.gettext("Muntij: confirm your e-mail address")
    assert "/ar/shop/accounts/activate/" in message.body
    assert User.objects.get(email="noor@example.com").preferred_language == "ar"


def test_sign_ups_for_one_address_are_throttled(client, db, django_capture_on_commit_callbacks):
    for n in range(10):
        with django_capture_on_commit_callbacks(execute=True):
            assert sign_up(client, "noor@example.com", ip=f"10.0.0.{n}").status_code == 302
    response = sign_up(client, "noor@example.com", ip="10.0.1.1")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert len(mail.outbox) == 10


def test_a_link_superseded_before_its_mail_goes_out_is_never_sent(
        client, django_capture_on_commit_callbacks):
    # Both sign-ups commit before the queue sends anything (a slow worker): only the newer
    # link, the one matching the account's password now, is mailed.
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "noor@example.com", password="first-secret-11")
        sign_up(client, "noor@example.com", password="second-secret-22")
    (message,) = mail.outbox
    assert client.post(link_in(message), {"password": "second-secret-22"}).status_code == 302
    client.logout()
    assert log_in(client, "noor@example.com", "second-secret-22").status_code == 302


def test_an_unconfirmed_account_gets_no_password_reset_mail(
        client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "noor@example.com")
    mail.outbox.clear()
    response = client.post("/en/shop/password-reset/", {"email": "noor@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []  # signing up again is how a pending account gets a new link


def test_whoever_signs_up_with_someone_elses_address_cannot_hold_their_password(
        client, django_capture_on_commit_callbacks):
    # Someone signs up with Noor's address and a password of their own; Noor, who never
    # signed up, follows the link in her inbox. Without that password the link opens nothing.
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(Client(), "noor@example.com", password="intruder-secret-99")
    link = link_in(mail.outbox[0])
    refused = client.post(link, {"password": "what-noor-would-try"})
    assert refused.status_code == 200
    assert "sign up again with this address to choose a new one" in refused.content.decode()
    assert not User.objects.get(email="noor@example.com").is_active
    assert "_auth_user_id" not in client.session
    # Noor signs up herself: her password replaces the intruder's and only her link works.
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "noor@example.com", password="noors-own-secret-1")
    assert client.post(link, {"password": "intruder-secret-99"}).status_code == 200
    assert client.post(link_in(mail.outbox[-1]),
                       {"password": "noors-own-secret-1"}).status_code == 302
