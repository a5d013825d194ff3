"""Official receipts: one PDF per producer's part of an order, numbered per producer without gaps.

fpdf2 lays the page out; uharfbuzz shapes Arabic and Persian (joined letters, right to left);
the font is Noto Sans Arabic (OFL) from the ``fontpkg-noto-sans-arabic`` wheel, which also
covers Latin letters and digits. A QR code points at the public licence check.
"""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import quote

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from shop import money

from .models import ProducerFulfilment, ReceiptCounter


def _font_path() -> Path:
    import fontpkg_noto_sans_arabic

    return next(Path(fontpkg_noto_sans_arabic.__file__).parent.joinpath("files").glob("*.ttf"))


def licence_check_url(*, licence_number: str, language: str | None = None) -> str:
    """The public page where anyone can check a producer's licence."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return f"{settings.SHOP_BASE_URL}/{language}/verify/{quote(licence_number, safe='')}/"


def receipt_issue(*, fulfilment: ProducerFulfilment) -> ProducerFulfilment:
    """Give a fulfilment its producer's next receipt number, once (the counter row is locked)."""
    if fulfilment.invoice_number:
        return fulfilment
    with transaction.atomic():
        ReceiptCounter.objects.bulk_create(
            [ReceiptCounter(producer_id=fulfilment.producer_id)], ignore_conflicts=True
        )
        counter = ReceiptCounter.objects.select_for_update().get(
            producer_id=fulfilment.producer_id
        )
        locked = ProducerFulfilment.objects.select_for_update().get(pk=fulfilment.pk)
        if locked.invoice_number:
            return locked
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
        locked.invoice_number = counter.last_number
        locked.invoice_issued_at = timezone.now()
        locked.save(update_fields=["invoice_number", "invoice_issued_at", "updated"])
    return locked


class _Receipt(FPDF):
    def __init__(self, rtl: bool):
        super().__init__(format=(148, 210))
        self.rtl = rtl
        self.add_font("noto", fname=str(_font_path()))
        self.set_font("noto", size=10)
        self.set_text_shaping(use_shaping_engine=True, direction="rtl" if rtl else "ltr")
        self.add_page()

    def row(self, label: str, value: str, *, bold_size: int | None = None) -> None:
        if bold_size:
            self.set_font_size(bold_size)
        align = "R" if self.rtl else "L"
        self.multi_cell(0, 6, f"{label}: {value}" if label else value, align=align,
                        new_x="LMARGIN", new_y="NEXT")
        self.set_font_size(10)


def receipt_pdf(*, fulfilment: ProducerFulfilment, language: str | None = None) -> bytes:
    """The receipt for one producer's part of an order, as PDF bytes."""
    return bytes(receipt_document(fulfilment=fulfilment, language=language).output())


def receipt_document(*, fulfilment: ProducerFulfilment, language: str | None = None) -> FPDF:
    """The laid-out receipt (an fpdf2 document), before it is written out."""
    from .services import fulfilment_total

    order = fulfilment.order
    language = language or translation.get_language() or order.language
    with translation.override(language):
        pdf = _Receipt(rtl=translation.get_language_bidi())
        fmt = lambda amount: money.format_money(amount, order.currency, language)  # noqa: E731
        pdf.row("", _("Receipt"), bold_size=16)
        pdf.row(_("Receipt number"), f"{fulfilment.producer.code}-{fulfilment.invoice_number}")
        pdf.row(_("Producer"), fulfilment.producer.name)
        pdf.row(_("Licence number"), fulfilment.licence_number)
        pdf.row(_("Order"), order.number)
        issued = fulfilment.invoice_issued_at or timezone.now()
        pdf.row(_("Date"), timezone.localtime(issued).date().isoformat())
        pdf.ln(3)
        for line in fulfilment.lines:
            pdf.row(f"{line.quantity} × {line.title}", fmt(line.line_price_incl_tax))
        if fulfilment.method == ProducerFulfilment.Method.DELIVERY:
            pdf.row(_("Delivery"), fmt(fulfilment.delivery_fee))
        else:
            pdf.row(_("Pickup at"), fulfilment.pickup_point)
        pdf.row(_("Total"), fmt(fulfilment_total(fulfilment=fulfilment)), bold_size=12)
        if fulfilment.refunded_amount:
            pdf.row(_("Refunded"), fmt(fulfilment.refunded_amount))
        pdf.row(_("Payment"), order.get_payment_method_display())
        url = licence_check_url(licence_number=fulfilment.licence_number, language=language)
        qr = io.BytesIO()
        segno.make(url, error="m").save(qr, kind="png", scale=4, border=2)
        pdf.ln(2)
        pdf.image(qr, w=30, x=pdf.l_margin if not pdf.rtl else pdf.w - pdf.r_margin - 30)
        pdf.row("", _("Check this licence: %(url)s") % {"url": url})
        return pdf


def quotation_pdf(*, basket, language: str | None = None) -> bytes:
    """A quotation for a basket (no number, no commitment), grouped by producer, as PDF."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    currency = basket.currency
    with translation.override(language):
        pdf = _Receipt(rtl=translation.get_language_bidi())
        fmt = lambda amount: money.format_money(amount, currency, language)  # noqa: E731
        pdf.row("", _("Quotation"), bold_size=16)
        pdf.row(_("Date"), timezone.localdate().isoformat())
        groups: dict = {}
        for line in basket.all_lines():
            groups.setdefault(line.stockrecord.partner, []).append(line)
        for producer, lines in groups.items():
            pdf.ln(2)
            pdf.row("", producer.name, bold_size=12)
            for line in lines:
                pdf.row(f"{line.quantity} × {line.product.get_title()}",
                        fmt(line.line_price_incl_tax))
            if producer.offers_delivery:
                pdf.row(_("Delivery"), fmt(producer.delivery_fee))
        pdf.ln(2)
        pdf.row(_("Products"), fmt(basket.total_incl_tax), bold_size=12)
        pdf.row("", _("Prices and stock are confirmed only when you place the order."))
        return bytes(pdf.output())
