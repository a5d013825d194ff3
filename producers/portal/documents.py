"""Licence documents: PDF or photo, size and type checked by content, PDFs without scripts."""

from __future__ import annotations

import re
import zlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from shop.images import image_sanitise

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# Active content a licence scan never needs; a PDF carrying any of it is refused.
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA|SubmitForm)\b")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)


def _pdf_texts(data: bytes):
    """The PDF's bytes and its inflated streams (object streams can hide dictionaries)."""
    yield data
    for match in _PDF_STREAM.finditer(data):
        try:
            yield zlib.decompressobj().decompress(match.group(1), MAX_DOCUMENT_BYTES)
        except zlib.error:
            continue


def pdf_has_active_content(data: bytes) -> bool:
    """Whether a PDF names scripts, launch actions or embedded files anywhere (even escaped)."""
    for text in _pdf_texts(data):
        text = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), text)
        if _PDF_ACTIVE.search(text):
            return True
    return False


def document_sanitise(upload) -> ContentFile:
    """Check an uploaded licence document and return the file to store (raises ValidationError)."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("The file is too large: at most 10 MB."), code="too_big")
    upload.seek(0)
    head = upload.read(8)
    if not head:
        raise ValidationError(_("The file is empty."), code="empty")
    stem = (getattr(upload, "name", "") or "document").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = re.sub(r"[^\w-]+", "-", stem)[:60] or "document"
    if head.startswith(b"%PDF-"):
        upload.seek(0)
        data = upload.read(MAX_DOCUMENT_BYTES + 1)
        if len(data) > MAX_DOCUMENT_BYTES:
            raise ValidationError(_("The file is too large: at most 10 MB."), code="too_big")
        if pdf_has_active_content(data):
            raise ValidationError(
                _("This PDF contains scripts or embedded files and cannot be accepted. "
                  "Print it to a new PDF or upload a photo of the document."),
                code="pdf_active",
            )
        return ContentFile(data, name=f"{stem}.pdf")
    upload.seek(0)
    try:
        clean = image_sanitise(upload, max_bytes=MAX_DOCUMENT_BYTES)
    except ValidationError as exc:
        if exc.code in ("not_image", "format"):
            raise ValidationError(
                _("Upload the document as a PDF, JPEG or PNG file."), code="document_type"
            ) from exc
        raise
    return clean.as_file(stem)
