"""The streamed XLSX writer: a file openpyxl reads back cell for cell, written while the rows
are read, with the CSV's guard against formulas and without XML-illegal characters."""

import datetime
import io
from decimal import Decimal

from django.http import StreamingHttpResponse
from openpyxl import load_workbook

from gwa_portal.core.xlsx_stream import streamed_xlsx, xlsx_chunks


def read(sheets):
    return load_workbook(io.BytesIO(b"".join(xlsx_chunks(sheets))))


def values(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_cells_read_back_as_written():
    book = read(
        [
            (
                "Daten",
                [
                    ["text", "zahl", "komma", "dezimal", "tag", "zeit", "ja"],
                    [
                        'Grüße & <Tags> "zitiert"',
                        42,
                        1.5,
                        Decimal("2.25"),
                        datetime.date(2024, 6, 1),
                        datetime.datetime(2024, 6, 1, 14, 30),
                        True,
                    ],
                ],
            )
        ]
    )
    assert book.sheetnames == ["Daten"]
    header, row = values(book["Daten"])
    assert header == ["text", "zahl", "komma", "dezimal", "tag", "zeit", "ja"]
    assert row == [
        'Grüße & <Tags> "zitiert"',
        42,
        1.5,
        2.25,
        datetime.datetime(2024, 6, 1),
        datetime.datetime(2024, 6, 1, 14, 30),
        True,
    ]
    assert book["Daten"]["E2"].number_format == "dd.mm.yyyy"


def test_empty_cells_keep_the_following_cells_in_their_columns():
    book = read([("S", [[None, "b", None, 0, ""], ["a"]])])
    assert values(book["S"]) == [[None, "b", None, 0], ["a", None, None, None]]


def test_formula_starts_are_neutralised_and_no_formula_is_stored():
    texts = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tTab", "harmlos"]
    book = read([("S", [[t] for t in texts])])
    assert [r[0] for r in values(book["S"])] == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "'\tTab",
        "harmlos",
    ]
    assert all(cell.data_type != "f" for row in book["S"].iter_rows() for cell in row)


def test_control_characters_that_xml_cannot_carry_are_dropped():
    book = read([("S", [["a\x00b\x01c\x0bd\x1fe\ufffef", "Zeile 1\nZeile 2", "  Rand  "]])])
    assert values(book["S"]) == [["abcdef", "Zeile 1\nZeile 2", "  Rand  "]]


def test_several_sheets_with_long_rows():
    wide = list(range(60))  # past column Z and AZ
    book = read([("Erste", [wide]), ("Hinweis", [["Noch 3 offen."]])])
    assert book.sheetnames == ["Erste", "Hinweis"]
    assert values(book["Erste"]) == [wide]
    assert book["Erste"]["BH1"].value == 59
    assert book["Hinweis"]["A1"].value == "Noch 3 offen."


def test_the_file_is_sent_while_the_rows_are_read():
    read_so_far = []

    def rows():
        for i in range(5000):
            read_so_far.append(i)
            yield [i, f"Zeile {i}"]

    response = streamed_xlsx("x.xlsx", [("S", rows())])
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"] == 'attachment; filename="x.xlsx"'
    chunks = iter(response.streaming_content)
    first = next(chunks)
    assert first.startswith(b"PK") and len(read_so_far) < 5000
    sent = first + b"".join(chunks)
    assert len(read_so_far) == 5000
    assert values(load_workbook(io.BytesIO(sent))["S"])[-1] == [4999, "Zeile 4999"]
