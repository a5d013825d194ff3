"""Upload sanitising with real files: GPS stripped, bombs refused, types sniffed by content."""

import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from producers.portal.documents import document_sanitise
from shop.images import image_sanitise

GPS = ExifTags.IFD.GPSInfo


def jpeg_with_gps(size=(64, 32), orientation=6) -> bytes:
    """A phone-like JPEG: GPS coordinates in Bahrain and a 'rotate 90°' orientation flag."""
    image = Image.new("RGB", size, "orange")
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif[GPS] = {1: "N", 2: (26.0, 13.0, 30.0), 3: "E", 4: (50.0, 35.0, 10.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(name: str, data: bytes, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_fixture_really_carries_gps():
    exif = Image.open(io.BytesIO(jpeg_with_gps())).getexif()
    assert exif.get_ifd(GPS)[2] == (26.0, 13.0, 30.0)


def test_gps_jpeg_comes_out_upright_with_no_metadata():
    clean = image_sanitise(upload("home.jpg", jpeg_with_gps()))
    out = Image.open(io.BytesIO(clean.content))
    assert out.format == "JPEG"
    assert dict(out.getexif()) == {}
    assert "exif" not in out.info
    assert b"PhoneCo" not in clean.content
    assert out.size == (32, 64)  # orientation 6 applied: portrait, not sideways


def test_100_megapixel_png_of_a_few_kb_is_refused():
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, format="PNG", optimize=True)
    data = out.getvalue()
    assert len(data) < 50_000
    with pytest.raises(ValidationError) as error:
        image_sanitise(upload("bomb.png", data))
    assert "megapixels" in error.value.messages[0]


def test_30_megapixel_photo_is_accepted():
    """Under the cap but above Pillow's warning threshold (half the cap): still fine."""
    out = io.BytesIO()
    Image.new("RGB", (6000, 5000), "white").save(out, format="JPEG")
    assert image_sanitise(upload("big.jpg", out.getvalue())).width == 6000


def test_django_image_field_refuses_the_bomb_too():
    """Oscar's dashboard validates with Django's ImageField: the process-wide cap applies."""
    from django import forms

    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, format="PNG")
    with pytest.raises(ValidationError):
        forms.ImageField().clean(upload("bomb.png", out.getvalue(), "image/png"))


def test_png_renamed_jpg_is_read_by_its_content():
    out = io.BytesIO()
    Image.new("RGBA", (20, 10), (0, 128, 0, 128)).save(out, format="PNG")
    clean = image_sanitise(upload("photo.jpg", out.getvalue(), "image/jpeg"))
    assert clean.format == "PNG"
    assert clean.as_file("photo").name == "photo.png"


def test_svg_with_script_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError) as error:
        image_sanitise(upload("logo.svg", svg, "image/svg+xml"))
    assert "JPEG, PNG, WebP or HEIC" in error.value.messages[0]


def test_zero_byte_file_is_refused():
    with pytest.raises(ValidationError) as error:
        image_sanitise(upload("empty.jpg", b""))
    assert error.value.messages == ["The file is empty."]


def test_oversized_file_is_refused():
    with pytest.raises(ValidationError) as error:
        image_sanitise(upload("big.jpg", jpeg_with_gps()), max_bytes=100)
    assert "too large" in error.value.messages[0]


def test_heic_from_an_iphone_is_converted_to_jpeg():
    pillow_heif = pytest.importorskip("pillow_heif")
    heif = pillow_heif.from_pillow(Image.new("RGB", (40, 30), "blue"))
    out = io.BytesIO()
    heif.save(out, quality=80)
    clean = image_sanitise(upload("IMG_0001.HEIC", out.getvalue()))
    assert clean.format == "JPEG"
    assert Image.open(io.BytesIO(clean.content)).size == (40, 30)


# --- licence documents -----------------------------------------------------------------

PDF_WITH_JS = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n"
    b"2 0 obj << /S /JavaScript /JS (app.alert('x')) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"
)
PLAIN_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"


