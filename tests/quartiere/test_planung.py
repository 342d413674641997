"""Bedarfe and Maßnahmen: lists, detail pages, and who may plan in which Quartier."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from gwa_portal.core.models import Role
from quartiere.models import Bedarf, Handlungsfeld, Massnahme, Zielgruppe

from ..factories import (
    BedarfFactory,
    HandlungsfeldFactory,
    KoordinationFactory,
    MassnahmeFactory,
    QuartierFactory,
    ZielgruppeFactory,
)

pytestmark = pytest.mark.django_db

K, F, V = Role.KOORDINATION, Role.FACHSTELLE, Role.VERWALTUNG
BedarfZielgruppe = Bedarf.zielgruppen.through
MassnahmeQuartier = Massnahme.quartiere.through
MassnahmeBedarf = Massnahme.bedarfe.through


@pytest.fixture
def own(koordination):
    """A Quartier that the `koordination` user coordinates today."""
    return KoordinationFactory(
        user=koordination, quartier=QuartierFactory(name="Wiesenau")
    ).quartier


@pytest.fixture
def foreign():
    return QuartierFactory(name="Godshorn")


@pytest.fixture
def feld():
    return HandlungsfeldFactory(name="Soziale Teilhabe")


def bedarf_data(quartier, feld, **overrides):
    data = {
        "quartier": quartier.pk,
        "titel": "Treffpunkt für Ältere",
        "beschreibung": "Es fehlt ein Ort zum Reden.",
        "handlungsfeld": feld.pk,
        "prioritaet": Bedarf.Prioritaet.HOCH,
        "status": Bedarf.Status.OFFEN,
        "quelle": Bedarf.Quelle.BUERGERTREFFEN,
        "quelle_hinweis": "Bürger:innentreffen März",
        "erkannt_am": "2025-03-12",
    }
    data.update(overrides)
    return data


def massnahme_data(quartiere, bedarfe=(), **overrides):
    data = {
        "titel": "Erzählcafé",
        "beschreibung": "Einmal im Monat im Gemeindehaus.",
        "quartiere": [q.pk for q in quartiere],
        "bedarfe": [b.pk for b in bedarfe],
        "verantwortlich": "Nachbarschaftsverein",
        "beginn": "2025-04-01",
        "ende": "2025-12-31",
        "budget": "1.234,50",
        "status": Massnahme.Status.GEPLANT,
        "oeffentlich": "on",
    }
    data.update(overrides)
    return data


def body(response):
    return response.content.decode()


def checkbox(page, name, value):
    """The <input> tag of one checkbox of a group."""
    match = re.search(rf'<input type="checkbox" name="{name}" value="{value}"[^>]*>', page)
    assert match, f"no checkbox {name}={value}"
    return match.group(0)


# --- Bedarf list -----------------------------------------------------------------------------


def test_bedarf_list_opens_with_open_and_in_progress_bedarfe(client_as, feld):
    BedarfFactory(titel="Offen: Spielplatz", handlungsfeld=feld)
    BedarfFactory(titel="In Arbeit: Sprachkurs", status=Bedarf.Status.IN_BEARBEITUNG)
    BedarfFactory(titel="Erledigt: Bank", status=Bedarf.Status.ERLEDIGT)
    page = body(client_as(V).get(reverse("quartiere:bedarf_list")))
    assert "Offen: Spielplatz" in page
    assert "In Arbeit: Sprachkurs" in page
    assert "Erledigt: Bank" not in page
    everything = body(client_as(V).get(reverse("quartiere:bedarf_list"), {"status": ""}))
    assert "Erledigt: Bank" in everything
    done = body(client_as(V).get(reverse("quartiere:bedarf_list"), {"status": "erledigt"}))
    assert "Erledigt: Bank" in done
    assert "Offen: Spielplatz" not in done


def test_bedarf_list_filters_by_each_criterion(client_as, own, foreign, feld):
    other_feld = HandlungsfeldFactory(name="Integration")
    familien = ZielgruppeFactory(name="Familien")
    BedarfFactory(
        titel="Familiencafé",
        quartier=own,
        handlungsfeld=feld,
        zielgruppen=[familien],
        prioritaet=Bedarf.Prioritaet.HOCH,
        quelle=Bedarf.Quelle.BEFRAGUNG,
        beschreibung="Wunsch aus der Befragung",
    )
    BedarfFactory(
        titel="Sprachpatenschaften",
        quartier=foreign,
        handlungsfeld=other_feld,
        prioritaet=Bedarf.Prioritaet.NIEDRIG,
        quelle=Bedarf.Quelle.GREMIUM,
    )
    url = reverse("quartiere:bedarf_list")
    client = client_as(K)
    for params in [
        {"quartier": own.slug},
        {"handlungsfeld": feld.pk},
        {"zielgruppe": familien.pk},
        {"prioritaet": Bedarf.Prioritaet.HOCH},
        {"quelle": Bedarf.Quelle.BEFRAGUNG},
        {"q": "befragung"},
    ]:
        page = body(client.get(url, params))
        assert "Familiencafé" in page, params
        assert "Sprachpatenschaften" not in page, params


def test_bedarf_list_shows_an_empty_state(client_as):
    page = body(client_as(V).get(reverse("quartiere:bedarf_list")))
    assert "Keine Bedarfe gefunden" in page


def test_bedarf_list_is_paginated_and_keeps_the_filter(client_as, own, feld, settings):
    settings.GWA_PAGE_SIZE = 2
    for n in range(3):
        BedarfFactory(quartier=own, handlungsfeld=feld, titel=f"Bedarf Nr. {n}")
    page = body(client_as(V).get(reverse("quartiere:bedarf_list"), {"quartier": own.slug}))
    assert "Seite 1 von 2" in page
    assert f"quartier={own.slug}" in page.split('rel="next"')[0].rsplit("href=", 1)[1]


def _bulk_bedarfe(count, quartier, feld, zielgruppen):
    bedarfe = Bedarf.objects.bulk_create(
        Bedarf(
            quartier=quartier,
            titel=f"Massenbedarf {n}",
            quelle=Bedarf.Quelle.KOORDINATION,
            handlungsfeld=feld,
        )
        for n in range(count)
    )
    BedarfZielgruppe.objects.bulk_create(
        BedarfZielgruppe(bedarf_id=b.pk, zielgruppe_id=z.pk) for b in bedarfe for z in zielgruppen
    )
    massnahme = MassnahmeFactory(quartiere=[quartier])
    MassnahmeBedarf.objects.bulk_create(
        MassnahmeBedarf(massnahme_id=massnahme.pk, bedarf_id=b.pk) for b in bedarfe
    )


def test_bedarf_list_needs_the_same_queries_for_few_and_many(
    client_as, own, feld, django_assert_max_num_queries
):
    client = client_as(K)
    url = reverse("quartiere:bedarf_list")
    zielgruppen = list(Zielgruppe.objects.all()[:3])
    _bulk_bedarfe(1, own, feld, zielgruppen)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    _bulk_bedarfe(300, QuartierFactory(), HandlungsfeldFactory(), zielgruppen)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url, {"status": ""})
    assert body(response).count('<tr class="kern-table__row">') == 1 + 25


# --- Bedarf detail ---------------------------------------------------------------------------


def test_bedarf_detail_lists_the_massnahmen_that_answer_it(client_as, own, feld):
    bedarf = BedarfFactory(quartier=own, handlungsfeld=feld, titel="Spielplatz fehlt")
    MassnahmeFactory(titel="Spielplatzfest", quartiere=[own], bedarfe=[bedarf])
    MassnahmeFactory(titel="Anderes Projekt", quartiere=[own])
    page = body(client_as(V).get(reverse("quartiere:bedarf_detail", args=[bedarf.pk])))
    assert "Spielplatz fehlt" in page
    assert "Spielplatzfest" in page
    assert "Anderes Projekt" not in page
    # Verwaltung reads only: no edit button.
    assert reverse("quartiere:bedarf_edit", args=[bedarf.pk]) not in page


def test_bedarf_detail_offers_editing_only_to_those_who_may(client_as, own, foreign):
    mine = BedarfFactory(quartier=own)
    theirs = BedarfFactory(quartier=foreign)
    client = client_as(K)
    edit_mine = reverse("quartiere:bedarf_edit", args=[mine.pk])
    edit_theirs = reverse("quartiere:bedarf_edit", args=[theirs.pk])
    assert edit_mine in body(client.get(mine.get_absolute_url()))
    assert edit_theirs not in body(client.get(theirs.get_absolute_url()))


# --- Bedarf create / edit / delete -----------------------------------------------------------


def test_koordination_records_a_bedarf_in_its_quartier(client_as, koordination, own, feld):
    familien = ZielgruppeFactory(name="Familien")
    response = client_as(K).post(
        reverse("quartiere:bedarf_create"),
        bedarf_data(own, feld, zielgruppen=[familien.pk]),
        follow=True,
    )
    bedarf = Bedarf.objects.get()
    assert response.redirect_chain[-1][0] == bedarf.get_absolute_url()
    assert "Der Bedarf wurde erfasst." in body(response)
    assert bedarf.quartier == own
    assert bedarf.erfasst_von == koordination
    assert list(bedarf.zielgruppen.all()) == [familien]
    assert bedarf.erkannt_am == datetime.date(2025, 3, 12)


def test_bedarf_create_preselects_the_quartier_from_the_link(client_as, own):
    page = body(client_as(K).get(reverse("quartiere:bedarf_create"), {"quartier": own.slug}))
    assert f'<option value="{own.pk}" selected>' in page


def test_bedarf_create_offers_koordination_only_its_quartiere(client_as, own, foreign):
    page = body(client_as(K).get(reverse("quartiere:bedarf_create")))
    # Option values may collide with other selects' pks, so check the names.
    assert f'<option value="{own.pk}"' in page and own.name in page
    assert foreign.name not in page


def test_koordination_cannot_record_a_bedarf_in_a_foreign_quartier(client_as, own, foreign, feld):
    response = client_as(K).post(reverse("quartiere:bedarf_create"), bedarf_data(foreign, feld))
    assert response.status_code == 400
    assert "Sie können nur in Quartieren planen, die Sie koordinieren." in body(response)
    assert not Bedarf.objects.exists()


def test_bedarf_create_explains_missing_fields_in_german(client_as, own, feld):
    response = client_as(K).post(
        reverse("quartiere:bedarf_create"),
        bedarf_data(own, feld, titel="", quelle="", handlungsfeld=""),
    )
    assert response.status_code == 400
    page = body(response)
    assert "Bitte geben Sie einen Titel ein." in page
    assert "Bitte wählen Sie, woher der Bedarf bekannt ist." in page
    assert "Bitte wählen Sie ein Handlungsfeld." in page
    assert not Bedarf.objects.exists()


def test_verwaltung_cannot_create_bedarfe(client_as, own, feld):
    client = client_as(V)
    url = reverse("quartiere:bedarf_create")
    assert client.get(url).status_code == 403
    assert client.post(url, bedarf_data(own, feld)).status_code == 403
    assert not Bedarf.objects.exists()


def test_new_bedarf_offers_only_active_taxonomies(client_as, own):
    HandlungsfeldFactory(name="Altes Handlungsfeld", aktiv=False)
    ZielgruppeFactory(name="Alte Zielgruppe", aktiv=False)
    page = body(client_as(K).get(reverse("quartiere:bedarf_create")))
    assert "Altes Handlungsfeld" not in page
    assert "Alte Zielgruppe" not in page
    assert "Integration" in page  # seeded by migration 0003


def test_editing_keeps_the_inactive_entries_already_chosen(client_as, own):
    altes_feld = HandlungsfeldFactory(name="Altes Handlungsfeld", aktiv=False)
    alte_gruppe = ZielgruppeFactory(name="Alte Zielgruppe", aktiv=False)
    HandlungsfeldFactory(name="Anderes altes Feld", aktiv=False)
    bedarf = BedarfFactory(quartier=own, handlungsfeld=altes_feld, zielgruppen=[alte_gruppe])
    client = client_as(K)
    url = reverse("quartiere:bedarf_edit", args=[bedarf.pk])
    page = body(client.get(url))
    assert "Altes Handlungsfeld" in page
    assert "Alte Zielgruppe" in page
    assert "Anderes altes Feld" not in page
    data = bedarf_data(own, altes_feld, titel="Neuer Titel", zielgruppen=[alte_gruppe.pk])
    response = client.post(url, data, follow=True)
    assert "Der Bedarf wurde gespeichert." in body(response)
    bedarf.refresh_from_db()
    assert bedarf.titel == "Neuer Titel"
    assert list(bedarf.zielgruppen.all()) == [alte_gruppe]


def test_koordination_cannot_edit_a_bedarf_of_a_foreign_quartier(client_as, own, foreign, feld):
    bedarf = BedarfFactory(quartier=foreign, titel="Fremder Bedarf")
    client = client_as(K)
    url = reverse("quartiere:bedarf_edit", args=[bedarf.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, bedarf_data(foreign, feld, titel="Geändert")).status_code == 403
    bedarf.refresh_from_db()
    assert bedarf.titel == "Fremder Bedarf"


def test_koordination_cannot_move_a_bedarf_into_a_foreign_quartier(client_as, own, foreign, feld):
    bedarf = BedarfFactory(quartier=own, titel="Mein Bedarf")
    response = client_as(K).post(
        reverse("quartiere:bedarf_edit", args=[bedarf.pk]),
        bedarf_data(foreign, feld, titel="Verschoben"),
    )
    assert response.status_code == 400
    assert "Bitte wählen Sie ein Quartier aus der Liste." in body(response)
    bedarf.refresh_from_db()
    assert (bedarf.quartier, bedarf.titel) == (own, "Mein Bedarf")


def test_ended_koordination_has_lost_the_right_to_edit_bedarfe(client_as, koordination, feld):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    quartier = KoordinationFactory(
        user=koordination, von=datetime.date(2023, 1, 1), bis=yesterday
    ).quartier
    bedarf = BedarfFactory(quartier=quartier, titel="Alt")
    client = client_as(K)
    url = reverse("quartiere:bedarf_edit", args=[bedarf.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, bedarf_data(quartier, feld, titel="Neu")).status_code == 403
    bedarf.refresh_from_db()
    assert bedarf.titel == "Alt"
    # Nor can it record new ones there.
    response = client.post(reverse("quartiere:bedarf_create"), bedarf_data(quartier, feld))
    assert response.status_code == 400
    assert Bedarf.objects.count() == 1


def test_fachstelle_edits_bedarfe_in_any_quartier(client_as, foreign, feld):
    bedarf = BedarfFactory(quartier=foreign)
    response = client_as(F).post(
        reverse("quartiere:bedarf_edit", args=[bedarf.pk]),
        bedarf_data(foreign, feld, status=Bedarf.Status.ERLEDIGT),
    )
    assert response.status_code == 302
    bedarf.refresh_from_db()
    assert bedarf.status == Bedarf.Status.ERLEDIGT


def test_bedarf_is_deleted_after_confirmation_and_its_massnahme_stays(client_as, own):
    bedarf = BedarfFactory(quartier=own, titel="Zu löschen")
    massnahme = MassnahmeFactory(quartiere=[own], bedarfe=[bedarf])
    client = client_as(K)
    url = reverse("quartiere:bedarf_delete", args=[bedarf.pk])
    page = body(client.get(url))
    assert "Möchten Sie „Zu löschen (Wiesenau)“ wirklich löschen?" in page
    assert "Die Verknüpfung mit 1 Maßnahme wird entfernt" in page
    assert Bedarf.objects.filter(pk=bedarf.pk).exists()
    response = client.post(url, follow=True)
    assert "Der Bedarf wurde gelöscht." in body(response)
    assert not Bedarf.objects.filter(pk=bedarf.pk).exists()
    assert Massnahme.objects.filter(pk=massnahme.pk).exists()


def test_koordination_cannot_delete_a_foreign_bedarf(client_as, own, foreign):
    bedarf = BedarfFactory(quartier=foreign)
    client = client_as(K)
    url = reverse("quartiere:bedarf_delete", args=[bedarf.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert Bedarf.objects.filter(pk=bedarf.pk).exists()


# --- Maßnahme list and detail ----------------------------------------------------------------


def test_massnahme_list_filters_by_quartier_status_visibility_and_text(client_as, own, foreign):
    MassnahmeFactory(
        titel="Erzählcafé",
        quartiere=[own],
        status=Massnahme.Status.LAUFEND,
        oeffentlich=True,
        verantwortlich="Nachbarschaftsverein",
    )
    MassnahmeFactory(
        titel="Interne Planung",
        quartiere=[foreign],
        status=Massnahme.Status.GEPLANT,
        oeffentlich=False,
    )
    client = client_as(V)
    url = reverse("quartiere:massnahme_list")
    assert "Interne Planung" in body(client.get(url))
    for params in [
        {"quartier": own.slug},
        {"status": Massnahme.Status.LAUFEND},
        {"oeffentlich": "ja"},
        {"q": "nachbarschaft"},
    ]:
        page = body(client.get(url, params))
        assert "Erzählcafé" in page, params
        assert "Interne Planung" not in page, params
    page = body(client.get(url, {"oeffentlich": "nein"}))
    assert "Interne Planung" in page
    assert "Erzählcafé" not in page


def test_massnahme_list_shows_an_empty_state(client_as):
    assert "Keine Maßnahmen gefunden" in body(client_as(V).get(reverse("quartiere:massnahme_list")))


def test_massnahme_list_needs_the_same_queries_for_few_and_many(
    client_as, own, django_assert_max_num_queries
):
    client = client_as(K)
    url = reverse("quartiere:massnahme_list")
    MassnahmeFactory(quartiere=[own])
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    quartiere = [QuartierFactory() for _ in range(3)]
    bedarf = BedarfFactory(quartier=quartiere[0])
    massnahmen = Massnahme.objects.bulk_create(
        Massnahme(titel=f"Massenmaßnahme {n}") for n in range(300)
    )
    MassnahmeQuartier.objects.bulk_create(
        MassnahmeQuartier(massnahme_id=m.pk, quartier_id=q.pk)
        for m in massnahmen
        for q in quartiere
    )
    MassnahmeBedarf.objects.bulk_create(
        MassnahmeBedarf(massnahme_id=m.pk, bedarf_id=bedarf.pk) for m in massnahmen
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert body(response).count('<tr class="kern-table__row">') == 1 + 25


def test_massnahme_detail_lists_its_quartiere_and_bedarfe(client_as, own, foreign):
    bedarf = BedarfFactory(quartier=own, titel="Einsamkeit im Alter")
    massnahme = MassnahmeFactory(
        titel="Besuchsdienst", quartiere=[own, foreign], bedarfe=[bedarf], budget=Decimal("1500")
    )
    page = body(client_as(V).get(massnahme.get_absolute_url()))
    assert "Besuchsdienst" in page
    assert "Wiesenau" in page
    assert "Godshorn" in page
    assert "Einsamkeit im Alter" in page
    assert "1.500,00 €" in page
    assert reverse("quartiere:massnahme_edit", args=[massnahme.pk]) not in page


# --- Maßnahme create / edit / delete ---------------------------------------------------------


def test_koordination_plans_a_massnahme_with_bedarfe_and_a_german_budget(client_as, own):
    bedarf = BedarfFactory(quartier=own, titel="Treffpunkt fehlt")
    response = client_as(K).post(
        reverse("quartiere:massnahme_create"), massnahme_data([own], [bedarf]), follow=True
    )
    massnahme = Massnahme.objects.get()
    assert response.redirect_chain[-1][0] == massnahme.get_absolute_url()
    assert "Die Maßnahme wurde angelegt." in body(response)
    assert list(massnahme.quartiere.all()) == [own]
    assert list(massnahme.bedarfe.all()) == [bedarf]
    assert massnahme.budget == Decimal("1234.50")
    assert massnahme.oeffentlich
    assert massnahme.ende == datetime.date(2025, 12, 31)


@pytest.mark.parametrize(
    ("eingabe", "betrag"),
    [
        ("1500", "1500"),
        ("1500,5", "1500.50"),
        ("1.500", "1500"),
        ("2 000 €", "2000"),
        ("99.95", "99.95"),
    ],
)
def test_budget_accepts_the_ways_people_write_euro(client_as, own, eingabe, betrag):
    response = client_as(K).post(
        reverse("quartiere:massnahme_create"), massnahme_data([own], budget=eingabe)
    )
    assert response.status_code == 302, body(response)
    assert Massnahme.objects.get().budget == Decimal(betrag)


def test_massnahme_create_preselects_the_quartier_from_the_link(client_as, own):
    other = KoordinationFactory(user=own.koordinationen.get().user).quartier
    page = body(client_as(K).get(reverse("quartiere:massnahme_create"), {"quartier": own.slug}))
    assert "checked" in checkbox(page, "quartiere", own.pk)
    assert "checked" not in checkbox(page, "quartiere", other.pk)


def test_massnahme_create_offers_only_own_quartiere_and_their_open_bedarfe(client_as, own, foreign):
    BedarfFactory(quartier=own, titel="Eigener offener Bedarf")
    BedarfFactory(quartier=own, titel="Eigener erledigter Bedarf", status=Bedarf.Status.ERLEDIGT)
    BedarfFactory(quartier=foreign, titel="Fremder Bedarf")
    page = body(client_as(K).get(reverse("quartiere:massnahme_create")))
    assert "Wiesenau" in page
    assert "Godshorn" not in page
    assert "Eigener offener Bedarf" in page
    assert "Eigener erledigter Bedarf" not in page
    assert "Fremder Bedarf" not in page


def test_massnahme_end_before_start_is_refused_next_to_the_end_field(client_as, own):
    bedarf = BedarfFactory(quartier=own)
    response = client_as(K).post(
        reverse("quartiere:massnahme_create"),
        massnahme_data([own], [bedarf], beginn="2025-06-01", ende="2025-05-31"),
    )
    assert response.status_code == 400
    page = body(response)
    error = page.split('id="id_ende_error"', 1)[1].split("</p>", 1)[0]
    assert "Das Ende darf nicht vor dem Beginn liegen." in error
    assert not Massnahme.objects.exists()
    assert not MassnahmeQuartier.objects.exists()
    assert not MassnahmeBedarf.objects.exists()


def test_massnahme_refuses_a_bedarf_outside_the_chosen_quartiere(
    client_as, fachstelle, own, foreign
):
    fremder = BedarfFactory(quartier=foreign, titel="Bedarf in Godshorn")
    response = client_as(F).post(
        reverse("quartiere:massnahme_create"), massnahme_data([own], [fremder])
    )
    assert response.status_code == 400
    assert "Diese Bedarfe gehören zu keinem der gewählten Quartiere" in body(response)
    assert "„Bedarf in Godshorn“ (Godshorn)" in body(response)
    assert not Massnahme.objects.exists()
    assert not MassnahmeQuartier.objects.exists()
    assert not MassnahmeBedarf.objects.exists()


def test_koordination_cannot_plan_a_massnahme_in_a_foreign_quartier(client_as, own, foreign):
    response = client_as(K).post(
        reverse("quartiere:massnahme_create"), massnahme_data([own, foreign])
    )
    assert response.status_code == 400
    assert "Sie können nur in Quartieren planen, die Sie koordinieren." in body(response)
    assert not Massnahme.objects.exists()
    assert not MassnahmeQuartier.objects.exists()


def test_koordination_cannot_link_a_foreign_bedarf(client_as, own, foreign):
    fremder = BedarfFactory(quartier=foreign)
    response = client_as(K).post(
        reverse("quartiere:massnahme_create"), massnahme_data([own], [fremder])
    )
    assert response.status_code == 400
    assert "Bitte wählen Sie nur Bedarfe aus der Liste" in body(response)
    assert not Massnahme.objects.exists()


def test_massnahme_create_explains_bad_input_in_german(client_as, own):
    response = client_as(K).post(
        reverse("quartiere:massnahme_create"),
        massnahme_data([], titel="", budget="viel", beginn="gestern"),
    )
    assert response.status_code == 400
    page = body(response)
    assert "Bitte geben Sie einen Titel ein." in page
    assert "Bitte wählen Sie mindestens ein Quartier." in page
    assert "Bitte geben Sie einen Betrag in Euro ein" in page
    assert "Bitte geben Sie ein gültiges Datum ein" in page
    negative = client_as(K).post(
        reverse("quartiere:massnahme_create"), massnahme_data([own], budget="-5")
    )
    assert "Das Budget darf nicht negativ sein." in body(negative)
    assert not Massnahme.objects.exists()


def test_verwaltung_cannot_create_massnahmen(client_as, own):
    client = client_as(V)
    url = reverse("quartiere:massnahme_create")
    assert client.get(url).status_code == 403
    assert client.post(url, massnahme_data([own])).status_code == 403
    assert not Massnahme.objects.exists()


def test_massnahme_across_own_and_foreign_quartier_is_not_editable_by_koordination(
    client_as, own, foreign
):
    massnahme = MassnahmeFactory(titel="Gemeinsam", quartiere=[own, foreign])
    client = client_as(K)
    for name in ["quartiere:massnahme_edit", "quartiere:massnahme_delete"]:
        url = reverse(name, args=[massnahme.pk])
        assert client.get(url).status_code == 403
    response = client.post(
        reverse("quartiere:massnahme_edit", args=[massnahme.pk]),
        massnahme_data([own], titel="Nur noch meins"),
    )
    assert response.status_code == 403
    assert (
        client.post(reverse("quartiere:massnahme_delete", args=[massnahme.pk])).status_code == 403
    )
    massnahme.refresh_from_db()
    assert massnahme.titel == "Gemeinsam"
    assert set(massnahme.quartiere.all()) == {own, foreign}
    assert reverse("quartiere:massnahme_edit", args=[massnahme.pk]) not in body(
        client.get(massnahme.get_absolute_url())
    )


def test_ended_koordination_has_lost_the_right_to_edit_massnahmen(client_as, koordination):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    quartier = KoordinationFactory(
        user=koordination, von=datetime.date(2023, 1, 1), bis=yesterday
    ).quartier
    massnahme = MassnahmeFactory(titel="Alt", quartiere=[quartier])
    response = client_as(K).post(
        reverse("quartiere:massnahme_edit", args=[massnahme.pk]),
        massnahme_data([quartier], titel="Neu"),
    )
    assert response.status_code == 403
    massnahme.refresh_from_db()
    assert massnahme.titel == "Alt"


def test_koordination_edits_its_massnahme_and_replaces_the_links(client_as, own):
    alt = BedarfFactory(quartier=own, titel="Alter Bedarf")
    neu = BedarfFactory(quartier=own, titel="Neuer Bedarf")
    massnahme = MassnahmeFactory(quartiere=[own], bedarfe=[alt], budget=Decimal("1234.5"))
    client = client_as(K)
    url = reverse("quartiere:massnahme_edit", args=[massnahme.pk])
    assert 'value="1234,50"' in body(client.get(url))
    response = client.post(
        url, massnahme_data([own], [neu], status=Massnahme.Status.LAUFEND), follow=True
    )
    assert "Die Maßnahme wurde gespeichert." in body(response)
    massnahme.refresh_from_db()
    assert massnahme.status == Massnahme.Status.LAUFEND
    assert list(massnahme.bedarfe.all()) == [neu]


def test_editing_keeps_a_linked_bedarf_that_is_done(client_as, own):
    erledigt = BedarfFactory(quartier=own, titel="Erledigter Bedarf", status=Bedarf.Status.ERLEDIGT)
    massnahme = MassnahmeFactory(quartiere=[own], bedarfe=[erledigt])
    client = client_as(K)
    url = reverse("quartiere:massnahme_edit", args=[massnahme.pk])
    assert "Erledigter Bedarf" in body(client.get(url))
    assert client.post(url, massnahme_data([own], [erledigt])).status_code == 302
    assert list(massnahme.bedarfe.all()) == [erledigt]


def test_massnahme_is_deleted_after_confirmation_and_its_bedarfe_stay(client_as, own):
    bedarf = BedarfFactory(quartier=own)
    massnahme = MassnahmeFactory(titel="Zu löschen", quartiere=[own], bedarfe=[bedarf])
    client = client_as(K)
    url = reverse("quartiere:massnahme_delete", args=[massnahme.pk])
    assert "Möchten Sie „Zu löschen“ wirklich löschen?" in body(client.get(url))
    assert Massnahme.objects.filter(pk=massnahme.pk).exists()
    response = client.post(url, follow=True)
    assert "Die Maßnahme wurde gelöscht." in body(response)
    assert not Massnahme.objects.filter(pk=massnahme.pk).exists()
    assert Bedarf.objects.filter(pk=bedarf.pk).exists()
    assert not MassnahmeQuartier.objects.exists()


def test_inactive_handlungsfeld_from_seed_is_not_offered(client_as, own):
    Handlungsfeld.objects.filter(name="Integration").update(aktiv=False)
    page = body(client_as(K).get(reverse("quartiere:bedarf_create")))
    assert ">Integration<" not in page


def test_list_filtered_to_a_quartier_creates_in_that_quartier(client_as, own):
    client = client_as(K)
    for name in ("bedarf", "massnahme"):
        page = body(client.get(reverse(f"quartiere:{name}_list"), {"quartier": own.slug}))
        assert f'href="{reverse(f"quartiere:{name}_create")}?quartier={own.slug}"' in page
        unfiltered = body(client.get(reverse(f"quartiere:{name}_list")))
        assert f'href="{reverse(f"quartiere:{name}_create")}"' in unfiltered


def test_lists_offer_no_create_button_to_verwaltung(client_as, own):
    client = client_as(V)
    for name in ("bedarf", "massnahme"):
        page = body(client.get(reverse(f"quartiere:{name}_list")))
        assert reverse(f"quartiere:{name}_create") not in page


def test_massnahme_detail_leads_back_to_its_only_quartier(client_as, own, foreign):
    single = MassnahmeFactory(quartiere=[own])
    shared = MassnahmeFactory(quartiere=[own, foreign])
    client = client_as(V)
    assert f'href="{own.get_absolute_url()}">Wiesenau</a></li>' in body(
        client.get(single.get_absolute_url())
    )
    assert f'href="{own.get_absolute_url()}">Wiesenau</a></li>' not in body(
        client.get(shared.get_absolute_url())
    )
