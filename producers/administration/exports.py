"""CSV and XLSX downloads of a table of figures."""

import csv
from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook

from ..selectors import Table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value):
    return value if isinstance(value, int | float) or value is None else str(value)


def table_csv(table: Table) -> HttpResponse:
    """The table as a UTF-8 CSV file (with a BOM so spreadsheet programs read Arabic)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.key}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(h) for h in table.headings])
    writer.writerows([[_cell(c) for c in row] for row in table.rows])
    return response


def table_xlsx(table: Table) -> HttpResponse:
    """The table as an Excel workbook with one sheet."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=table.key[:31])
    sheet.append([str(h) for h in table.headings])
    for row in table.rows:
        sheet.append([float(c) if c.__class__.__name__ == "Decimal" else _cell(c) for c in row])
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{table.key}.xlsx"'
    return response
