"""Wagtail's image form with Muntij's upload sanitising (``WAGTAILIMAGES_IMAGE_FORM_BASE``)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images.forms import BaseImageForm

from .images import image_sanitise


class SanitisingImageForm(BaseImageForm):
    """Every image uploaded in the CMS is re-encoded with its metadata stripped."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or upload == self.original_file or not hasattr(upload, "read"):
            return upload
        clean = image_sanitise(upload)
        stem = (getattr(upload, "name", "") or "image").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return SimpleUploadedFile(
            f"{stem[:80] or 'image'}.{clean.extension}",
            clean.content,
            content_type=f"image/{clean.extension.replace('jpg', 'jpeg')}",
        )
