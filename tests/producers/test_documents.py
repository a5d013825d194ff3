"""Licence documents are private: only the producer's people and licence staff see them."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile

from producers.models import LicenceDocument
from tests.factories import LicenceFactory, ProducerFactory, UserFactory


@pytest.fixture
def document(tayeb):
    holder = UserFactory(email="holder@example.com")
    producer = ProducerFactory()
    producer.users.add(holder)
    licence = LicenceFactory(producer=producer, covering=[tayeb])
    doc = LicenceDocument(licence=licence)
    doc.file.save("licence.pdf", ContentFile(b"%PDF-1.4 licence scan"), save=True)
    return doc


def test_document_has_no_public_url(document, settings):
    assert not document.file.path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError, match="no public URL"):
        document.file.url  # noqa: B018


def test_the_holder_downloads_it(client, document):
    client.force_login(document.licence.producer.users.get())
    response = client.get(f"/licence-documents/{document.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 licence scan"
    assert response["Cache-Control"] == "private, no-store"


def test_licence_staff_download_it(client, document):
    staff = UserFactory(email="verifier@example.com")
    staff.user_permissions.add(Permission.objects.get(codename="view_licence"))
    client.force_login(staff)
    assert client.get(f"/licence-documents/{document.pk}/").status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "another producer", "customer"])
def test_everyone_else_gets_not_found(client, document, tayeb, who):
    if who == "another producer":
        other = UserFactory(email="other@example.com")
        ProducerFactory().users.add(other)
        client.force_login(other)
    elif who == "customer":
        client.force_login(UserFactory(email="customer@example.com"))
    response = client.get(f"/licence-documents/{document.pk}/", follow=True)
    assert response.status_code == 404
