"""Every uploaded image, sanitised in one place: sniffed, capped, upright, metadata stripped.

Home producers photograph products at home: a phone's EXIF carries GPS. Each upload is
opened by content (never by its name), refused past a pixel or byte cap, turned upright
with ``exif_transpose`` and re-encoded from pixels only, so no metadata survives.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

try:  # HEIC/HEIF from iPhones; registered once, optional at import time.
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - pillow-heif is a declared dependency
    pass

MAX_PIXELS = 40_000_000
MAX_BYTES = 15 * 1024 * 1024
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF", "MPO"}
THUMBNAIL_SIZE = (400, 400)
# Pillow refuses to open images above twice this limit (DecompressionBombError). Set once
# for the whole process so every Pillow open -- Django's ImageField in Oscar's dashboard,
# sorl-thumbnail, Wagtail -- refuses what we refuse, before decoding a pixel.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS // 2


@dataclass(frozen=True)
class CleanImage:
    """A re-encoded image: its bytes, format, file extension and size in pixels."""

    content: bytes
    format: str
    extension: str
    width: int
    height: int

    def as_file(self, stem: str = "image") -> ContentFile:
        """The image as a Django file named ``<stem>.<extension>``."""
        content = ContentFile(self.content, name=f"{stem}.{self.extension}")
        content.sanitised = True  # the model-level hook need not re-encode it
        return content


def _read(upload, *, max_bytes: int) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(_too_big(max_bytes), code="too_big")
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(max_bytes + 1) if hasattr(upload, "read") else bytes(upload)
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    if len(data) > max_bytes:
        raise ValidationError(_too_big(max_bytes), code="too_big")
    return data


def _too_big(max_bytes: int) -> str:
    return _("The file is too large: at most %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)}


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            # Between half the cap and the cap Pillow only warns; the cap is checked below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError,
            SyntaxError) as exc:
        if isinstance(exc, Image.DecompressionBombError):
            raise ValidationError(_pixels_message(), code="too_many_pixels") from exc
        raise ValidationError(
            _("This is not a photo we can read. Upload a JPEG, PNG, WebP or HEIC image."),
            code="not_image",
        ) from exc
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("Images must be JPEG, PNG, WebP or HEIC (this file is %(format)s).")
            % {"format": image.format or "?"},
            code="format",
        )
    return image


def _pixels_message() -> str:
    return _("The image is too large: at most %(mp)s megapixels. Resize it and try again.") % {
        "mp": MAX_PIXELS // 1_000_000
    }


def image_sanitise(
    upload, *, max_pixels: int = MAX_PIXELS, max_bytes: int = MAX_BYTES
) -> CleanImage:
    """Check and re-encode an uploaded image with every piece of metadata stripped."""
    data = _read(upload, max_bytes=max_bytes)
    image = _open(data)
    width, height = image.size
    if width * height > max_pixels:
        raise ValidationError(_pixels_message(), code="too_many_pixels")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image.load()
            image = ImageOps.exif_transpose(image)
    except (OSError, ValueError, SyntaxError) as exc:
        raise ValidationError(_("The image is damaged and cannot be read."), code="broken") from exc
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    # Pixels only: a new image from the pixel data carries no EXIF, XMP, ICC or text chunks.
    mode = "RGBA" if has_alpha else "RGB"
    pixels = image.convert(mode)
    clean = Image.new(mode, pixels.size)
    clean.paste(pixels)
    out = io.BytesIO()
    if has_alpha:
        clean.save(out, format="PNG", optimize=True)
        fmt, ext = "PNG", "png"
    else:
        clean.save(out, format="JPEG", quality=88, optimize=True)
        fmt, ext = "JPEG", "jpg"
    return CleanImage(out.getvalue(), fmt, ext, clean.width, clean.height)


def image_thumbnail(clean: CleanImage, *, size=THUMBNAIL_SIZE) -> CleanImage:
    """A small copy of a sanitised image for lists."""
    image = Image.open(io.BytesIO(clean.content))
    image.thumbnail(size)
    out = io.BytesIO()
    image.save(out, format=clean.format)
    return CleanImage(out.getvalue(), clean.format, clean.extension, image.width, image.height)


def image_field_sanitise(field_file, *, stem: str | None = None) -> None:
    """Replace a not-yet-saved ImageField file with its sanitised copy (raises ValidationError)."""
    if not field_file or getattr(field_file, "_committed", True):
        return
    if getattr(field_file.file, "sanitised", False):
        return
    clean = image_sanitise(field_file.file)
    base = (stem or field_file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "image")[:80]
    field_file.file = clean.as_file(base)
    field_file.name = f"{base}.{clean.extension}"
    field_file._committed = False


def product_image_pre_save(sender, instance, **kwargs):
    """Oscar's ProductImage (dashboard or portal): sanitise a new original before it is stored."""
    image_field_sanitise(instance.original)


def partner_photo_pre_save(sender, instance, **kwargs):
    """A producer's profile photo: sanitised like any product image."""
    image_field_sanitise(instance.photo)
