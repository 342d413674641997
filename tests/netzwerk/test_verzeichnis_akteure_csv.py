"""Akteur:innen CSV import: upload -> preview -> confirm, errors by row and column, all or
nothing, existing names are row errors, and an export imports unchanged."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gwa_portal.core.models import Role
from netzwerk.akteure_csv import parse_akteure_text
from netzwerk.models import Akteur

from ..factories import AkteurFactory, QuartierFactory

pytestmark = pytest.mark.django_db

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER
IMPORT = reverse("netzwerk:akteur_import")
EXPORT = reverse("netzwerk:akteur_export")
HEADER = "name;art;quartiere;adresse;web;telefon;email;beschreibung;aktiv\n"


def upload(client, text, name="akteure.csv"):
    return client.post(IMPORT, {"datei": SimpleUploadedFile(name, text.encode("utf-8"))})


def body(response):
    return response.content.decode()


def confirm(client, response):
    token = response.context["token"]
    assert token, "a valid file offers the confirmation"
    return client.post(IMPORT, {"token": token})


@pytest.fixture
def quartiere(db):
    return QuartierFactory(name="Wiesenau", slug="wiesenau"), QuartierFactory(
        name="Kaltenweide", slug="kaltenweide"
    )


def test_valid_file_shows_a_preview_and_saves_only_after_confirmation(client_as, quartiere):
    wiesenau, kaltenweide = quartiere
    client = client_as(F)
    text = (
        HEADER
        + "Treff e. V.;Verein;Wiesenau, Kaltenweide;Walsroder Straße 1;https://treff.example.org;"
        "0511 1;info@treff.example.org;Nachbarschaftshilfe;ja\n"
        + "St. Paulus;kirche;kaltenweide;;;;;;nein\n"
    )
    preview = upload(client, text)
    assert preview.status_code == 200
    assert "2 Akteur:innen jetzt importieren" in body(preview)
    assert not Akteur.objects.exists(), "the preview writes nothing"
    response = confirm(client, preview)
    assert response.status_code == 302 and response.url == reverse("netzwerk:akteur_list")
    treff = Akteur.objects.get(name="Treff e. V.")
    assert (treff.art, treff.web, treff.email, treff.aktiv) == (
        "verein",
        "https://treff.example.org",
        "info@treff.example.org",
        True,
    )
    assert treff.beschreibung == "Nachbarschaftshilfe"
    assert set(treff.quartiere.all()) == {wiesenau, kaltenweide}
    paulus = Akteur.objects.get(name="St. Paulus")
    assert (paulus.art, paulus.aktiv, list(paulus.quartiere.all())) == (
        "kirche",
        False,
        [kaltenweide],
    )
    listing = client.get(response.url)
    assert "Import abgeschlossen: 2 Akteur:innen wurden angelegt." in body(listing)


def test_row_errors_name_row_and_column_and_nothing_is_saved(client_as, quartiere):
    AkteurFactory(name="Treff e. V.")
    text = (
        HEADER
        + "Neu e. V.;Verein;Wiesenau;;;;;;ja\n"
        + "treff e. v.;Verein;;;;;;;\n"
        + "Zweiter;Sportverein;Atlantis;;keine-url;;kaputt;;vielleicht\n"
        + "Neu e. V.;Träger;;;;;;;\n"
        + ";;;;;;;;\n"
        + ";Verein;;;;;;;\n"
    )
    response = upload(client_as(F), text)
    assert response.status_code == 400
    page = body(response)
    assert "Es wurde nichts gespeichert." in page
    for expected in (
        "Zeile 3, Spalte „name“: Es gibt schon eine Akteur:in mit diesem Namen.",
        "Zeile 4, Spalte „art“: Unbekannte Art „Sportverein“.",
        "Zeile 4, Spalte „quartiere“: Unbekanntes Quartier „Atlantis“.",
        "Zeile 4, Spalte „web“: „keine-url“ ist keine Internetadresse.",
        "Zeile 4, Spalte „email“: „kaputt“ ist keine gültige E-Mail-Adresse.",
        "Zeile 4, Spalte „aktiv“: „vielleicht“",
        "Zeile 5, Spalte „name“: Der Name steht schon in Zeile 2.",
        "Zeile 7, Spalte „name“: Bitte geben Sie den Namen der Organisation an.",
    ):
        assert expected in page, expected
    assert response.context["token"] is None, "no confirmation for a file with errors"
    assert Akteur.objects.count() == 1


def test_the_page_says_that_existing_names_are_not_overwritten(client_as):
    page = body(client_as(F).get(IMPORT))
    assert "bestehende Einträge werden nie überschrieben" in page


def test_missing_required_columns_is_a_file_error(client_as):
    response = upload(client_as(F), "name;quartiere\nTreff;Wiesenau\n")
    assert response.status_code == 400
    assert "Es fehlt die Spalte „art“." in body(response)


def test_a_name_taken_between_preview_and_confirmation_shows_the_row_again(client_as):
    client = client_as(F)
    preview = upload(client, HEADER + "Treff e. V.;Verein;;;;;;;\n")
    AkteurFactory(name="Treff e. V.")
    response = confirm(client, preview)
    assert response.status_code == 400
    assert "Zeile 2, Spalte „name“: Es gibt schon eine Akteur:in" in body(response)
    assert Akteur.objects.count() == 1


def test_a_stale_token_imports_nothing(client_as):
    client = client_as(F)
    upload(client, HEADER + "Treff e. V.;Verein;;;;;;;\n")
    response = client.post(IMPORT, {"token": "erfunden"})
    assert response.status_code == 302 and response.url == IMPORT
    assert not Akteur.objects.exists()


def test_an_export_imports_unchanged(client_as, quartiere):
    wiesenau, kaltenweide = quartiere
    AkteurFactory(
        name="=Formel e. V.",
        art="traeger",
        quartiere=[wiesenau, kaltenweide],
        adresse="Walsroder Straße 1\n30851 Langenhagen",
        web="https://formel.example.org",
        telefon="+49 511 1",
        email="info@formel.example.org",
        beschreibung="Beratung; Treffpunkt",
        aktiv=False,
    )
    AkteurFactory(name="Kirche", art="kirche")
    fields = ("name", "art", "adresse", "web", "telefon", "email", "beschreibung", "aktiv")

    def snapshot():
        return sorted(
            (*(getattr(a, f) for f in fields), tuple(sorted(q.name for q in a.quartiere.all())))
            for a in Akteur.objects.all()
        )

    before = snapshot()
    client = client_as(F)
    exported = b"".join(client.get(EXPORT).streaming_content)
    Akteur.objects.all().delete()
    preview = client.post(IMPORT, {"datei": SimpleUploadedFile("akteure.csv", exported)})
    assert preview.status_code == 200, body(preview)
    confirm(client, preview)
    assert snapshot() == before


def test_parse_accepts_labels_values_and_slugs(quartiere):
    result = parse_akteure_text(
        HEADER + "A;Schule/Kita;wiesenau;;;;;;\nB;schule_kita;Kaltenweide;;;;;;JA\n"
    )
    assert result.is_valid
    assert [r.akteur.art for r in result.rows] == ["schule_kita", "schule_kita"]


@pytest.mark.parametrize("role", [K, V, P])
def test_only_the_fachstelle_imports(client_as, role):
    client = client_as(role)
    assert client.get(IMPORT).status_code == 403
    assert upload(client, HEADER + "Treff e. V.;Verein;;;;;;;\n").status_code == 403
    assert not Akteur.objects.exists()


def test_anonymous_users_are_sent_to_the_login(client_as):
    response = client_as(None).get(IMPORT)
    assert response.status_code == 302 and "login" in response.url


def test_the_list_offers_the_import_to_the_fachstelle_only(client_as):
    assert IMPORT in body(client_as(F).get(reverse("netzwerk:akteur_list")))
    assert IMPORT not in body(client_as(K).get(reverse("netzwerk:akteur_list")))
