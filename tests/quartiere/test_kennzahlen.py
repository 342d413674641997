"""Kennzahlen: the list, single values, and the CSV import (preview, confirm) and export."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gwa_portal.core.models import Role
from quartiere import kennzahlen_csv
from quartiere.kennzahlen_csv import (
    format_wert,
    import_kennzahlen,
    parse_kennzahlen_csv,
    parse_kennzahlen_text,
    parse_wert,
)
from quartiere.models import Kennzahl, Merkmal

from ..factories import KennzahlFactory, QuartierFactory

HEADER = "quartier;jahr;merkmal;wert;quelle\n"
LIST_URL = reverse("quartiere:kennzahl_list")
IMPORT_URL = reverse("quartiere:kennzahl_import")
EXPORT_URL = reverse("quartiere:kennzahl_export")


@pytest.fixture
def quartiere(db):
    return {
        "wiesenau": QuartierFactory(name="Wiesenau", slug="wiesenau"),
        "alte-mitte": QuartierFactory(name="Alte Mitte", slug="alte-mitte"),
    }


def csv_file(text, *, encoding="utf-8", name="kennzahlen.csv"):
    data = text if isinstance(text, bytes) else text.encode(encoding)
    return SimpleUploadedFile(name, data, content_type="text/csv")


def parse(text):
    return parse_kennzahlen_csv(io.BytesIO(text.encode("utf-8")))


def errors_of(result):
    return [str(e) for e in result.errors]


def snapshot():
    return sorted(
        Kennzahl.objects.values_list("quartier__slug", "merkmal", "jahr", "wert", "quelle")
    )


# Parsing and checking (quartiere/kennzahlen_csv.py)


def test_semicolon_file_with_bom_and_decimal_comma_is_read(quartiere):
    result = parse_kennzahlen_csv(
        io.BytesIO(
            (
                "\ufeff"
                + HEADER
                + "wiesenau;2023;einwohner;5230;Melderegister\n"
                + "alte-mitte;2023;anteil_nichtdeutsch;18,5;\n"
            ).encode()
        )
    )
    assert result.is_valid, errors_of(result)
    assert [(r.quartier, r.jahr, r.merkmal, r.wert, r.quelle) for r in result.rows] == [
        (quartiere["wiesenau"], 2023, "einwohner", Decimal("5230"), "Melderegister"),
        (quartiere["alte-mitte"], 2023, "anteil_nichtdeutsch", Decimal("18.5"), ""),
    ]


def test_comma_file_with_decimal_point_or_quoted_comma_is_read(quartiere):
    result = parse(
        "quartier,jahr,merkmal,wert\n"
        "wiesenau,2023,transferquote,12.5\n"
        'wiesenau,2024,transferquote,"13,25"\n'
    )
    assert result.is_valid, errors_of(result)
    assert [r.wert for r in result.rows] == [Decimal("12.5"), Decimal("13.25")]


def test_columns_may_come_in_any_order_and_case(quartiere):
    result = parse("Wert;Merkmal;Jahr;Quartier\n7;einwohner;2020;wiesenau\n")
    assert result.is_valid, errors_of(result)
    assert result.rows[0].wert == 7


def test_unquoted_decimal_comma_in_comma_file_is_explained(quartiere):
    result = parse("quartier,jahr,merkmal,wert\nwiesenau,2023,transferquote,12,5\n")
    assert errors_of(result)[0].startswith("Zeile 2: Die Zeile hat 5 Werte, erwartet sind 4.")
    assert "Dezimalkomma" in errors_of(result)[0]


def test_unquoted_decimal_comma_is_not_taken_for_a_source(quartiere):
    result = parse("quartier,jahr,merkmal,wert,quelle\nwiesenau,2023,transferquote,12,5\n")
    assert errors_of(result) == [
        "Zeile 2, Spalte „wert“: Ist „12,5“ gemeint? In einer mit Komma getrennten Datei muss "
        "eine Zahl mit Dezimalkomma in Anführungszeichen stehen („12,5“) – oder verwenden Sie "
        "Semikolons als Trennzeichen."
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Die Datei ist leer."),
        (b" \n\n", "Die Datei ist leer."),
        ("quartier;jahr;merkmal;wert\nwiesenau;2023;einwohner;Größe\n".encode("latin-1"), "UTF-8"),
        (b"quartier;jahr;wert\nwiesenau;2023;5\n", "Es fehlen die Spalte(n) „merkmal“"),
        (
            b"quartier;jahr;merkmal;wert;farbe\nwiesenau;2023;einwohner;5;rot\n",
            "Unbekannte Spalte(n) „farbe“",
        ),
        (b"quartier;jahr;jahr;merkmal;wert\n", "„jahr“ kommen mehrfach vor"),
        (HEADER.encode(), "nur die Kopfzeile"),
    ],
)
def test_unreadable_files_are_refused_as_a_whole(quartiere, content, message):
    result = parse_kennzahlen_csv(io.BytesIO(content))
    assert not result.is_valid
    assert result.rows == []
    assert any(message in e for e in result.file_errors), result.file_errors


def test_file_over_two_megabytes_is_refused(quartiere):
    big = HEADER + "wiesenau;2023;einwohner;1;" + "x" * (2 * 1024 * 1024) + "\n"
    assert "größer als 2 MB" in parse(big).file_errors[0]


def test_file_with_too_many_rows_is_refused(quartiere, monkeypatch):
    monkeypatch.setattr(kennzahlen_csv, "MAX_ROWS", 3)
    rows = "".join(f"wiesenau;{2000 + i};einwohner;1;\n" for i in range(4))
    assert "mehr als 3 Datenzeilen" in parse(HEADER + rows).file_errors[0]


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (
            "nirgendwo;2023;einwohner;1;",
            "Zeile 3, Spalte „quartier“: Unbekanntes Quartier „nirgendwo“.",
        ),
        ("wiesenau;20x3;einwohner;1;", "Zeile 3, Spalte „jahr“: „20x3“ ist keine Jahreszahl."),
        ("wiesenau;1850;einwohner;1;", "Zeile 3, Spalte „jahr“: Das Jahr muss zwischen 1990"),
        ("wiesenau;;einwohner;1;", "Zeile 3, Spalte „jahr“: Bitte geben Sie das Jahr an."),
        (
            "wiesenau;2023;haustiere;1;",
            "Zeile 3, Spalte „merkmal“: Unbekanntes Merkmal „haustiere“",
        ),
        ("wiesenau;2023;einwohner;viele;", "Zeile 3, Spalte „wert“: „viele“ ist keine Zahl."),
        ("wiesenau;2023;einwohner;;", "Zeile 3, Spalte „wert“: Bitte geben Sie den Wert an."),
        (
            "wiesenau;2023;einwohner;-5;",
            "Zeile 3, Spalte „wert“: Der Wert darf nicht negativ sein.",
        ),
        (
            "wiesenau;2023;transferquote;100,5;",
            "Zeile 3, Spalte „wert“: Ein Anteil in Prozent darf höchstens 100 sein.",
        ),
        ("wiesenau;2023;einwohner;1.234;", "Zeile 3, Spalte „wert“: „1.234“ ist mehrdeutig."),
        ("wiesenau;2023;einwohner;1,125;", "Zeile 3, Spalte „wert“: Bitte höchstens zwei"),
        (
            "wiesenau;2023;einwohner;1;" + "q" * 201,
            "Zeile 3, Spalte „quelle“: Die Quelle darf höchstens 200 Zeichen",
        ),
        (
            "wiesenau;2022;einwohner;2;",
            "Zeile 3: Quartier „wiesenau“, Merkmal „einwohner“ und Jahr 2022 stehen schon in Zeile 2.",
        ),
    ],
)
def test_each_bad_row_is_reported_with_row_and_column(quartiere, line, error):
    result = parse(HEADER + "wiesenau;2022;einwohner;1;\n" + line + "\n")
    assert not result.is_valid
    assert any(e.startswith(error) for e in errors_of(result)), errors_of(result)
    assert result.rows[0].valid
    assert not result.rows[1].valid


def test_all_errors_of_a_row_are_reported(quartiere):
    result = parse(HEADER + "nirgendwo;zwanzig;haustiere;viel;\n")
    assert [e.column for e in result.errors] == ["quartier", "jahr", "merkmal", "wert"]


def test_blank_lines_are_skipped_and_rows_keep_their_spreadsheet_number(quartiere):
    result = parse(HEADER + "\nwiesenau;2023;einwohner;x;\n")
    assert errors_of(result) == [
        "Zeile 3, Spalte „wert“: „x“ ist keine Zahl. Beispiele: 1234 oder 12,5."
    ]


def test_preview_marks_new_updated_and_unchanged_rows(quartiere):
    KennzahlFactory(quartier=quartiere["wiesenau"], jahr=2022, merkmal="einwohner", wert=100)
    KennzahlFactory(quartier=quartiere["wiesenau"], jahr=2023, merkmal="einwohner", wert=200)
    result = parse(
        HEADER
        + "wiesenau;2022;einwohner;100;\n"
        + "wiesenau;2023;einwohner;250;\n"
        + "wiesenau;2024;einwohner;300;\n"
    )
    assert [r.status for r in result.rows] == ["unverändert", "aktualisiert", "neu"]
    assert result.rows[1].existing.wert == 200


def test_import_adds_new_and_updates_existing_values_in_one_go(quartiere):
    KennzahlFactory(quartier=quartiere["wiesenau"], jahr=2023, merkmal="einwohner", wert=200)
    result = parse(
        HEADER
        + "wiesenau;2023;einwohner;250;neu gezählt\n"
        + "alte-mitte;2023;alter_80_plus;312;\n"
    )
    summary = import_kennzahlen(rows=result.rows)
    assert (summary.created, summary.updated, summary.unchanged) == (1, 1, 0)
    assert snapshot() == [
        ("alte-mitte", "alter_80_plus", 2023, Decimal("312.00"), ""),
        ("wiesenau", "einwohner", 2023, Decimal("250.00"), "neu gezählt"),
    ]


def test_import_refuses_rows_with_errors(quartiere):
    result = parse(HEADER + "wiesenau;2023;einwohner;1;\nwiesenau;2023;einwohner;x;\n")
    with pytest.raises(ValueError):
        import_kennzahlen(rows=result.rows)
    assert Kennzahl.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "wert"),
    [("12,5", "12.5"), ("12.5", "12.5"), ("1234", "1234"), ("0,05", "0.05"), ("1 234", "1234")],
)
def test_values_accept_decimal_comma_and_point(text, wert):
    assert parse_wert(text) == Decimal(wert)


def test_export_format_of_values_is_german_and_minimal():
    assert format_wert(Decimal("1234.00")) == "1234"
    assert format_wert(Decimal("12.50")) == "12,5"
    assert format_wert(Decimal("0.05")) == "0,05"


def test_text_is_checked_the_same_way_as_an_upload(quartiere):
    assert parse_kennzahlen_text(HEADER + "wiesenau;2023;einwohner;1;\n").is_valid


# The list


def test_list_shows_values_with_german_numbers(client_as, quartiere):
    KennzahlFactory(
        quartier=quartiere["wiesenau"], jahr=2023, merkmal="einwohner", wert=5230, quelle="Register"
    )
    KennzahlFactory(quartier=quartiere["wiesenau"], jahr=2023, merkmal="transferquote", wert="12.5")
    body = client_as(Role.VERWALTUNG).get(LIST_URL).content.decode()
    assert "Wiesenau" in body
    assert "5.230" in body
    assert "12,50" in body
    assert "Transferleistungsquote (%)" in body
    assert "Register" in body
    # Verwaltung reads, but sees no buttons to change anything.
    assert reverse("quartiere:kennzahl_create") not in body
    assert IMPORT_URL not in body


def test_list_shows_change_buttons_to_the_fachstelle(client_as, quartiere):
    kennzahl = KennzahlFactory(quartier=quartiere["wiesenau"])
    body = client_as(Role.FACHSTELLE).get(LIST_URL).content.decode()
    assert reverse("quartiere:kennzahl_edit", args=[kennzahl.pk]) in body
    assert IMPORT_URL in body


def test_list_filters_by_quartier_merkmal_and_year(client_as, quartiere):
    wanted = KennzahlFactory(
        quartier=quartiere["wiesenau"], jahr=2023, merkmal="alter_80_plus", wert=4711
    )
    KennzahlFactory(quartier=quartiere["alte-mitte"], jahr=2023, merkmal="alter_80_plus", wert=1111)
    KennzahlFactory(quartier=quartiere["wiesenau"], jahr=2022, merkmal="alter_80_plus", wert=2222)
    KennzahlFactory(quartier=quartiere["wiesenau"], jahr=2023, merkmal="einwohner", wert=3333)
    response = client_as(Role.KOORDINATION).get(
        LIST_URL, {"quartier": "wiesenau", "merkmal": "alter_80_plus", "jahr": 2023}
    )
    assert list(response.context["page"].object_list) == [wanted]
    body = response.content.decode()
    assert "4.711" in body
    assert "1.111" not in body
    # The export link keeps the filters.
    assert f"{EXPORT_URL}?quartier=wiesenau&amp;merkmal=alter_80_plus&amp;jahr=2023" in body


def test_list_has_an_empty_state(client_as, db):
    body = client_as(Role.FACHSTELLE).get(LIST_URL).content.decode()
    assert "Es sind noch keine Kennzahlen erfasst." in body


def test_list_keeps_a_constant_number_of_queries(
    client_as, quartiere, django_assert_max_num_queries
):
    client = client_as(Role.FACHSTELLE)
    KennzahlFactory(quartier=quartiere["wiesenau"])
    with django_assert_max_num_queries(10) as small:
        client.get(LIST_URL)
    extra = [QuartierFactory() for _ in range(10)]
    Kennzahl.objects.bulk_create(
        Kennzahl(quartier=q, jahr=jahr, merkmal=merkmal, wert=1)
        for q in extra
        for jahr in range(2010, 2020)
        for merkmal in (Merkmal.EINWOHNER, Merkmal.ALTER_65_PLUS, Merkmal.TRANSFERQUOTE)
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(LIST_URL, {"page": 2})
    assert len(response.context["page"].object_list) == 25


# Single values


def test_fachstelle_creates_a_value_with_decimal_comma(client_as, quartiere):
    response = client_as(Role.FACHSTELLE).post(
        reverse("quartiere:kennzahl_create"),
        {
            "quartier": quartiere["wiesenau"].pk,
            "merkmal": "transferquote",
            "jahr": "2024",
            "wert": "12,5",
            "quelle": "Jobcenter",
        },
        follow=True,
    )
    assert "Die Kennzahl wurde gespeichert." in response.content.decode()
    kennzahl = Kennzahl.objects.get()
    assert (kennzahl.wert, kennzahl.quelle) == (Decimal("12.5"), "Jobcenter")


def test_create_page_preselects_the_quartier_from_the_link(client_as, quartiere):
    response = client_as(Role.FACHSTELLE).get(
        reverse("quartiere:kennzahl_create"), {"quartier": "alte-mitte"}
    )
    assert response.context["form"]["quartier"].value() == quartiere["alte-mitte"].pk


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"merkmal": "einwohner", "jahr": "2023", "wert": "5"},
            "Für dieses Quartier, dieses Merkmal und dieses Jahr gibt es schon einen Wert.",
        ),
        (
            {"merkmal": "anteil_nichtdeutsch", "jahr": "2024", "wert": "101"},
            "Ein Anteil in Prozent darf höchstens 100 sein.",
        ),
        ({"merkmal": "einwohner", "jahr": "1900", "wert": "5"}, "Das Jahr muss zwischen 1990"),
        ({"merkmal": "einwohner", "jahr": "2024", "wert": "-1"}, "Der Wert darf nicht negativ"),
        ({"merkmal": "einwohner", "jahr": "2024", "wert": "viele"}, "Bitte geben Sie eine Zahl an"),
        ({"merkmal": "", "jahr": "2024", "wert": "1"}, "Bitte wählen Sie ein Merkmal."),
    ],
)
def test_invalid_values_are_refused_in_german(client_as, quartiere, data, message):
    KennzahlFactory(quartier=quartiere["wiesenau"], jahr=2023, merkmal="einwohner", wert=1)
    before = snapshot()
    response = client_as(Role.FACHSTELLE).post(
        reverse("quartiere:kennzahl_create"), {"quartier": quartiere["wiesenau"].pk, **data}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == before


def test_fachstelle_edits_a_value(client_as, quartiere):
    kennzahl = KennzahlFactory(quartier=quartiere["wiesenau"], jahr=2023, wert=1)
    client = client_as(Role.FACHSTELLE)
    form = client.get(reverse("quartiere:kennzahl_edit", args=[kennzahl.pk])).context["form"]
    assert form["wert"].value() == Decimal("1")
    response = client.post(
        reverse("quartiere:kennzahl_edit", args=[kennzahl.pk]),
        {"quartier": kennzahl.quartier.pk, "merkmal": "einwohner", "jahr": "2023", "wert": "2,5"},
    )
    assert response.status_code == 302
    kennzahl.refresh_from_db()
    assert kennzahl.wert == Decimal("2.5")


def test_fachstelle_deletes_a_value_after_confirmation(client_as, quartiere):
    kennzahl = KennzahlFactory(quartier=quartiere["wiesenau"])
    client = client_as(Role.FACHSTELLE)
    url = reverse("quartiere:kennzahl_delete", args=[kennzahl.pk])
    assert "wirklich löschen" in client.get(url).content.decode()
    assert Kennzahl.objects.exists()
    response = client.post(url, follow=True)
    assert "Die Kennzahl wurde gelöscht." in response.content.decode()
    assert not Kennzahl.objects.exists()


@pytest.mark.parametrize("role", [Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER])
def test_only_the_fachstelle_changes_kennzahlen(client_as, quartiere, role):
    kennzahl = KennzahlFactory(quartier=quartiere["wiesenau"], jahr=2023, wert=1)
    before = snapshot()
    client = client_as(role)
    data = {"quartier": kennzahl.quartier.pk, "merkmal": "einwohner", "jahr": "2023", "wert": "9"}
    requests = [
        (reverse("quartiere:kennzahl_create"), {**data, "jahr": "2024"}),
        (reverse("quartiere:kennzahl_edit", args=[kennzahl.pk]), data),
        (reverse("quartiere:kennzahl_delete", args=[kennzahl.pk]), {}),
        (IMPORT_URL, {"datei": csv_file(HEADER + "wiesenau;2025;einwohner;1;\n")}),
        (IMPORT_URL, {"token": "geraten"}),
    ]
    for url, payload in requests:
        assert client.get(url).status_code == 403, url
        assert client.post(url, payload).status_code == 403, url
    assert snapshot() == before


def test_anonymous_users_are_sent_to_the_login(client, quartiere):
    for url in (LIST_URL, EXPORT_URL, IMPORT_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


# CSV import through the pages


def test_import_shows_a_preview_and_saves_only_after_confirmation(client_as, quartiere):
    KennzahlFactory(quartier=quartiere["wiesenau"], jahr=2023, merkmal="einwohner", wert=100)
    client = client_as(Role.FACHSTELLE)
    content = HEADER + "wiesenau;2023;einwohner;120;Register\nalte-mitte;2023;alter_65_plus;800;\n"
    preview = client.post(IMPORT_URL, {"datei": csv_file(content)})
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "Jetzt importieren" in body
    assert "1 neue Kennzahl" in body
    assert "1 vorhandener Wert wird geändert" in body
    assert "bisher 100" in body
    # Nothing is written before the confirmation.
    assert snapshot() == [("wiesenau", "einwohner", 2023, Decimal("100.00"), "")]

    response = client.post(IMPORT_URL, {"token": preview.context["token"]}, follow=True)
    assert "Import abgeschlossen: 1 neue und 1 geänderte Kennzahlen, 0 unverändert." in (
        response.content.decode()
    )
    assert snapshot() == [
        ("alte-mitte", "alter_65_plus", 2023, Decimal("800.00"), ""),
        ("wiesenau", "einwohner", 2023, Decimal("120.00"), "Register"),
    ]
    # The same confirmation cannot be sent twice.
    again = client.post(IMPORT_URL, {"token": preview.context["token"]}, follow=True)
    assert "nicht mehr gültig" in again.content.decode()


def test_one_bad_row_among_good_ones_imports_nothing(client_as, quartiere):
    KennzahlFactory(quartier=quartiere["wiesenau"], jahr=2020, merkmal="einwohner", wert=100)
    before = snapshot()
    client = client_as(Role.FACHSTELLE)
    content = (
        HEADER
        + "wiesenau;2021;einwohner;110;\n"
        + "wiesenau;2022;einwohner;120;\n"
        + "wiesenau;2023;transferquote;130;\n"
        + "wiesenau;2020;einwohner;999;\n"
    )
    response = client.post(IMPORT_URL, {"datei": csv_file(content)})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Zeile 4, Spalte „wert“: Ein Anteil in Prozent darf höchstens 100 sein." in body
    assert "Es wurde nichts gespeichert." in body
    assert "Jetzt importieren" not in body
    assert response.context["token"] is None
    assert snapshot() == before
    # A guessed or replayed token does not get the file in either.
    client.post(IMPORT_URL, {"token": "geraten"})
    assert snapshot() == before


def test_confirmation_checks_the_rows_again(client_as, quartiere):
    client = client_as(Role.FACHSTELLE)
    preview = client.post(IMPORT_URL, {"datei": csv_file(HEADER + "wiesenau;2023;einwohner;1;\n")})
    assert preview.status_code == 200
    quartiere["wiesenau"].delete()
    response = client.post(IMPORT_URL, {"token": preview.context["token"]})
    assert response.status_code == 400
    assert "Unbekanntes Quartier „wiesenau“" in response.content.decode()
    assert not Kennzahl.objects.exists()


def test_a_newer_upload_replaces_the_pending_one(client_as, quartiere):
    client = client_as(Role.FACHSTELLE)
    first = client.post(IMPORT_URL, {"datei": csv_file(HEADER + "wiesenau;2023;einwohner;1;\n")})
    client.post(IMPORT_URL, {"datei": csv_file(HEADER + "wiesenau;2024;einwohner;2;\n")})
    response = client.post(IMPORT_URL, {"token": first.context["token"]}, follow=True)
    assert "nicht mehr gültig" in response.content.decode()
    assert not Kennzahl.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (csv_file(b""), "Die Datei ist leer."),
        (
            csv_file("quartier;jahr;merkmal;wert\nwiesenau;2023;einwohner;1\n", encoding="utf-16"),
            "UTF-8",
        ),
        (csv_file(b"quartier;wert\nwiesenau;1\n"), "Es fehlen die Spalte(n) „jahr“, „merkmal“."),
    ],
)
def test_unreadable_upload_stays_on_the_upload_page_with_the_reason(
    client_as, quartiere, upload, message
):
    response = client_as(Role.FACHSTELLE).post(IMPORT_URL, {"datei": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Kennzahl.objects.exists()


def test_upload_without_a_file_asks_for_one(client_as, quartiere):
    response = client_as(Role.FACHSTELLE).post(IMPORT_URL, {})
    assert response.status_code == 400
    assert "Bitte wählen Sie eine CSV-Datei aus." in response.content.decode()


def test_import_page_explains_the_format(client_as, db):
    body = client_as(Role.FACHSTELLE).get(IMPORT_URL).content.decode()
    assert "quartier;jahr;merkmal;wert;quelle" in body
    assert "anteil_nichtdeutsch" in body


# CSV export


def export(client, **filters):
    response = client.get(EXPORT_URL, filters)
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def test_export_is_utf8_with_bom_semicolons_and_decimal_comma(client_as, quartiere):
    KennzahlFactory(quartier=quartiere["wiesenau"], jahr=2023, merkmal="transferquote", wert="12.5")
    response = client_as(Role.VERWALTUNG).get(EXPORT_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="kennzahlen.csv"' in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert (
        text == "\ufeffquartier;jahr;merkmal;wert;quelle\r\nwiesenau;2023;transferquote;12,5;\r\n"
    )


def test_export_uses_the_list_filters(client_as, quartiere):
    KennzahlFactory(quartier=quartiere["wiesenau"], jahr=2023, wert=1)
    KennzahlFactory(quartier=quartiere["alte-mitte"], jahr=2023, wert=2)
    text = export(client_as(Role.KOORDINATION), quartier="alte-mitte")
    assert "alte-mitte;2023" in text
    assert "wiesenau" not in text


def test_export_defuses_formulas_in_text_cells(client_as, quartiere):
    KennzahlFactory(
        quartier=quartiere["wiesenau"], jahr=2018, quelle='=HYPERLINK("http://böse.example")'
    )
    KennzahlFactory(quartier=quartiere["wiesenau"], jahr=2019, quelle="@SUM(A1)")
    text = export(client_as(Role.FACHSTELLE))
    assert ';"\'=HYPERLINK(""http://böse.example"")"\r\n' in text
    assert ";'@SUM(A1)\r\n" in text


def test_export_imports_again_unchanged(client_as, quartiere):
    KennzahlFactory(
        quartier=quartiere["wiesenau"],
        jahr=2023,
        merkmal="einwohner",
        wert=5230,
        quelle="Melderegister; Stand 31.12.",
    )
    KennzahlFactory(
        quartier=quartiere["alte-mitte"], jahr=2022, merkmal="transferquote", wert="12.25"
    )
    KennzahlFactory(
        quartier=quartiere["alte-mitte"], jahr=2021, merkmal="alter_0_17", quelle="=1+1"
    )
    before = snapshot()
    client = client_as(Role.FACHSTELLE)
    exported = export(client)

    Kennzahl.objects.all().delete()
    preview = client.post(IMPORT_URL, {"datei": csv_file(exported)})
    assert preview.status_code == 200, [str(e) for e in preview.context["result"].errors]
    client.post(IMPORT_URL, {"token": preview.context["token"]})
    assert snapshot() == before
    assert export(client) == exported

    # Importing the export over the same data changes nothing.
    preview = client.post(IMPORT_URL, {"datei": csv_file(exported)})
    assert preview.context["result"].unchanged_count == 3
