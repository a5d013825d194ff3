"""Producer journeys through the portal with Django's client: what a producer sees."""

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from catalog.models import Product
from producers.models import Licence
from producers.portal.models import Invitation, Membership
from producers.services import approval_record, licence_request_changes, licence_verify
from tests.factories import UserFactory
from tests.shop.test_images import PDF_WITH_JS, PLAIN_PDF, jpeg_with_gps

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """A request to /ar/ leaves Arabic active in the thread; reverse() would follow it."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "private")}}}


def _pdf(data=PLAIN_PDF):
    return SimpleUploadedFile("licence.pdf", data, content_type="application/pdf")


def _join_form(client, email="noor@example.com", name="Noor's Bakhoor"):
    """Post the sign-up with a shop profile; its e-mail goes out as the request commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("portal:join"), {
            "email": email, "password": "a-long-secret-77", "name": name,
            "area": "Muharraq", "phone": "+97333111222", "story": "Since 2019",
            "photo": SimpleUploadedFile("me.jpg", jpeg_with_gps(), content_type="image/jpeg"),
        })


def _activation_link(message) -> str:
    return re.search(r"/en/shop/accounts/activate/\S+/", message.body).group(0)


def _join(client, email="noor@example.com"):
    """Sign up as a new producer and follow the link in the activation e-mail."""
    _join_form(client, email)
    return client.post(_activation_link(mail.outbox[-1]), {"password": "a-long-secret-77"})


def _apply(client, tayeb, authorities, **extra):
    data = {
        "programme": tayeb.programme.pk, "number": "KH-2026-77", "tier": "home",
        "valid_from": timezone.localdate().isoformat(),
        "valid_until": (timezone.localdate() + timedelta(days=365)).isoformat(),
        "packages": [tayeb.pk], "ref_municipality": "MUN-1", "ref_civil-defence": "CD-9",
        "licence_document": _pdf(), "submit": "1", **extra,
    }
    return client.post(reverse("portal:licence-create"), data)


def _verify(licence, authorities, admin):
    for code in ("municipality", "civil-defence"):
        approval_record(licence=licence, authority=authorities[code], reference=f"{code}-ok")
    return licence_verify(licence=licence, by=admin)


def test_sign_up_apply_get_sent_back_resubmit_and_get_verified(client, tayeb, authorities):
    response = _join_form(client)
    assert response["Location"] == reverse("customer:register-sent")
    membership = Membership.objects.get(user__email="noor@example.com")
    assert membership.role == "owner"
    assert not membership.user.is_active  # until the e-mail link is followed
    photo = Image.open(membership.producer.photo.open("rb"))
    assert dict(photo.getexif()) == {}  # the home's GPS never reaches storage
    response = client.post(_activation_link(mail.outbox[-1]), {"password": "a-long-secret-77"})
    assert response["Location"] == reverse("portal:dashboard")
    assert "Apply with a licence" in client.get(response["Location"]).content.decode()

    response = _apply(client, tayeb, authorities)
    licence = Licence.objects.get(number="KH-2026-77")
    assert response["Location"] == reverse("portal:licence-detail", kwargs={"pk": licence.pk})
    assert licence.status == "submitted"
    assert licence.documents.count() == 1
    assert set(licence.approvals.values_list("reference", flat=True)) == {"MUN-1", "CD-9"}

    admin = UserFactory(email="staff@example.com", is_staff=True)
    licence_request_changes(licence=licence, by=admin, reason="The scan is blurred.")
    page = client.get(reverse("portal:licence-detail", kwargs={"pk": licence.pk}))
    assert "The scan is blurred." in page.content.decode()
    assert "Resubmit" in page.content.decode()

    response = client.post(reverse("portal:licence-edit", kwargs={"pk": licence.pk}), {
        "number": "KH-2026-77", "tier": "home", "valid_from": timezone.localdate().isoformat(),
        "valid_until": (timezone.localdate() + timedelta(days=300)).isoformat(),
        "packages": [tayeb.pk], "licence_document": _pdf(), "submit": "1",
    })
    assert response.status_code == 302
    licence.refresh_from_db()
    assert licence.status == "submitted"
    assert licence.documents.count() == 2

    _verify(licence, authorities, admin)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "Verified" in page


def test_licence_form_errors_are_beside_fields_and_nothing_is_saved(client, tayeb, authorities):
    _join(client)
    response = _apply(client, tayeb, authorities, licence_document=_pdf(PDF_WITH_JS),
                      valid_until=timezone.localdate().isoformat())
    html = response.content.decode()
    assert response.status_code == 200
    assert "contains scripts" in html
    assert "The licence must end after it starts." in html
    assert not Licence.objects.exists()


