"""Personen CSV: upload -> preview -> confirm, errors by row and column, all or nothing; export."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gwa_portal.core.models import Role
from netzwerk.models import Person
from netzwerk.verzeichnis_csv import parse_personen_text

from ..factories import AkteurFactory, PersonFactory

pytestmark = pytest.mark.django_db

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER
IMPORT = reverse("netzwerk:person_import")
EXPORT = reverse("netzwerk:person_export_csv")
HEADER = "name;email;telefon;funktion;akteur;einwilligung_am;einwilligung_zweck\n"


def upload(client, text, name="personen.csv"):
    return client.post(IMPORT, {"datei": SimpleUploadedFile(name, text.encode("utf-8"))})


def body(response):
    return response.content.decode()


def errors(text):
    return [str(e) for e in parse_personen_text(text).errors]


def test_a_valid_file_is_previewed_then_imported_on_confirmation(client_as):
    akteur = AkteurFactory(name="Treff e. V.")
    client = client_as(F)
    text = HEADER + (
        "Aylin Beispiel;aylin@example.org;0511 1;Vorstand;treff e. v.;01.03.2024;Einladungen\n"
        "Bernd Muster;;;;;;\n"
        "Cem Beispiel;cem@example.org;;;;2024-02-29;Protokolle\n"
    )
    preview = upload(client, text)
    assert preview.status_code == 200
    assert "3 Personen jetzt importieren" in body(preview)
    assert not Person.objects.exists()
    token = preview.context["token"]
    response = client.post(IMPORT, {"token": token})
    assert response.status_code == 302
    aylin = Person.objects.get(email="aylin@example.org")
    assert (aylin.akteur, aylin.einwilligung_am) == (akteur, datetime.date(2024, 3, 1))
    assert Person.objects.get(name="Cem Beispiel").einwilligung_am == datetime.date(2024, 2, 29)
    assert Person.objects.count() == 3


def test_errors_are_listed_by_row_and_column_and_nothing_is_saved(client_as):
    text = HEADER + (
        "Gut;gut@example.org;;;;01.03.2024;Einladungen\n"
        ";kaputt;;;Unbekannt e. V.;31.02.2024;\n"
        "Ohne Einwilligung;ohne@example.org;;;;;\n"
    )
    response = upload(client_as(F), text)
    assert response.status_code == 400
    page = body(response)
    assert "Zeile 3, Spalte „name“: Bitte geben Sie den Namen an." in page
    assert "Zeile 3, Spalte „email“: „kaputt“ ist keine gültige E-Mail-Adresse." in page
    assert "Zeile 3, Spalte „akteur“: Unbekannte Akteur:in „Unbekannt e. V.“" in page
    assert "Zeile 3, Spalte „einwilligung_am“: „31.02.2024“ ist kein Datum." in page
    assert "Zeile 4, Spalte „einwilligung_am“: Mit E-Mail oder Telefon ist das Datum" in page
    assert "Zeile 4, Spalte „einwilligung_zweck“" in page
    assert "jetzt importieren" not in page
    assert not Person.objects.exists()


def test_duplicate_emails_in_the_file_and_in_the_directory_are_row_errors():
    PersonFactory(email="schon@example.org")
    found = errors(
        HEADER
        + "A;doppelt@example.org;;;;01.03.2024;E\n"
        + "B;DOPPELT@example.org;;;;01.03.2024;E\n"
        + "C;Schon@example.org;;;;01.03.2024;E\n"
    )
    assert found == [
        "Zeile 3, Spalte „email“: Die E-Mail-Adresse steht schon in Zeile 2.",
        "Zeile 4, Spalte „email“: Eine Person mit dieser E-Mail-Adresse ist schon im Verzeichnis.",
    ]


def test_file_problems_are_shown_next_to_the_upload_field(client_as):
    client = client_as(F)
    response = upload(client, "vorname;nachname\nA;B\n")
    assert response.status_code == 400
    assert 'id="id_datei_error"' in body(response)
    assert "Es fehlt die Spalte „name“" in body(response)
    response = client.post(
        IMPORT, {"datei": SimpleUploadedFile("x.csv", "name\nÄ\n".encode("latin-1"))}
    )
    assert "nicht in UTF-8" in body(response)


def test_comma_separated_files_and_missing_optional_columns_are_fine():
    result = parse_personen_text(
        "name,email,einwilligung_am,einwilligung_zweck\nA,a@example.org,01.03.2024,E\n"
    )
    assert result.is_valid
    assert result.rows[0].person.email == "a@example.org"


def test_a_stale_or_forged_confirmation_imports_nothing(client_as):
    response = client_as(F).post(IMPORT, {"token": "gefälscht"})
    assert response.status_code == 302 and response.url == IMPORT
    assert not Person.objects.exists()


def test_confirmation_checks_again_and_refuses_what_became_a_duplicate(client_as):
    client = client_as(F)
    preview = upload(client, HEADER + "A;a@example.org;;;;01.03.2024;E\n")
    PersonFactory(email="a@example.org")
    response = client.post(IMPORT, {"token": preview.context["token"]})
    assert response.status_code == 400
    assert Person.objects.count() == 1


@pytest.mark.parametrize("role", [K, V, P])
def test_only_the_fachstelle_imports(client_as, role):
    response = upload(client_as(role), HEADER + "A;;;;;;\n")
    assert response.status_code == 403
    assert not Person.objects.exists()


def test_export_round_trips_and_neutralises_formulas(client_as):
    akteur = AkteurFactory(name="Treff e. V.")
    PersonFactory(
        name='=HYPERLINK("x")',
        email="a@example.org",
        telefon="+49 511 1",
        funktion="@Vorstand",
        akteur=akteur,
        einwilligung_am=datetime.date(2024, 3, 1),
        einwilligung_zweck="Einladungen",
    )
    PersonFactory(name="Gelöscht", email="", geloescht_am="2024-01-01T00:00Z")
    response = client_as(V).get(EXPORT)
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    lines = text.removeprefix("\ufeff").splitlines()
    assert lines[0] == HEADER.strip()
    assert lines[1] == (
        '"\'=HYPERLINK(""x"")";a@example.org;\'+49 511 1;\'@Vorstand;Treff e. V.;01.03.2024;'
        "Einladungen"
    )
    assert len(lines) == 2  # erased Personen are hidden by default, like in the list

    Person.objects.all().delete()
    result = parse_personen_text(text)
    assert result.is_valid, [str(e) for e in result.errors]
    person = result.rows[0].person
    assert (person.name, person.telefon, person.funktion, person.akteur) == (
        '=HYPERLINK("x")',
        "+49 511 1",
        "@Vorstand",
        akteur,
    )


def test_export_follows_the_filters(client_as):
    PersonFactory(name="Aylin", email="aylin@example.org")
    PersonFactory(name="Bernd", email="bernd@example.org")
    text = b"".join(client_as(F).get(EXPORT, {"q": "aylin"}).streaming_content).decode()
    assert "Aylin" in text and "Bernd" not in text


def test_partner_cannot_export(client_as):
    assert client_as(P).get(EXPORT).status_code == 403
