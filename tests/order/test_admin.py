"""Programme staff cancel or refund a producer's part from the admin."""

from django.urls import reverse

from producers.models import StockRecord
from shop.order.placement import order_place
from tests.order.fixtures import basket_with


def test_staff_cancel_action_releases_stock(admin_client, buyer, oud, seller):
    order = order_place(basket=basket_with((oud, 2), owner=buyer), user=buyer, address=None,
                        methods={seller.pk: "pickup"}, payment_method="cash")
    part = order.fulfilments.get()

    response = admin_client.post(
        reverse("admin:order_producerfulfilment_changelist"),
        {"action": "cancel_parts", "_selected_action": [part.pk]}, follow=True,
    )

    assert response.status_code == 200
    part.refresh_from_db()
    assert part.status == "cancelled"
    assert StockRecord.objects.get(product=oud).num_allocated == 0


def test_refunding_a_cash_part_explains_why_not(admin_client, buyer, oud, seller):
    order = order_place(basket=basket_with((oud, 1), owner=buyer), user=buyer, address=None,
                        methods={seller.pk: "pickup"}, payment_method="cash")

    response = admin_client.post(
        reverse("admin:order_producerfulfilment_changelist"),
        {"action": "refund_parts", "_selected_action": [order.fulfilments.get().pk]},
        follow=True,
    )

    assert "Only card payments" in response.content.decode()
