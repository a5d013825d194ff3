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
