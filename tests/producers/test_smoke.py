from django.utils import timezone

from catalog.models import Product
from producers.rules import Reason, product_purchasability
from tests.factories import LicenceFactory, ProducerFactory, make_product


def test_verified_licence_puts_product_on_sale(tayeb, bakhoor):
    producer = ProducerFactory()
    LicenceFactory(producer=producer, verified=True, covering=[tayeb])
    product = make_product(producer=producer, category=bakhoor)
    assert product_purchasability(product, at=timezone.now()).reason is Reason.PURCHASABLE
    assert list(Product.objects.browsable()) == [product]
