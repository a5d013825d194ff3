"""Bulk product import (CSV or XLSX): every row checked first; all rows or none."""

from __future__ import annotations

import csv
import io

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.services import product_create, product_update

from .forms import ProductForm, producer_categories
from .models import ImportJob

COLUMNS = ["title", "description", "category", "price", "stock", "made_to_order",
           "lead_time_days", "ingredients", "allergens", "shelf_life_days"]
REQUIRED = {"title", "category", "price", "stock"}
_TRUE = {"1", "yes", "true", "y", "نعم", "بله"}


def _rows_csv(data: bytes) -> list[dict]:
    text = data.decode("utf-8-sig")
    return [dict(row) for row in csv.DictReader(io.StringIO(text))]


def _rows_xlsx(data: bytes) -> list[dict]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
    rows = sheet.iter_rows(values_only=True)
    header = [str(h or "").strip() for h in next(rows, [])]
    return [
        {h: ("" if v is None else str(v)) for h, v in zip(header, row, strict=False)}
        for row in rows if any(v not in (None, "") for v in row)
    ]


def import_read(job: ImportJob) -> list[dict]:
    """The rows of an import file as dicts keyed by lower-case column name."""
    with job.file.open("rb") as handle:
        data = handle.read()
    rows = _rows_xlsx(data) if job.file.name.lower().endswith(".xlsx") else _rows_csv(data)
    return [{(k or "").strip().lower(): (v or "").strip() for k, v in r.items()} for r in rows]


def _form_for(row: dict, producer, categories) -> ProductForm:
    wanted = row.get("category", "").casefold()
    category = next(
        (c for c in categories if wanted in {c.name.casefold(), (c.name_ar or "").casefold(),
                                             c.slug.casefold()}), None)
    data = {
        "title": row.get("title", ""), "description": row.get("description", ""),
        "category": category.pk if category else "", "price": row.get("price", ""),
        "num_in_stock": row.get("stock", ""), "lead_time_days": row.get("lead_time_days") or 0,
        "ingredients": row.get("ingredients", ""), "allergens": row.get("allergens", ""),
        "shelf_life_days": row.get("shelf_life_days", ""), "offers_delivery": "on",
    }
    if row.get("made_to_order", "").casefold() in _TRUE:
        data["made_to_order"] = "on"
    form = ProductForm(data, producer=producer)
    form.is_valid()
    if wanted and category is None:
        form.errors.pop("category", None)
        form.add_error("category", _("No category “%(name)s” in your licence's packages.")
                       % {"name": row.get("category")})
    return form


_FIELD_COLUMN = {"num_in_stock": "stock"}


def import_validate(job: ImportJob, rows: list[dict]) -> tuple[list, list]:
    """Check every row; return the valid forms and the errors as (row, column, message)."""
    errors, forms = [], []
    missing = REQUIRED - set(rows[0]) if rows else REQUIRED
    if missing:
        return [], [{"row": 1, "column": c, "message": _("This column is missing.")}
                    for c in sorted(missing)]
    categories = list(producer_categories(job.producer))
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        form = _form_for(row, job.producer, categories)
        for field, messages in form.errors.items():
            for message in messages:
                errors.append({"row": number, "column": _FIELD_COLUMN.get(field, field),
                               "message": str(message)})
        forms.append(form)
        job.processed_rows = number - 1
        if number % 50 == 0:
            job.save(update_fields=["processed_rows"])
    return forms, errors


def import_run(*, job_id: int) -> str:
    """Validate an import, then create every product in one transaction (or none)."""
    job = ImportJob.objects.select_related("producer").get(pk=job_id)
    job.status, job.errors = ImportJob.Status.RUNNING, []
    rows = []
    try:
        rows = import_read(job)
    except Exception:  # a corrupt or mislabelled file: say so, import nothing
        job.errors = [{"row": 0, "column": "", "message": _("The file could not be read.")}]
    job.total_rows = len(rows)
    job.save(update_fields=["status", "total_rows", "errors"])
    forms, errors = import_validate(job, rows) if rows else ([], job.errors or [
        {"row": 0, "column": "", "message": _("The file has no rows.")}])
    if not errors:
        with transaction.atomic():
            for form in forms:
                c = form.cleaned_data
                product = product_create(
                    producer=job.producer, title=c["title"], description=c["description"],
                    category=c["category"], price=c["price"], num_in_stock=c["num_in_stock"],
                )
                product_update(product=product, producer=job.producer, **form.details)
    job.errors = errors
    job.status = ImportJob.Status.FAILED if errors else ImportJob.Status.DONE
    job.processed_rows, job.finished = len(rows), timezone.now()
    job.save()
    return job.status
