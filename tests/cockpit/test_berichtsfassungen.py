"""Saved report versions (Berichtsfassungen): frozen figures, exports, permissions, list."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from openpyxl import load_workbook

from cockpit import bericht as domain
from cockpit import berichtsarchiv
from cockpit.models import Berichtsfassung
from gwa_portal.core.models import Role
from quartiere.models import Massnahme

from ..factories import AktivitaetFactory, BerichtsfassungFactory, UserFactory
from . import bericht_data

SPEICHERN = reverse("cockpit:bericht_speichern")
LISTE = reverse("cockpit:fassung_list")
WIESENAU_2024 = "von=2024-01-01&bis=2024-12-31&quartiere=wiesenau"


@pytest.fixture
def data(db):
    return bericht_data.build()


def save(client, query=WIESENAU_2024, **post):
    return client.post(f"{SPEICHERN}?{query}", {"titel": "Bericht 2024", **post})


def csv_bytes(response):
    return b"".join(response.streaming_content)


def xlsx_values(response):
    content = b"".join(response.streaming_content)
    book = load_workbook(io.BytesIO(content), read_only=True)
    return {s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets}


def article(response):
    return re.search(r"<article\b.*</article>", response.content.decode(), re.S).group(0)


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# --- saving ----------------------------------------------------------------------------------


def test_the_save_page_proposes_a_title_for_a_calendar_year(client_as, data):
    response = client_as(Role.FACHSTELLE).get(f"{SPEICHERN}?{WIESENAU_2024}")
    assert response.status_code == 200
    assert 'value="Sachstandsbericht 2024"' in response.content.decode()
    assert "Wiesenau" in text(response)
    assert not Berichtsfassung.objects.exists()


def test_fachstelle_saves_a_version_with_period_quartiere_and_author(client_as, users, data):
    client = client_as(Role.FACHSTELLE)
    response = save(client, anlass="Sozialausschuss am 12.03.2025")
    fassung = Berichtsfassung.objects.get()
    assert response.status_code == 302
    assert response["Location"] == fassung.get_absolute_url()
    assert (fassung.von, fassung.bis) == (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert [q.slug for q in fassung.quartiere.all()] == ["wiesenau"]
    assert fassung.quartiere_text == "Wiesenau"
    assert fassung.erstellt_von == users[Role.FACHSTELLE]
    assert fassung.anlass == "Sozialausschuss am 12.03.2025"
    page = client.get(fassung.get_absolute_url())
    assert "Die Fassung ist gespeichert" in text(page)
    assert "Sachstandsbericht Gemeinwesenarbeit" in text(page)
    assert "Sozialausschuss am 12.03.2025" in text(page)


def test_the_saved_tables_are_the_live_report_s_tables(client_as, data):
    client = client_as(Role.FACHSTELLE)
    save(client)
    fassung = Berichtsfassung.objects.get()
    bericht = domain.sachstandsbericht(
        von=fassung.von, bis=fassung.bis, quartiere=[data.wiesenau], today=fassung.erstellt_am
    )
    live = [(t.titel, t.kopf, t.zeilen) for t in domain.tabellen(bericht)]
    saved = [(t.titel, t.kopf, t.zeilen) for t in berichtsarchiv.decode_tabellen(fassung.tabellen)]
    assert [(str(a), [str(v) for v in k], z) for a, k, z in live] == saved


def test_a_saved_version_keeps_its_figures_when_the_data_changes(client_as, data):
    client = client_as(Role.FACHSTELLE)
    live_csv = csv_bytes(client.get(reverse("cockpit:bericht_csv") + "?" + WIESENAU_2024))
    live_xlsx = xlsx_values(client.get(reverse("cockpit:bericht_xlsx") + "?" + WIESENAU_2024))
    save(client)
    fassung = Berichtsfassung.objects.get()
    before = article(client.get(fassung.get_absolute_url()))

    # Later: an Aktivität is logged for 2024 and every Maßnahme of Wiesenau is finished.
    AktivitaetFactory(
        quartier=data.wiesenau, datum=datetime.date(2024, 6, 1), teilnehmende=99, stunden=7
    )
    Massnahme.objects.update(status=Massnahme.Status.ABGESCHLOSSEN)

    changed = csv_bytes(client.get(reverse("cockpit:bericht_csv") + "?" + WIESENAU_2024))
    assert changed != live_csv  # the live report moved on …
    csv = client.get(reverse("cockpit:fassung_csv", args=[fassung.pk]))
    assert csv_bytes(csv) == live_csv  # … the saved version did not
    assert xlsx_values(client.get(reverse("cockpit:fassung_xlsx", args=[fassung.pk]))) == live_xlsx
    assert article(client.get(fassung.get_absolute_url())) == before


def test_the_saved_xlsx_keeps_dates_and_numbers_as_cells_of_their_type(client_as, data):
    client = client_as(Role.FACHSTELLE)
    save(client)
    fassung = Berichtsfassung.objects.get()
    sheets = xlsx_values(client.get(reverse("cockpit:fassung_xlsx", args=[fassung.pk])))
    assert sheets["Bericht"][1] == ["Zeitraum von", datetime.datetime(2024, 1, 1)]
    aktivitaeten = sheets["Aktivitäten"][1]
    assert aktivitaeten[1:] == [2, 15, 3.5]  # two in Wiesenau, 10 + 5 TN, 2 + 1.5 h


def test_a_title_is_required_and_nothing_is_saved_without_one(client_as, data):
    response = save(client_as(Role.FACHSTELLE), titel="")
    assert response.status_code == 400
    assert "Bitte geben Sie der Fassung einen Titel." in response.content.decode()
    assert not Berichtsfassung.objects.exists()


def test_an_invalid_period_is_a_400_and_saves_nothing(client_as, data):
    response = save(client_as(Role.FACHSTELLE), query="von=2024-12-31&bis=2024-01-01")
    assert response.status_code == 400
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.content.decode()
    assert not Berichtsfassung.objects.exists()


@pytest.mark.parametrize("role", [Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER])
def test_only_the_fachstelle_saves_versions(client_as, data, role):
    assert save(client_as(role)).status_code == 403
    assert not Berichtsfassung.objects.exists()


def test_anonymous_users_are_sent_to_the_login(client, data):
    response = save(client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Berichtsfassung.objects.exists()


def test_the_stored_report_carries_no_script(client_as, data):
    save(client_as(Role.FACHSTELLE))
    html = Berichtsfassung.objects.get().inhalt_html
    assert "<article" in html and "<script" not in html


def test_the_print_view_offers_saving_to_the_fachstelle_only(client_as, data):
    url = reverse("cockpit:bericht_ansicht") + "?" + WIESENAU_2024
    link = reverse("cockpit:bericht_speichern")
    assert link in client_as(Role.FACHSTELLE).get(url).content.decode()
    assert link not in client_as(Role.KOORDINATION).get(url).content.decode()


def test_saving_is_recorded_in_the_audit_trail_without_the_report_body(client_as, users, data):
    save(client_as(Role.FACHSTELLE))
    fassung = Berichtsfassung.objects.get()
    entry = LogEntry.objects.get_for_object(fassung).get(action=LogEntry.Action.CREATE)
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == users[Role.FACHSTELLE]
    assert "titel" in entry.changes_dict
    assert "inhalt_html" not in entry.changes_dict and "tabellen" not in entry.changes_dict


# --- reading, list and delete ----------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG])
def test_internal_roles_open_and_export_saved_versions(client_as, role):
    fassung = BerichtsfassungFactory(titel="Vorlage Sozialausschuss")
    client = client_as(role)
    assert "Vorlage Sozialausschuss" in text(client.get(LISTE))
    assert "Gespeicherte Fassung" in text(client.get(fassung.get_absolute_url()))
    csv = client.get(reverse("cockpit:fassung_csv", args=[fassung.pk]))
    assert csv_bytes(csv).decode("utf-8-sig").splitlines()[1] == "Bericht;Quartiere;Wert;alle"
    xlsx = client.get(reverse("cockpit:fassung_xlsx", args=[fassung.pk]))
    assert xlsx_values(xlsx) == {"Bericht": [["Angabe", "Wert"], ["Quartiere", "alle"]]}


def test_partners_see_no_saved_versions(client_as):
    fassung = BerichtsfassungFactory()
    client = client_as(Role.PARTNER)
    assert client.get(LISTE).status_code == 403
    assert client.get(fassung.get_absolute_url()).status_code == 403


def test_an_unknown_version_is_a_404(client_as, db):
    assert (
        client_as(Role.FACHSTELLE).get(reverse("cockpit:fassung_detail", args=[999])).status_code
        == 404
    )


def test_the_list_filters_by_year_and_text(client_as, db):
    BerichtsfassungFactory(
        titel="Bericht 2023", von=datetime.date(2023, 1, 1), bis=datetime.date(2023, 12, 31)
    )
    BerichtsfassungFactory(titel="Halbjahr 2024", anlass="Ortsrat Godshorn")
    client = client_as(Role.FACHSTELLE)
    assert "Bericht 2023" in text(client.get(LISTE, {"jahr": 2023}))
    assert "Halbjahr 2024" not in text(client.get(LISTE, {"jahr": 2023}))
    found = text(client.get(LISTE, {"q": "godshorn"}))
    assert "Halbjahr 2024" in found and "Bericht 2023" not in found


def test_an_invalid_year_filter_is_a_400_with_a_german_message(client_as, db):
    BerichtsfassungFactory()
    response = client_as(Role.FACHSTELLE).get(LISTE, {"jahr": "1800"})
    assert response.status_code == 400
    assert "größer oder gleich 2000" in response.content.decode()


def test_the_empty_list_says_how_to_save_a_version(client_as, db):
    assert "Es ist noch keine Fassung gespeichert" in text(client_as(Role.FACHSTELLE).get(LISTE))


@pytest.mark.parametrize("count", [3, 40])
def test_the_list_is_paginated_with_a_constant_query_count(
    client_as, django_assert_max_num_queries, settings, count
):
    settings.GWA_PAGE_SIZE = 25
    author = UserFactory(role=Role.FACHSTELLE)
    BerichtsfassungFactory.create_batch(count, erstellt_von=author)
    client = client_as(Role.FACHSTELLE)
    client.get(LISTE)
    with django_assert_max_num_queries(6):
        response = client.get(LISTE)
    assert len(response.context["page"].object_list) == min(count, 25)


def test_deleting_asks_first_and_then_deletes(client_as, db):
    fassung = BerichtsfassungFactory(titel="Alte Fassung")
    client = client_as(Role.FACHSTELLE)
    url = reverse("cockpit:fassung_loeschen", args=[fassung.pk])
    assert "wirklich löschen" in text(client.get(url))
    assert Berichtsfassung.objects.exists()
    response = client.post(url, follow=True)
    assert not Berichtsfassung.objects.exists()
    assert "Die Fassung „Alte Fassung“ ist gelöscht." in text(response)


@pytest.mark.parametrize("role", [Role.KOORDINATION, Role.VERWALTUNG])
def test_only_the_fachstelle_deletes_versions(client_as, role):
    fassung = BerichtsfassungFactory()
    assert (
        client_as(role).post(reverse("cockpit:fassung_loeschen", args=[fassung.pk])).status_code
        == 403
    )
    assert Berichtsfassung.objects.exists()


# --- the table codec -------------------------------------------------------------------------


def test_tables_survive_json_with_their_types():
    tabelle = domain.Tabelle(
        "Fortbildungen",
        ["Fortbildung", "Stunden"],
        [["Moderation", Decimal("12.50")], ["Zeitraum", datetime.date(2024, 12, 31)], ["x", None]],
    )
    (back,) = berichtsarchiv.decode_tabellen(berichtsarchiv.encode_tabellen([tabelle]))
    assert back.zeilen == tabelle.zeilen
    assert isinstance(back.zeilen[0][1], Decimal)
