"""Receipts: gap-free numbers per producer, licence number and QR link, Arabic shaped."""

import pytest

from shop.order.documents import (
    licence_check_url,
    receipt_document,
    receipt_issue,
    receipt_pdf,
)
from shop.order.placement import order_place
from tests.order.fixtures import basket_with


@pytest.fixture
def cash_order(buyer, oud, musk, seller, second_seller, address):
    return order_place(
        basket=basket_with((oud, 2), (musk, 1), owner=buyer), user=buyer, address=address,
        methods={seller.pk: "delivery", second_seller.pk: "delivery"}, payment_method="cash",
    )


def test_each_producer_numbers_its_receipts_from_one_without_gaps(cash_order, oud, seller,
                                                                  buyer, address):
    again = order_place(basket=basket_with((oud, 1), owner=buyer), user=buyer, address=address,
                        methods={seller.pk: "pickup"}, payment_method="cash")

    numbers = sorted(
        (f.producer.name, f.invoice_number)
        for order in (cash_order, again) for f in order.fulfilments.all()
    )
    assert numbers == [("Dar Bakhoor", 1), ("Umm Ali Perfumes", 1), ("Umm Ali Perfumes", 2)]
    part = again.fulfilments.get()
    assert receipt_issue(fulfilment=part).invoice_number == 2  # issuing twice keeps the number


def test_licence_check_url_is_public_and_per_language():
    assert licence_check_url(licence_number="KH-2026-00001", language="ar").endswith(
        "/ar/verify/KH-2026-00001/"
    )


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_receipt_is_a_pdf_in_every_language(cash_order, seller, language):
    part = cash_order.fulfilments.get(producer=seller)

    pdf = receipt_pdf(fulfilment=part, language=language)

    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 2000


def test_arabic_is_shaped_into_joined_letter_forms(cash_order, seller):
    """Shaped Arabic uses the font's initial/medial/final glyphs, not isolated letters."""
    seller.name = "عطور أم علي"
    seller.save()
    part = cash_order.fulfilments.get(producer=seller)

    document = receipt_document(fulfilment=part, language="ar")
    document.output()

    used = {glyph.glyph_name for glyph, _id in document.fonts["noto"].subset.items() if glyph}
    assert {"uni0639.init", "uni0637.medi"} <= used  # ع and ط joined in عطور
