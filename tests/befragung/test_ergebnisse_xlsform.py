"""XLSForm export and import: the round trip keeps questions, options, conditions and texts;
anything that does not map is an error with its row, and nothing is created."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from befragung import xlsform
from befragung.models import Befragung, Frage
from gwa_portal.core.models import Role

from ..factories import (
    AntwortoptionFactory,
    BefragungFactory,
    FrageFactory,
    MatrixzeileFactory,
    QuartierFactory,
)

pytestmark = pytest.mark.django_db

SPRACHEN = ["de", "ls", "en", "ar"]


def texts(de):
    return {"de": de, "ls": f"{de} (einfach)", "en": f"{de} (en)", "ar": f"{de} (ar)"}


def full_survey():
    befragung = BefragungFactory(
        slug="quartier-2025", titel={"de": "Leben im Quartier"}, sprachen=SPRACHEN
    )
    position = iter(range(1, 100))

    def frage(name, typ, **kwargs):
        return FrageFactory(
            befragung=befragung,
            position=next(position),
            name=name,
            typ=typ,
            text=texts(f"Frage {name}"),
            **kwargs,
        )

    def option(f, name, i):
        return AntwortoptionFactory(frage=f, position=i, name=name, text=texts(f"Antwort {name}"))

    einfach = frage("wohnen", "einfach", hilfe=texts("Bitte eine Antwort"), pflicht=True)
    miete = option(einfach, "miete", 1)
    option(einfach, "eigentum", 2)
    mehrfach = frage("orte", "mehrfach")
    park = option(mehrfach, "park", 1)
    option(mehrfach, "markt", 2)
    janein = frage("gern", "janein")
    ja = AntwortoptionFactory(frage=janein, position=1, name="ja", text={"de": "ja", "en": "yes"})
    AntwortoptionFactory(frage=janein, position=2, name="nein", text={"de": "nein", "en": "no"})
    frage(
        "zufrieden",
        "skala",
        skala_min=1,
        skala_max=5,
        skala_links={"de": "gar nicht", "en": "not at all"},
        skala_rechts={"de": "sehr", "en": "very"},
        bedingung_option=ja,
    )
    frage("warum", "text", bedingung_option=miete)
    frage("alter", "zahl", zahl_min=0, zahl_max=120)
    frage("kinder", "zahl")
    frage("wo", "quartier", bedingung_option=park)
    matrix = frage("bewertung", "matrix", hilfe=texts("Je Zeile eine Antwort"), pflicht=True)
    option(matrix, "gut", 1)
    option(matrix, "schlecht", 2)
    for i, name in enumerate(["laerm", "gruen"], start=1):
        MatrixzeileFactory(frage=matrix, position=i, name=name, text=texts(f"Zeile {name}"))
    return befragung


def snapshot(befragung):
    result = []
    for f in befragung.fragen.order_by("position"):
        bedingung = (
            (f.bedingung_option.frage.name, f.bedingung_option.name) if f.bedingung_option else None
        )
        result.append(
            {
                "name": f.name,
                "typ": f.typ,
                "text": f.text,
                "hilfe": f.hilfe,
                "pflicht": f.pflicht,
                "skala": (f.skala_min, f.skala_max, f.skala_links, f.skala_rechts),
                "zahl": (f.zahl_min, f.zahl_max),
                "bedingung": bedingung,
                "optionen": [(o.name, o.text) for o in f.optionen.all()],
                "zeilen": [(z.name, z.text) for z in f.zeilen.all()],
            }
        )
    return result


def upload(content, name="form.xlsx"):
    return SimpleUploadedFile(name, content)


def test_export_has_the_xlsform_sheets_and_language_columns(client_as):
    QuartierFactory(slug="wiesenau", name="Wiesenau")
    befragung = full_survey()
    response = client_as(Role.VERWALTUNG).get(
        reverse("befragung:xlsform_export", args=[befragung.slug])
    )
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["survey", "choices", "settings"]
    survey = [list(r) for r in workbook["survey"].iter_rows(values_only=True)]
    header = survey[0]
    assert header[:6] == [
        "type",
        "name",
        "label::Deutsch (de)",
        "label::Leichte Sprache (de-x-ls)",
        "label::English (en)",
        "label::العربية (ar)",
    ]
    types = {r[1]: r[0] for r in survey[1:]}
    assert types["wohnen"] == "select_one wohnen"
    assert types["orte"] == "select_multiple orte"
    assert types["gern"] == "select_one janein"
    assert types["zufrieden"] == "select_one skala_zufrieden"
    assert types["alter"] == "integer"
    assert types["wo"] == "select_one quartier"
    assert types["bewertung__laerm"] == "select_one bewertung"
    assert [r[0] for r in survey[1:] if r[1] == "bewertung"] == ["begin_group", "end_group"]
    rows = {r[1]: dict(zip(header, r, strict=True)) for r in survey[1:] if r[0] != "end_group"}
    assert rows["zufrieden"]["relevant"] == "selected(${gern}, 'ja')"
    assert rows["alter"]["constraint"] == ". >= 0 and . <= 120"
    assert rows["bewertung"]["appearance"] == "field-list"
    choices = [list(r) for r in workbook["choices"].iter_rows(values_only=True)]
    assert ["quartier", "wiesenau", "Wiesenau", "Wiesenau", "Wiesenau", "Wiesenau"] in choices
    settings = list(workbook["settings"].iter_rows(values_only=True))
    assert settings[1] == ("Leben im Quartier", "quartier-2025", "Deutsch (de)")


def test_round_trip_keeps_questions_options_conditions_and_texts(users):
    befragung = full_survey()
    result = xlsform.import_file(
        io.BytesIO(xlsform.export_bytes(befragung)), user=users[Role.FACHSTELLE]
    )
    imported = result.befragung
    assert imported.pk != befragung.pk
    assert imported.status == Befragung.Status.ENTWURF
    assert imported.slug == "quartier-2025-2"
    assert str(imported) == "Leben im Quartier"
    assert imported.all_sprachen == SPRACHEN
    assert snapshot(imported) == snapshot(befragung)


def sheet_file(survey, choices=(), settings=None):
    workbook = Workbook()
    workbook.active.title = "survey"
    for row in survey:
        workbook["survey"].append(list(row))
    sheet = workbook.create_sheet("choices")
    for row in [("list_name", "name", "label"), *choices]:
        sheet.append(list(row))
    if settings:
        sheet = workbook.create_sheet("settings")
        for row in settings:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


HEADER = ("type", "name", "label", "required", "relevant", "constraint", "appearance")


def errors_of(content, users):
    with pytest.raises(xlsform.XLSFormError) as error:
        xlsform.import_file(io.BytesIO(content), user=users[Role.FACHSTELLE])
    assert not Befragung.objects.exists() and not Frage.objects.exists()
    return error.value.errors


def test_unsupported_types_are_reported_by_row_and_nothing_is_created(users):
    content = sheet_file(
        [
            HEADER,
            ("text", "name", "Ihr Name"),
            ("geopoint", "ort", "Wo sind Sie?"),
            ("image", "foto", "Foto"),
            ("calculate", "summe", ""),
            ("select_one farben or_other", "farbe", "Farbe"),
        ],
        [("farben", "rot", "Rot")],
    )
    assert errors_of(content, users) == [
        "Zeile 3: Der Fragetyp „geopoint“ wird nicht unterstützt.",
        "Zeile 4: Der Fragetyp „image“ wird nicht unterstützt.",
        "Zeile 5: Der Fragetyp „calculate“ wird nicht unterstützt.",
        "Zeile 6: Der Fragetyp „select_one farben or_other“ wird nicht unterstützt.",
    ]


def test_unsupported_expressions_missing_lists_and_bad_conditions_are_errors(users):
    content = sheet_file(
        [
            HEADER,
            ("select_one farben", "farbe", "Farbe"),
            ("text", "warum", "Warum?", "", "${farbe} != 'rot'"),
            ("integer", "alter", "Alter", "", "", ". > 3 or . < 1"),
            ("text", "wozu", "Wozu?", "", "selected(${farbe}, 'lila')"),
            ("select_one fehlt", "x", "X"),
            ("text", "ohne_de", ""),
            ("begin_group", "seite1", "Seite 1"),
            ("text", "innen", "Innen"),
            ("end_group", "seite1"),
        ],
        [("farben", "rot", "Rot")],
    )
    errors = errors_of(content, users)
    assert errors[0].startswith(
        "Zeile 3: Die Bedingung „${farbe} != 'rot'“ (relevant) wird nicht unterstützt"
    )
    assert errors[1].startswith(
        "Zeile 4: Die Bedingung „. > 3 or . < 1“ (constraint) wird nicht unterstützt"
    )
    assert "Zeile 6: Die Auswahlliste „fehlt“ fehlt im Blatt „choices“." in errors
    assert any(
        e.startswith("Zeile 8: Gruppen werden nur als Matrixfrage unterstützt") for e in errors
    )
    assert any(e.startswith("Zeile 9: In einer Matrixfrage sind nur") for e in errors)
    assert "Zeile 7: Es fehlt der deutsche Text (label)." in errors
    assert any(e.startswith("Zeile 5: Die Bedingung nennt die Antwort „lila“") for e in errors)


def test_kobo_metadata_fields_are_skipped_and_named(users):
    content = sheet_file(
        [HEADER, ("start", "start", ""), ("end", "end", ""), ("range", "note", "Note", "yes")],
        settings=[("form_title", "form_id"), ("Kobo-Form", "kobo")],
    )
    # "range" needs parameters: an error, not a silent guess.
    assert errors_of(content, users)[0].startswith("Zeile 4: „range“ braucht")
    content = sheet_file(
        [
            (*HEADER, "parameters"),
            ("start", "start", ""),
            ("range", "note", "Note", "yes", "", "", "", "start=0 end=10 step=1"),
        ],
        settings=[("form_title", "form_id"), ("Kobo-Form", "kobo")],
    )
    result = xlsform.import_file(io.BytesIO(content), user=users[Role.FACHSTELLE])
    assert result.ignoriert == ["start"]
    frage = result.befragung.fragen.get()
    assert (frage.typ, frage.skala_min, frage.skala_max, frage.pflicht) == ("skala", 0, 10, True)
    assert result.befragung.slug == "kobo"


def test_unknown_language_columns_are_errors(users):
    content = sheet_file(
        [("type", "name", "label::Deutsch (de)", "label::Français (fr)"), ("text", "a", "A", "A")]
    )
    assert errors_of(content, users) == [
        "Blatt „survey“, Spalte „label::Français (fr)“: Diese Sprache wird nicht unterstützt."
    ]


def test_import_page_creates_a_draft_and_says_so(client_as):
    befragung = full_survey()
    content = xlsform.export_bytes(befragung)
    response = client_as(Role.FACHSTELLE).post(
        reverse("befragung:xlsform_import"), {"datei": upload(content)}, follow=True
    )
    assert response.status_code == 200
    assert "wurde als Entwurf angelegt (9 Fragen)" in response.content.decode()
    assert Befragung.objects.filter(status=Befragung.Status.ENTWURF).count() == 1


def test_import_page_lists_the_errors_with_400(client_as):
    content = sheet_file([HEADER, ("geopoint", "ort", "Wo?")])
    response = client_as(Role.FACHSTELLE).post(
        reverse("befragung:xlsform_import"), {"datei": upload(content)}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Die Datei wurde nicht importiert." in html
    assert "Zeile 2: Der Fragetyp „geopoint“ wird nicht unterstützt." in html


def test_import_page_rejects_files_that_are_not_xlsx(client_as):
    client = client_as(Role.FACHSTELLE)
    response = client.post(reverse("befragung:xlsform_import"), {"datei": upload(b"a;b", "x.csv")})
    assert response.status_code == 400
    assert "Bitte laden Sie eine Excel-Datei (.xlsx) hoch." in response.content.decode()
    response = client.post(reverse("befragung:xlsform_import"), {"datei": upload(b"kaputt")})
    assert "Die Datei ist beschädigt oder keine Excel-Datei (.xlsx)." in response.content.decode()
    assert not Befragung.objects.exists()


@pytest.mark.parametrize("role", [Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER])
def test_only_the_fachstelle_imports(client_as, role):
    content = sheet_file([HEADER, ("text", "a", "A")])
    response = client_as(role).post(reverse("befragung:xlsform_import"), {"datei": upload(content)})
    assert response.status_code == 403
    assert not Befragung.objects.exists()
