"""The demo-data command: every licence state, enough products, idempotent, log-ins printed."""

from datetime import timedelta
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone, translation
from wagtail.models import Page

from catalog.models import Product, ProductImage
from producers.models import Licence, Partner, ProgrammePackage
from producers.rules import Reason, product_purchasability
from shop.users.services import user_register

Status = Licence.Status
LOG_INS = ["admin@muntij.example", "producer@muntij.example", "customer@muntij.example"]


def _counts() -> dict[str, int]:
    return {
        "producers": Partner.objects.count(),
        "licences": Licence.objects.count(),
        "products": Product.objects.count(),
        "images": ProductImage.objects.count(),
        "users": get_user_model().objects.count(),
        "pages": Page.objects.count(),
    }


def _products_of(statuses) -> set[int]:
    producers = Partner.objects.filter(licences__status__in=statuses)
    return set(
        Product.objects.filter(stockrecords__partner__in=producers).values_list("pk", flat=True)
    )


def test_demo_data_loads_twice_without_duplicates(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    first, second = StringIO(), StringIO()

    call_command("load_demo_data", stdout=first)
    counts = _counts()
    call_command("load_demo_data", stdout=second)

    assert _counts() == counts
    assert counts["producers"] >= 15
    assert counts["products"] >= 150
    assert counts["images"] >= counts["products"]
    for output in (first.getvalue(), second.getvalue()):
        for email in LOG_INS:
            assert email in output
        assert "products on sale now" in output


def test_demo_data_covers_every_licence_state(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo_data", stdout=StringIO())
    now = timezone.now()

    statuses = set(Licence.objects.values_list("status", flat=True))
    assert statuses >= {
        Status.VERIFIED,
        Status.SUBMITTED,
        Status.CHANGES_REQUESTED,
        Status.REJECTED,
        Status.SUSPENDED,
        Status.EXPIRED,
    }
    for status in (Status.CHANGES_REQUESTED, Status.REJECTED, Status.SUSPENDED):
        assert all(Licence.objects.filter(status=status).values_list("status_reason", flat=True))
    assert Licence.objects.filter(status=Status.EXPIRED, valid_until__lt=now).exists()
    assert Licence.objects.filter(
        status=Status.VERIFIED, valid_until__gt=now, valid_until__lte=now + timedelta(days=7)
    ).exists()

    on_sale = set(Product.objects.browsable().values_list("pk", flat=True))
    assert on_sale
    assert not on_sale & _products_of([Status.SUSPENDED, Status.EXPIRED, Status.REJECTED])
    assert not on_sale & _products_of([Status.SUBMITTED, Status.CHANGES_REQUESTED])
    for package in ProgrammePackage.objects.select_related("category"):
        in_package = Product.objects.filter(categories__path__startswith=package.category.path)
        assert in_package.exists(), package
        assert package.category.get_children().count() >= 2

    # A food producer whose food-control approval lapsed: its food is off sale, for that reason.
    reasons = {
        product_purchasability(product, at=now).reason
        for product in Product.objects.filter(categories__name="Pickles & preserves")
    }
    assert Reason.APPROVAL_MISSING in reasons


def test_demo_users_can_log_in(db, settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path
    # Someone signed up with the demo customer's address and never confirmed it.
    user_register(email="customer@muntij.example", password="someone-elses-77")
    call_command("load_demo_data", stdout=StringIO())
    User = get_user_model()

    admin = User.objects.get(email="admin@muntij.example")
    producer = User.objects.get(email="producer@muntij.example")

    assert admin.is_staff
    assert admin.is_superuser
    assert producer.preferred_language == "ar"
    assert not producer.is_staff
    assert producer.partners.get().licences.get().status == Status.VERIFIED
    assert client.login(username="customer@muntij.example", password="muntij-customer")
    client.logout()
    response = client.post("/en/shop/accounts/login/", {
        "login-username": "producer@muntij.example", "login-password": "muntij-producer",
        "login_submit": "1",
    })
    assert response.status_code == 302


def test_the_demo_shop_reads_in_arabic_and_persian(db, settings, tmp_path, client, search_index):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo_data", stdout=StringIO())
    tayeb = ProgrammePackage.objects.select_related("category").get(code="tayeb")
    with translation.override("ar"):
        arabic = client.get(tayeb.category.get_absolute_url()).content.decode()
    assert "<h1>العطور والبخور</h1>" in arabic
    assert "البخور" in arabic  # a sub-category filter
    # The category names are searchable in Arabic, with or without the article.
    found = client.get("/ar/search/", {"q": "عطور"}).context["result"].products
    perfume = set(
        Product.objects.browsable()
        .filter(categories__path__startswith=tayeb.category.path)
        .values_list("pk", flat=True)
    )
    assert found
    assert set(found) <= perfume
