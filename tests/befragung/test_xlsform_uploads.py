"""XLSForm uploads that are broken or hostile: a German error next to the field or by row,
a 400, and no Befragung half-created; never a 500."""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from befragung.models import Antwortoption, Befragung, Frage
from gwa_portal.core.models import Role

pytestmark = pytest.mark.django_db

HEADER = ("type", "name", "label", "required", "relevant", "constraint", "appearance")
URL = "befragung:xlsform_import"


def xlsform(survey, choices=(), rows=0):
    """An XLSForm workbook as bytes; `rows` extra text questions pad the survey sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    for row in [HEADER, *survey]:
        sheet.append(list(row))
    for i in range(rows):
        sheet.append(["text", f"frage_{i}", f"Frage {i}"])
    choices_sheet = workbook.create_sheet("choices")
    for row in [("list_name", "name", "label"), *choices]:
        choices_sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rewrite_member(content, member, change):
    """The same zip with one member's bytes passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, change(data) if info.filename == member else data)
    return buffer.getvalue()


def zip_bomb(uncompressed_mb=34):
    """A valid-looking XLSForm whose sheet XML inflates to `uncompressed_mb` MB."""
    content = xlsform([("text", "a", "A")])
    filler = b"<row><c t='inlineStr'><is><t>x</t></is></c></row>"
    padding = filler * (uncompressed_mb * 1024 * 1024 // len(filler))

    def inflate(data):
        return data.replace(b"</sheetData>", padding + b"</sheetData>")

    return rewrite_member(content, "xl/worksheets/sheet1.xml", inflate)


def post(client, content, name="form.xlsx"):
    return client.post(reverse(URL), {"datei": SimpleUploadedFile(name, content)})


def field_errors(response):
    return response.context["form"].errors.get("datei", [])


def assert_nothing_created():
    assert not Befragung.objects.exists()
    assert not Frage.objects.exists()
    assert not Antwortoption.objects.exists()


def test_a_truncated_sheet_inside_a_valid_zip_is_a_field_error(client_as):
    content = rewrite_member(
        xlsform([("text", "a", "A")], rows=200),
        "xl/worksheets/sheet1.xml",
        lambda data: data[: len(data) // 2],
    )
    response = post(client_as(Role.FACHSTELLE), content)
    assert response.status_code == 400
    assert field_errors(response) == [
        "Die Datei ist beschädigt oder keine Excel-Datei (.xlsx). "
        "Bitte speichern Sie sie erneut als .xlsx und laden Sie sie noch einmal hoch."
    ]
    assert 'id="id_datei_error"' in response.content.decode()
    assert_nothing_created()


def test_a_file_cut_off_in_the_middle_is_a_field_error(client_as):
    content = xlsform([("text", "a", "A")], rows=200)
    response = post(client_as(Role.FACHSTELLE), content[: len(content) // 2])
    assert response.status_code == 400
    assert field_errors(response)[0].startswith("Die Datei ist beschädigt")
    assert_nothing_created()


def test_a_member_with_damaged_compressed_data_is_a_field_error(client_as):
    content = bytearray(xlsform([("text", "a", "A")], rows=200))
    info = zipfile.ZipFile(io.BytesIO(bytes(content))).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + info.compress_size // 2, start + info.compress_size // 2 + 40):
        content[i] ^= 0x5A
    response = post(client_as(Role.FACHSTELLE), bytes(content))
    assert response.status_code == 400
    assert field_errors(response)[0].startswith("Die Datei ist beschädigt")
    assert_nothing_created()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(client_as):
    content = zip_bomb(34)
    assert len(content) < 200 * 1024
    started = time.monotonic()
    response = post(client_as(Role.FACHSTELLE), content)
    elapsed = time.monotonic() - started
    assert response.status_code == 400
    assert field_errors(response) == [
        "Die Datei ist entpackt größer als 10 MB. "
        "Bitte laden Sie eine kleinere Datei hoch oder teilen Sie sie auf."
    ]
    assert elapsed < 2, elapsed
    assert_nothing_created()


def test_the_uncompressed_limit_is_a_setting(client_as, settings):
    settings.UPLOAD_MAX_UNCOMPRESSED_BYTES = 1024
    response = post(client_as(Role.FACHSTELLE), xlsform([("text", "a", "A")]))
    assert response.status_code == 400
    assert field_errors(response)[0].startswith("Die Datei ist entpackt größer als 1 KB.")
    assert_nothing_created()


def test_too_many_rows_are_refused_without_reading_on(client_as):
    response = post(client_as(Role.FACHSTELLE), xlsform([], rows=2000))
    assert response.status_code == 400
    assert field_errors(response) == [
        "Das Tabellenblatt „survey“ hat mehr als 2.000 Zeilen. Bitte teilen Sie die Datei auf."
    ]
    assert_nothing_created()


def test_a_cell_far_to_the_right_is_refused(client_as):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    sheet.append(list(HEADER))
    sheet.append(["text", "a", "A"])
    sheet.cell(row=2, column=16384, value="weit rechts")
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = post(client_as(Role.FACHSTELLE), buffer.getvalue())
    assert response.status_code == 400
    assert field_errors(response) == [
        "Das Tabellenblatt „survey“ hat mehr als 200 Spalten. Bitte löschen Sie die Einträge rechts davon."
    ]
    assert_nothing_created()


def test_a_large_but_legal_form_still_imports(client_as):
    response = post(client_as(Role.FACHSTELLE), xlsform([], rows=1500))
    assert response.status_code == 302
    assert Befragung.objects.get().fragen.count() == 1500


def import_errors(response):
    assert response.status_code == 400
    assert "Die Datei wurde nicht importiert." in response.content.decode()
    return response.context["errors"]


def test_two_choices_of_the_same_name_in_one_list_are_a_row_error(client_as):
    content = xlsform(
        [("select_one farben", "farbe", "Lieblingsfarbe")],
        [("farben", "rot", "Rot"), ("farben", "blau", "Blau"), ("farben", "rot", "Rot (hell)")],
    )
    errors = import_errors(post(client_as(Role.FACHSTELLE), content))
    assert errors == [
        "Blatt „choices“, Zeile 4: Die Auswahl „rot“ kommt in der Liste „farben“ doppelt vor."
    ]
    assert_nothing_created()


def test_the_same_choice_name_in_two_lists_is_fine(client_as):
    content = xlsform(
        [("select_one farben", "farbe", "Farbe"), ("select_one ampel", "ampel", "Ampel")],
        [("farben", "rot", "Rot"), ("ampel", "rot", "Rot"), ("ampel", "gruen", "Grün")],
    )
    response = post(client_as(Role.FACHSTELLE), content)
    assert response.status_code == 302
    assert Antwortoption.objects.filter(name="rot").count() == 2


def test_two_matrix_rows_of_the_same_name_are_a_row_error(client_as):
    content = xlsform(
        [
            ("begin_group", "bewertung", "Bewertung", "", "", "", "field-list"),
            ("select_one noten", "bewertung__laerm", "Lärm"),
            ("select_one noten", "laerm", "Lärm nachts"),
            ("end_group", "bewertung"),
        ],
        [("noten", "gut", "gut"), ("noten", "schlecht", "schlecht")],
    )
    errors = import_errors(post(client_as(Role.FACHSTELLE), content))
    assert errors == ["Zeile 4: Die Zeile „laerm“ kommt in der Matrixfrage doppelt vor."]
    assert_nothing_created()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            ("integer", "alter", "Alter", "", "", ". >= 10 and . <= 5"),
            "Zeile 2: Die kleinste Zahl (10) ist größer als die größte (5).",
        ),
        (
            ("integer", "alter", "Alter", "", "", ". <= 99999999999"),
            "Zeile 2: Die Zahl 99999999999 in „constraint“ ist zu groß "
            "(erlaubt sind -2147483648 bis 2147483647).",
        ),
    ],
    ids=["min-over-max", "overflow"],
)
def test_number_bounds_that_the_database_would_refuse_are_row_errors(client_as, row, message):
    errors = import_errors(post(client_as(Role.FACHSTELLE), xlsform([row])))
    assert errors == [message]
    assert_nothing_created()


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ("start=0 end=40000", "Zeile 2: Eine Skala hat höchstens 11 Stufen (hier: 40001)."),
        ("start=40000 end=40005", "Zeile 2: Eine Skala reicht höchstens von -32768 bis 32767."),
    ],
    ids=["too-many-steps", "overflow"],
)
def test_a_range_the_survey_cannot_show_is_a_row_error(client_as, parameters, message):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    sheet.append([*HEADER, "parameters"])
    sheet.append(["range", "note", "Note", "", "", "", "", parameters])
    buffer = io.BytesIO()
    workbook.save(buffer)
    errors = import_errors(post(client_as(Role.FACHSTELLE), buffer.getvalue()))
    assert errors == [message]
    assert_nothing_created()


def test_a_likert_list_with_many_numbered_choices_imports_as_a_choice_question(client_as):
    content = xlsform(
        [("select_one punkte", "punkte", "Punkte", "", "", "", "likert")],
        [("punkte", str(n), str(n)) for n in range(1, 21)],
    )
    response = post(client_as(Role.FACHSTELLE), content)
    assert response.status_code == 302
    frage = Frage.objects.get()
    assert frage.typ == Frage.Typ.EINFACH
    assert frage.optionen.count() == 20
