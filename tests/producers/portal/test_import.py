"""Bulk import: every row checked first, errors per row and column, all or nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from catalog.models import Product
from producers.portal.models import ImportJob

pytestmark = pytest.mark.django_db

HEADER = "title,description,category,price,stock,made_to_order,lead_time_days\n"


def _post(client, name, data, capture):
    with capture(execute=True):
        return client.post(reverse("portal:import-list"),
                           {"file": SimpleUploadedFile(name, data)})


def test_good_csv_imports_every_row(client, shops, tayeb, django_capture_on_commit_callbacks):
    client.force_login(shops["b"]["user"])
    csv = (HEADER + f"Musk,Pure,{tayeb.category.name},3.000,4,no,0\n"
           f"Amber,,{tayeb.category.name},1.500,2,yes,3\n")
    response = _post(client, "items.csv", csv.encode(), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get(producer=shops["b"]["producer"], file__contains="items")
    assert response["Location"] == reverse("portal:import-detail", kwargs={"pk": job.pk})
    assert job.status == "done"
    assert job.percent == 100
    amber = Product.objects.get(title="Amber")
    assert amber.made_to_order
    assert amber.lead_time_days == 3
    assert amber.stockrecords.get().partner == shops["b"]["producer"]


def test_one_bad_row_imports_nothing_and_names_row_and_column(
        client, shops, tayeb, atayeb, django_capture_on_commit_callbacks):
    client.force_login(shops["b"]["user"])
    before = Product.objects.count()
    csv = (HEADER + f"Musk,,{tayeb.category.name},3.000,4,,0\n"
           f"Cake,,{atayeb.category.name},1.000,1,,0\n"
           f"Amber,,{tayeb.category.name},1.505,2,,0\n")
    _post(client, "items.csv", csv.encode(), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get(producer=shops["b"]["producer"], file__contains="items")
    assert job.status == "failed"
    assert Product.objects.count() == before
    cells = {(e["row"], e["column"]) for e in job.errors}
    assert cells == {(3, "category"), (4, "price")}
    page = client.get(reverse("portal:import-detail", kwargs={"pk": job.pk})).content.decode()
    assert "steps of 0.01" in page


def test_xlsx_with_missing_column(client, shops, django_capture_on_commit_callbacks):
    book = Workbook()
    book.active.append(["title", "price"])
    book.active.append(["Musk", "3.000"])
    out = io.BytesIO()
    book.save(out)
    client.force_login(shops["b"]["user"])
    _post(client, "items.xlsx", out.getvalue(), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get(producer=shops["b"]["producer"], file__endswith=".xlsx")
    assert job.status == "failed"
    assert {e["column"] for e in job.errors} == {"category", "stock"}


def test_garbage_file_is_reported_not_crashed(client, shops,
                                              django_capture_on_commit_callbacks):
    client.force_login(shops["b"]["user"])
    _post(client, "items.xlsx", b"\x00\x01 not excel", django_capture_on_commit_callbacks)
    job = ImportJob.objects.get(producer=shops["b"]["producer"], file__endswith=".xlsx")
    assert job.status == "failed"
    assert job.errors[0]["message"] == "The file could not be read."


def test_wrong_extension_is_refused_beside_the_field(client, shops):
    client.force_login(shops["b"]["user"])
    response = client.post(reverse("portal:import-list"),
                           {"file": SimpleUploadedFile("items.pdf", b"%PDF-1.4")})
    assert response.context["form"].errors["file"] == ["Upload a .csv or .xlsx file."]


def test_progress_endpoint(client, shops):
    client.force_login(shops["a"]["user"])
    url = reverse("portal:import-detail", kwargs={"pk": shops["a"]["import"].pk})
    assert client.get(url + "?format=json").json() == {
        "status": "pending", "percent": 0, "label": "Waiting"}