def test_joining_with_a_taken_address_answers_alike_and_opens_no_shop(client):
    owner = UserFactory(email="layla@example.com")
    new = _join_form(client, "noor@example.com")
    taken = _join_form(client, "Layla@Example.com", name="Someone Else's Shop")
    assert new.status_code == taken.status_code == 302
    assert new["Location"] == taken["Location"] == reverse("customer:register-sent")
    assert not Membership.objects.filter(user=owner).exists()
    assert [m.to for m in mail.outbox] == [["noor@example.com"], ["layla@example.com"]]
    assert "You already have an account" in mail.outbox[1].body
    assert "/en/shop/accounts/login/?next=%2Fen%2Fproducer%2F" in mail.outbox[1].body
    assert "_auth_user_id" not in client.session


def test_join_errors_in_arabic(client):
    response = client.post("/ar/producer/join/", {"email": "not-an-email", "password": "1"})
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()
    assert response.context["form"].errors["email"]


@pytest.fixture
def verified_producer(client, tayeb, authorities):
    _join(client)
    _apply(client, tayeb, authorities)
    licence = Licence.objects.get()
    _verify(licence, authorities, UserFactory(email="staff@example.com", is_staff=True))
    return licence.producer


def _product_data(category, **extra):
    return {"title": "Oud bakhoor", "description": "Hand mixed", "category": category.pk,
            "price": "2.500", "num_in_stock": 5, "lead_time_days": 2, "offers_delivery": "on",
            **extra}


def test_create_a_product_with_a_photo_publish_and_see_it_live(
        client, verified_producer, tayeb, bakhoor):
    response = client.post(reverse("portal:product-create"), _product_data(
        bakhoor, image=SimpleUploadedFile("oud.jpg", jpeg_with_gps()), publish="1"))
    assert response.status_code == 302
    product = Product.objects.get(title="Oud bakhoor")
    assert product.is_public
    assert product.lead_time_days == 2
    assert product.stockrecords.get().price == 2500 / 1000
    stored = Image.open(product.images.get().original.open("rb"))
    assert dict(stored.getexif()) == {}
    page = client.get(response["Location"]).content.decode()
    assert "Customers can see and buy this product." in page
    assert Product.objects.browsable().filter(pk=product.pk).exists()


def test_category_chooser_offers_only_licensed_packages(client, verified_producer, tayeb,
                                                        atayeb, bakhoor):
    form = client.get(reverse("portal:product-create")).context["form"]
    choices = set(form.fields["category"].queryset)
    assert choices == {tayeb.category, bakhoor}
    assert atayeb.category not in choices


@pytest.mark.parametrize(("price", "message"), [
    ("2.505", "Prices in BHD go in steps of 0.01"),
    ("0", "A price must be more than zero."),
    ("abc", "Enter a price as a number"),
])
def test_bad_prices_are_refused_beside_the_field(client, verified_producer, bakhoor, price,
                                                 message):
    response = client.post(reverse("portal:product-create"),
                           _product_data(bakhoor, price=price))
    assert message in " ".join(response.context["form"].errors["price"])
    assert not Product.objects.exists()


def test_bomb_image_is_refused_and_nothing_saved(client, verified_producer, bakhoor):
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, format="PNG")
    response = client.post(reverse("portal:product-create"), _product_data(
        bakhoor, image=SimpleUploadedFile("x.png", out.getvalue())))
    assert "megapixels" in " ".join(response.context["form"].errors["image"])
    assert not Product.objects.exists()


def test_why_not_live_and_vacation_mode(client, verified_producer, bakhoor):
    client.post(reverse("portal:product-create"), _product_data(bakhoor, num_in_stock=0))
    product = Product.objects.get()
    page = client.get(reverse("portal:product-list")).content.decode()
    assert "Not published yet" in page
    assert "Out of stock" in page

    client.post(reverse("portal:product-edit", kwargs={"pk": product.pk}),
                _product_data(bakhoor, num_in_stock=3, publish="1"))
    assert "Not live" not in client.get(reverse("portal:product-list")).content.decode()

    client.post(reverse("portal:vacation"), {"on": "1", "message": "Back after Eid"})
    page = client.get(reverse("portal:product-list")).content.decode()
    assert "The producer is on vacation" in page
    assert not Product.objects.browsable().exists()
    client.post(reverse("portal:vacation"), {"on": "0"})
    assert Product.objects.browsable().exists()


def test_expired_licence_is_explained(client, verified_producer, bakhoor):
    client.post(reverse("portal:product-create"), _product_data(bakhoor, publish="1"))
    Licence.objects.update(valid_until=timezone.now() - timedelta(minutes=1),
                           valid_from=timezone.now() - timedelta(days=30))
    page = client.get(reverse("portal:product-list")).content.decode()
    assert "The producer&#x27;s licence has expired" in page


