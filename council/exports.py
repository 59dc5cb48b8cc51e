"""Every spreadsheet the system hands out (CSV and XLSX) is built here, so that no cell is a live formula: a
text that a spreadsheet would read as one (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) is written with a leading apostrophe, shown as typed and never evaluated. A typed workstation such
as ``=HYPERLINK(...)`` stays text in Excel and LibreOffice alike."""

import tablib
from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def inert(value):
    """The value as a cell that cannot be a formula; numbers, dates and empty cells stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def dataset(rows, headers) -> tablib.Dataset:
    return tablib.Dataset(*([inert(v) for v in row] for row in rows), headers=[inert(str(h)) for h in headers])


def response(rows, headers, *, fmt, filename, private=False) -> HttpResponse:
    """The rows as a CSV or XLSX attachment. ``private``: the file carries what only its reader may see
    (the access log), so no cache between the server and the reader keeps it."""
    answer = HttpResponse(dataset(rows, headers).export(fmt), content_type=CONTENT_TYPES[fmt])
    answer["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    if private:
        answer["Cache-Control"] = "no-store"
    return answer
