"""The shared CSV download: German Excel format, streamed, and safe against formulas."""

import datetime
from decimal import Decimal

from gwa_portal.core.csv_export import csv_cell, streamed_csv


def test_csv_cell_formats_values_for_a_german_spreadsheet():
    assert csv_cell(None) == ""
    assert csv_cell(Decimal("1.50")) == "1,5"
    assert csv_cell(Decimal("10.00")) == "10"
    assert csv_cell(datetime.date(2024, 5, 14)) == "14.05.2024"
    assert csv_cell(-3) == "-3"
    assert csv_cell("\tcmd") == "'\tcmd"
    assert csv_cell("Treffen - gut") == "Treffen - gut"


def test_formula_starts_are_neutralised_but_numbers_are_not():
    for text in ("=SUM(A1)", "+1", "-Minus", "@A1", "\rx"):
        assert csv_cell(text) == "'" + text
    assert csv_cell(Decimal("-2.5")) == "-2,5"
    assert csv_cell(True) == "ja"


def test_streamed_csv_is_a_semicolon_separated_utf8_download_with_bom():
    rows = iter([(datetime.date(2025, 3, 1), "Alte Mitte; Süd", Decimal("1.5")), ("=1", None, 2)])
    response = streamed_csv("test.csv", ["Datum", "Ort", "Wert"], rows)
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="test.csv"'
    assert b"".join(response.streaming_content).decode("utf-8") == (
        '\ufeffDatum;Ort;Wert\r\n01.03.2025;"Alte Mitte; Süd";1,5\r\n\'=1;;2\r\n'
    )
