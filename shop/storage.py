"""Storage for private files (licence documents): kept outside MEDIA_ROOT, never given a URL."""

from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files served only through permission-checked views; asking for a URL is a bug."""

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a checked view.")
