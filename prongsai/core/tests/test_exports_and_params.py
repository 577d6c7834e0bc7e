"""Typed text never becomes a spreadsheet formula; junk numbers in a query string never crash
(the pages that read them test it too: search, compliance, quota, retention)."""

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from prongsai.core.exports import safe_cell, safe_row
from prongsai.core.params import parse_ids, parse_int


@pytest.mark.parametrize("typed", ["=1+1", "+66 2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_text_that_would_start_a_formula_is_written_as_text(typed):
    workbook = Workbook()
    workbook.active.append(safe_row([typed, 12, "ประกาศ"]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    row = next(load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows())
    assert row[0].data_type == "s" and row[0].value == "'" + typed
    assert row[1].value == 12 and row[2].value == "ประกาศ"


def test_csv_cell_is_quoted_text():
    out = io.StringIO()
    csv.writer(out).writerow(safe_row(['=HYPERLINK("http://x")', "ปกติ"]))
    assert next(csv.reader(io.StringIO(out.getvalue())))[0].startswith("'=")
    assert safe_cell(None) is None and safe_cell(5) == 5


@pytest.mark.parametrize("raw", ["²", "٣", "12a", "-1", "", None, "9" * 40, "1\x00", "๒๕๖๙"])
def test_junk_numbers_read_as_default(raw):
    assert parse_int(raw, default=7) == 7


def test_plain_numbers_are_read():
    assert parse_int(" 2569 ") == 2569


def test_only_plain_ids_are_kept():
    assert parse_ids(["12", "²", "๓", "-4", "9" * 40, " 7 ", "", "1e3"]) == [12, 7]
