"""Orders and sales in the portal: the producer's own lines and money only."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from shop.order.models import LedgerEntry

pytestmark = pytest.mark.django_db


def test_order_page_shows_customer_contact_and_only_own_lines(client, shops):
    client.force_login(shops["a"]["user"])
    page = client.get(reverse("portal:order-detail",
                              kwargs={"pk": shops["a"]["fulfilment"].pk})).content.decode()
    assert "Maryam Ali" in page
    assert "+97333000000" in page
    assert "Road 12, Block 204" in page
    assert "Oud A" in page
    assert "Oud B" not in page
    # Neither the whole order's total nor the other producer's line total appears.
    assert str(shops["order"].total_incl_tax) not in page


def test_accept_then_dispatch_then_deliver(client, shops):
    client.force_login(shops["a"]["user"])
    fulfilment = shops["a"]["fulfilment"]
    for action, status in (("accept", "accepted"), ("dispatch", "dispatched"),
                           ("deliver", "delivered")):
        client.post(reverse("portal:order-action", kwargs={"pk": fulfilment.pk,
                                                            "action": action}))
        fulfilment.refresh_from_db()
        assert fulfilment.status == status
    assert fulfilment.dispatched_at is not None
    shops["b"]["fulfilment"].refresh_from_db()
    assert shops["b"]["fulfilment"].status == "new"


def test_deliver_before_dispatch_is_refused_with_a_message(client, shops):
    client.force_login(shops["a"]["user"])
    fulfilment = shops["a"]["fulfilment"]
    response = client.post(reverse("portal:order-action",
                                   kwargs={"pk": fulfilment.pk, "action": "deliver"}),
                           follow=True)
    fulfilment.refresh_from_db()
    assert fulfilment.status == "new"
    assert "not possible now" in response.content.decode()


def test_cancel_needs_a_reason_and_tells_the_customer(client, shops,
                                                      django_capture_on_commit_callbacks):
    client.force_login(shops["a"]["user"])
    fulfilment = shops["a"]["fulfilment"]
    url = reverse("portal:order-action", kwargs={"pk": fulfilment.pk, "action": "cancel"})
    client.post(url, {"reason": ""})
    fulfilment.refresh_from_db()
    assert fulfilment.status == "new"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "The oven broke"})
    fulfilment.refresh_from_db()
    assert fulfilment.status == "cancelled"
    to_customer = [m for m in mail.outbox if m.to == ["customer@example.com"]]
    assert len(to_customer) == 1
    assert "The oven broke" in to_customer[0].body


def test_sales_counts_only_own_lines(client, shops, django_assert_max_num_queries):
    a = shops["a"]
    LedgerEntry.objects.create(kind="transfer", order=shops["order"],
                               fulfilment=a["fulfilment"], amount=Decimal("2.250"),
                               currency="BHD")
    client.force_login(a["user"])
    with django_assert_max_num_queries(20):
        response = client.get(reverse("portal:sales"))
    context = response.context
    price = a["product"].stockrecords.get().price
    assert context["total"] == price * 2
    assert [b["title"] for b in context["best"]] == ["Oud A"]
    assert len(context["chart"]["bars"]) == 1
    assert "<rect" in response.content.decode()
    assert [e.amount for e in context["ledger"]] == [Decimal("2.250")]
    client.force_login(shops["b"]["user"])
    assert list(client.get(reverse("portal:sales")).context["ledger"]) == []


def test_product_list_query_budget(client, shops, tayeb, django_assert_max_num_queries):
    from tests.factories import make_product

    for n in range(10):
        make_product(producer=shops["a"]["producer"], category=tayeb.category, title=f"P{n}")
    client.force_login(shops["a"]["user"])
    client.get(reverse("portal:product-list"))  # thumbnails are generated on first sight
    with django_assert_max_num_queries(25):
        assert client.get(reverse("portal:product-list")).status_code == 200


def test_producer_downloads_the_receipt_for_their_part(client, shops):
    client.force_login(shops["a"]["user"])
    fulfilment = shops["a"]["fulfilment"]
    page = client.get(reverse("portal:order-detail", kwargs={"pk": fulfilment.pk}))
    receipt_url = reverse("checkout:receipt", kwargs={"number": shops["order"].number,
                                                     "pk": fulfilment.pk})
    assert receipt_url in page.content.decode()

    pdf = client.get(receipt_url)

    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    fulfilment.refresh_from_db()
    assert fulfilment.invoice_number == 1
    # The other producer's receipt for the same order is not theirs to download.
    other = reverse("checkout:receipt", kwargs={"number": shops["order"].number,
                                               "pk": shops["b"]["fulfilment"].pk})
    assert client.get(other).status_code == 404


def test_owner_starts_stripe_payout_onboarding(client, shops, stripe_http):
    client.force_login(shops["a"]["user"])
    assert "Set up payouts with Stripe" in client.get(reverse("portal:sales")).content.decode()

    response = client.post(reverse("portal:payout-connect"))

    assert response.status_code == 302
    assert response["Location"] == "https://connect.stripe.com/setup/e/x"
    shops["a"]["producer"].refresh_from_db()
    assert shops["a"]["producer"].payout_account_id == "acct_new"
    assert len(stripe_http.posts("/v1/accounts")) == 1


def test_payout_onboarding_needs_card_payments_configured(client, shops):
    client.force_login(shops["a"]["user"])
    assert "Set up payouts" not in client.get(reverse("portal:sales")).content.decode()
    assert client.post(reverse("portal:payout-connect")).status_code == 404
