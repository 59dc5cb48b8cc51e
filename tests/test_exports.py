"""Every export of the system is built by ``council/exports.py``: no cell of a CSV or XLSX is a live formula."""

import csv
import datetime as dt
import io

import openpyxl
import pytest

from council import exports


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_a_spreadsheet_would_evaluate_is_quoted(start):
    answer = exports.response([[f"{start}1+1", "plain", 7, -3, dt.date(2026, 11, 23), None]], ["a"] * 6, fmt="csv",
                              filename="x")  # fmt: skip
    [_header, row] = list(csv.reader(io.StringIO(answer.content.decode(), newline="")))
    assert row[:4] == [f"'{start}1+1", "plain", "7", "-3"]  # numbers stay numbers
    book = openpyxl.load_workbook(io.BytesIO(exports.response([[f"{start}SUM(A1)"]], [f"{start}h"], fmt="xlsx",
                                                              filename="x").content))  # fmt: skip
    header, cell = book.active.cell(1, 1), book.active.cell(2, 1)
    assert (header.data_type, header.value) == ("s", f"'{start}h")
    assert (cell.data_type, cell.value) == ("s", f"'{start}SUM(A1)")


def test_only_files_that_carry_secrets_are_marked_no_store():
    assert exports.response([], ["a"], fmt="csv", filename="x", private=True)["Cache-Control"] == "no-store"
    assert "Cache-Control" not in exports.response([], ["a"], fmt="csv", filename="x")