def test_pdf_with_javascript_is_refused():
    with pytest.raises(ValidationError) as error:
        document_sanitise(upload("licence.pdf", PDF_WITH_JS, "application/pdf"))
    assert "scripts" in error.value.messages[0]


@pytest.mark.parametrize("body", [
    b"<< /S /J#61vaScript /JS (x) >>",  # a name hidden with #xx escapes
    b"<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n"
    + zlib.compress(b"<< /OpenAction << /S /JavaScript /JS (x) >> >>")
    + b"\nendstream",  # a script inside a compressed object stream
])
def test_hidden_pdf_javascript_is_refused(body):
    data = b"%PDF-1.5\n1 0 obj " + body + b" endobj\n%%EOF"
    with pytest.raises(ValidationError):
        document_sanitise(upload("licence.pdf", data, "application/pdf"))


def test_plain_pdf_is_kept_as_is():
    stored = document_sanitise(upload("my licence.pdf", PLAIN_PDF, "application/pdf"))
    assert stored.read() == PLAIN_PDF
    assert stored.name == "my-licence.pdf"


def test_photo_of_a_licence_loses_its_gps():
    stored = document_sanitise(upload("scan.jpg", jpeg_with_gps()))
    assert dict(Image.open(stored).getexif()) == {}


@pytest.mark.parametrize(("name", "data"), [
    ("licence.docx", b"PK\x03\x04 not a licence"),
    ("licence.svg", b"<svg><script>alert(1)</script></svg>"),
])
def test_other_document_types_are_refused(name, data):
    with pytest.raises(ValidationError) as error:
        document_sanitise(upload(name, data))
    assert error.value.messages == ["Upload the document as a PDF, JPEG or PNG file."]


def test_empty_document_is_refused():
    with pytest.raises(ValidationError) as error:
        document_sanitise(upload("licence.pdf", b""))
    assert error.value.messages == ["The file is empty."]


# --- every upload path ---------------------------------------------------------------


@pytest.mark.django_db
def test_oscar_dashboard_product_image_path_strips_gps(tayeb, settings, tmp_path):
    """Oscar's dashboard saves ProductImage with the uploaded file; the model hook cleans it."""
    from oscar.core.loading import get_model

    from tests.factories import LicenceFactory, ProducerFactory, make_product

    settings.MEDIA_ROOT = tmp_path
    producer = ProducerFactory()
    LicenceFactory(producer=producer, verified=True, covering=[tayeb])
    product = make_product(producer=producer, category=tayeb.category)
    ProductImage = get_model("catalogue", "ProductImage")
    image = ProductImage.objects.create(product=product,
                                        original=upload("IMG.jpg", jpeg_with_gps()))
    with image.original.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
    assert dict(stored.getexif()) == {}
    assert stored.size == (32, 64)


@pytest.mark.django_db
def test_wagtail_image_form_strips_gps(settings, tmp_path):
    from wagtail.images.forms import get_image_form
    from wagtail.images.models import Image as WagtailImage
    from wagtail.models import Collection

    settings.MEDIA_ROOT = tmp_path
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    form_class = get_image_form(WagtailImage)
    form = form_class(
        data={"title": "Bakhoor", "collection": Collection.get_first_root_node().pk},
        files={"file": upload("IMG.jpg", jpeg_with_gps(), "image/jpeg")},
    )
    assert form.is_valid(), form.errors
    image = form.save()
    with image.file.open("rb") as handle:
        assert dict(Image.open(io.BytesIO(handle.read())).getexif()) == {}


@pytest.mark.django_db
def test_wagtail_image_form_refuses_a_bomb(settings, tmp_path):
    from wagtail.images.forms import get_image_form
    from wagtail.images.models import Image as WagtailImage
    from wagtail.models import Collection

    settings.MEDIA_ROOT = tmp_path
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, format="PNG")
    form = get_image_form(WagtailImage)(
        data={"title": "Bomb", "collection": root.pk},
        files={"file": upload("bomb.png", out.getvalue(), "image/png")},
    )
    assert not form.is_valid()
    assert "file" in form.errors