def test_owner_invites_a_helper_who_joins_the_shop(
        client, verified_producer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:members"), {"email": "sister@example.com",
                                                            "role": "helper"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    (message,) = [m for m in mail.outbox if m.to == ["sister@example.com"]]
    assert invitation.token in message.body
    sister = UserFactory(email="sister@example.com")
    client.force_login(sister)
    client.post(reverse("portal:invitation-accept", kwargs={"token": invitation.token}))
    assert Membership.objects.get(user=sister).role == "helper"
    assert client.get(reverse("portal:product-list")).status_code == 200
    assert client.get(reverse("portal:sales")).status_code == 403


def test_invitation_for_someone_else_is_refused(client, verified_producer):
    client.post(reverse("portal:members"), {"email": "sister@example.com", "role": "helper"})
    invitation = Invitation.objects.get()
    client.force_login(UserFactory(email="stranger@example.com"))
    client.post(reverse("portal:invitation-accept", kwargs={"token": invitation.token}))
    assert not Membership.objects.filter(user__email="stranger@example.com").exists()


def test_a_logged_in_customer_opens_a_shop_without_a_new_account(client):
    customer = UserFactory(email="shopper@example.com")
    client.force_login(customer)
    form = client.get(reverse("portal:join")).context["form"]
    assert "email" not in form.fields
    response = client.post(reverse("portal:join"), {"name": "Shopper's Sweets"})
    assert response.status_code == 302
    assert Membership.objects.get(user=customer).producer.name == "Shopper's Sweets"
    # Opening a second shop is not offered: the portal goes straight to the first.
    assert client.get(reverse("portal:join"))["Location"] == reverse("portal:dashboard")


def test_packages_of_another_programme_are_refused_beside_the_field(client, tayeb,
                                                                    authorities):
    from tests.factories import PackageFactory, ProgrammeFactory

    other = PackageFactory(programme=ProgrammeFactory(code="etimad", name_en="Etimad"),
                           code="crafts", name_en="Crafts")
    _join(client)
    response = _apply(client, tayeb, authorities, packages=[other.pk])
    assert "has no package" in " ".join(response.context["form"].errors["packages"])
    assert not Licence.objects.exists()


def test_product_with_variants_has_a_price_and_stock_per_variant(
        client, verified_producer, bakhoor):
    data = _product_data(bakhoor, price="", num_in_stock="", publish="1",
                         variants="50 ml | 4.500 | 3\n100 ml | 8.000 | 0\n")
    response = client.post(reverse("portal:product-create"), data)
    assert response.status_code == 302
    parent = Product.objects.get(title="Oud bakhoor")
    assert parent.is_parent
    assert not parent.stockrecords.exists()
    prices = {c.title: (c.stockrecords.get().price, c.stockrecords.get().num_in_stock)
              for c in parent.children.all()}
    assert prices == {"50 ml": (Decimal("4.500"), 3), "100 ml": (Decimal("8.000"), 0)}
    assert Product.objects.browsable().filter(pk=parent.pk).exists()
    page = client.get(reverse("portal:product-list")).content.decode()
    assert "2 variants" in page
    # A variant's own id is not a portal listing.
    child = parent.children.first()
    assert client.get(reverse("portal:product-edit", kwargs={"pk": child.pk})).status_code == 404

    edit = client.get(response["Location"])
    assert "50 ml | 4.500 | 3" in edit.context["form"].initial["variants"]
    client.post(response["Location"], _product_data(
        bakhoor, price="", num_in_stock="", variants="50 ml | 5.000 | 2"))
    assert [(c.title, c.stockrecords.get().price) for c in parent.children.all()] == [
        ("50 ml", Decimal("5.000"))]


@pytest.mark.parametrize(("variants", "message"), [
    ("50 ml | 4.505 | 3", "Line 1: Prices in BHD go in steps of 0.01"),
    ("50 ml | 4.500", "Line 1: write name | price | stock."),
    ("50 ml | 4.500 | 3\n50 ml | 5.000 | 1", "Each variant needs a different name."),
    ("50 ml | 4.500 | many", "Line 1: stock must be a whole number."),
])
def test_bad_variants_are_refused_beside_the_field(client, verified_producer, bakhoor,
                                                   variants, message):
    response = client.post(reverse("portal:product-create"), _product_data(
        bakhoor, price="", num_in_stock="", variants=variants))
    assert message in " ".join(response.context["form"].errors["variants"])
    assert not Product.objects.exists()


def test_price_is_required_without_variants(client, verified_producer, bakhoor):
    response = client.post(reverse("portal:product-create"),
                           _product_data(bakhoor, price="", num_in_stock=""))
    errors = response.context["form"].errors
    assert errors["price"] == ["This field is required."]
    assert errors["num_in_stock"] == ["This field is required."]
