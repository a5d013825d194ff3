"""Log-in throttling, no user enumeration, session rotation, CSRF, basket cookie, CSP."""

from importlib import import_module

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.signing import Signer
from django.test import Client
from oscar.core.loading import get_model

from tests.factories import UserFactory

LOGIN = "/en/shop/accounts/login/"
RESET = "/en/shop/password-reset/"
LOCKED = "Too many attempts. Please wait 15 minutes and try again."

Basket = get_model("basket", "Basket")


def login(client: Client, email: str, password: str, ip: str = "203.0.113.5"):
    return client.post(
        LOGIN,
        {"login-username": email, "login-password": password, "login_submit": "1"},
        REMOTE_ADDR=ip,
    )


@pytest.fixture
def customer(db):
    return UserFactory(email="layla@example.com")


def test_ten_failures_on_one_account_lock_it_even_from_new_addresses(client, customer):
    for attempt in range(9):
        response = login(client, customer.email, "wrong", ip=f"198.51.100.{attempt}")
        assert response.status_code == 200  # the form again, with its error
    # The tenth failure locks the account and says so.
    assert login(client, customer.email, "wrong", ip="198.51.100.9").status_code == 429
    response = login(client, "Layla@Example.com", "muntij-test", ip="198.51.100.99")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_ten_failures_from_one_address_lock_that_address(client, customer):
    for n in range(10):
        login(client, f"nobody{n}@example.com", "wrong")
    response = login(client, customer.email, "muntij-test")
    assert response.status_code == 429
    # Another address can still log in to the account.
    other = Client()
    assert login(other, customer.email, "muntij-test", ip="192.0.2.1").status_code == 302


def test_nine_failures_then_success_is_allowed_and_resets_the_count(client, customer):
    for _ in range(9):
        login(client, customer.email, "wrong")
    assert login(client, customer.email, "muntij-test").status_code == 302
    assert not AccessAttempt.objects.filter(username=customer.email, failures_since_start__gt=0)


def test_login_errors_do_not_reveal_whether_an_account_exists(client, customer):
    known = login(client, customer.email, "wrong").context["login_form"].non_field_errors()
    unknown = login(client, "ghost@example.com", "wrong").context["login_form"].non_field_errors()
    assert known == unknown
    assert known  # there is an error message


def test_password_reset_answers_alike_for_known_and_unknown_addresses(client, customer):
    known = client.post(RESET, {"email": customer.email})
    unknown = client.post(RESET, {"email": "ghost@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1  # only the real account gets an e-mail


def test_password_reset_is_throttled_per_address(client, customer):
    for n in range(10):
        response = client.post(RESET, {"email": customer.email}, REMOTE_ADDR=f"10.0.0.{n}")
        assert response.status_code == 302
    response = client.post(RESET, {"email": customer.email}, REMOTE_ADDR="10.0.1.1")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert len(mail.outbox) == 10


def test_session_id_rotates_on_login_and_dies_on_logout(client, customer, settings):
    session = client.session
    session["probe"] = 1
    session.save()
    before = session.session_key
    assert login(client, customer.email, "muntij-test").status_code == 302
    after = client.session.session_key
    assert after != before
    store = import_module(settings.SESSION_ENGINE).SessionStore
    assert not store().exists(before)
    client.get("/en/shop/accounts/logout/")
    assert not store().exists(after)
    # Replaying the old cookie does not bring the user back.
    replay = Client()
    replay.cookies["sessionid"] = after
    assert "_auth_user_id" not in replay.session


def test_posts_without_a_csrf_token_are_refused(customer):
    client = Client(enforce_csrf_checks=True)
    response = login(client, customer.email, "muntij-test")
    assert response.status_code == 403
    client.get(LOGIN)  # gets the CSRF cookie
    token = client.cookies["csrftoken"].value
    ok = client.post(
        LOGIN,
        {"login-username": customer.email, "login-password": "muntij-test", "login_submit": "1",
         "csrfmiddlewaretoken": token},
    )
    assert ok.status_code == 302


@pytest.mark.django_db
def test_a_tampered_basket_cookie_is_ignored(client, settings):
    basket = Basket.objects.create()
    cookie = settings.OSCAR_BASKET_COOKIE_OPEN
    client.cookies[cookie] = Signer().sign(basket.pk)
    assert client.get("/en/shop/basket/").context["basket"].pk == basket.pk
    fresh = Client()
    fresh.cookies[cookie] = f"{basket.pk}:forged-signature"
    response = fresh.get("/en/shop/basket/")
    assert response.context["basket"].pk != basket.pk
    # The forged cookie is deleted.
    assert response.cookies[cookie].value == ""


@pytest.fixture
def enforced_csp(settings):
    settings.CONTENT_SECURITY_POLICY = settings.CSP_POLICY
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = None


@pytest.mark.django_db
@pytest.mark.usefixtures("enforced_csp")
def test_storefront_csp_allows_stripe_and_nonced_scripts_only(client):
    response = client.get("/en/shop/basket/")
    policy = response["Content-Security-Policy"]
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    assert "https://js.stripe.com" in script_src
    assert "'unsafe-inline'" not in script_src
    assert "frame-src 'self' https://js.stripe.com https://hooks.stripe.com" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


@pytest.mark.django_db
@pytest.mark.usefixtures("enforced_csp")
def test_admin_areas_get_the_admin_csp(admin_client):
    response = admin_client.get("/django-admin/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "nonce-" not in policy


def test_staff_log_in_to_wagtail_is_throttled_too(client, db):
    staff = UserFactory(email="admin@khutwa.example", is_staff=True, is_superuser=True)
    for _ in range(9):
        response = client.post("/cms/login/", {"username": staff.email, "password": "wrong"})
        assert response.status_code == 200
    response = client.post("/cms/login/", {"username": staff.email, "password": "wrong"})
    assert response.status_code == 429
    locked = client.post("/cms/login/", {"username": staff.email, "password": "muntij-test"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_outside_production_the_policy_only_reports(client):
    response = client.get("/en/shop/basket/")
    assert "Content-Security-Policy" not in response
    assert "js.stripe.com" in response["Content-Security-Policy-Report-Only"]
