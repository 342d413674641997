"""The start page's dashboard per role: known data in, known figures out, constant queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cockpit import dashboard
from gwa_portal.core.models import Role
from netzwerk.models import Anmeldung, Gremium, Person, Termin

from ..factories import (
    AktivitaetFactory,
    AnmeldungFactory,
    AufgabeFactory,
    BefragungFactory,
    EinladungFactory,
    FortbildungFactory,
    GremiumFactory,
    KoordinationFactory,
    MitgliedschaftFactory,
    PersonFactory,
    ProtokollFactory,
    QuartierFactory,
    RueckmeldungFactory,
    TerminFactory,
    in_days,
)

START = "/"


def today():
    return timezone.localdate()


def days_ago(n):
    return today() - datetime.timedelta(days=n)


def main(response):
    assert response.status_code == 200
    return re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group(0)


def section(html, heading_id):
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S)
    assert match, f"section {heading_id} missing"
    return match.group(0)


def stadtteil_row(html, name):
    match = re.search(
        rf"<a[^>]*>{re.escape(name)}</a></th>" + r"\s*<td[^>]*>(\d+)</td>" * 3,
        html,
    )
    return match and tuple(int(n) for n in match.groups())


def activity_row(html, name):
    match = re.search(
        rf"<a[^>]*>{re.escape(name)}</a></th>\s*<td[^>]*>(\d+)</td>\s*<td[^>]*>(\w+)</td>", html
    )
    return match and (int(match.group(1)), match.group(2))


def released_protokoll(**kwargs):
    return ProtokollFactory(freigegeben_am=timezone.now(), **kwargs)


@pytest.fixture
def stadt(koordination):
    """Two Quartiere: Wiesenau (coordinated by Bob) and Godshorn (nobody coordinates it)."""
    wiesenau = QuartierFactory(name="Wiesenau", slug="wiesenau")
    godshorn = QuartierFactory(name="Godshorn", slug="godshorn")
    KoordinationFactory(quartier=wiesenau, user=koordination, von=datetime.date(2024, 1, 1))
    for n in (1, 10, 30, 60, 89, 89):
        AktivitaetFactory(quartier=wiesenau, datum=days_ago(n))
    AktivitaetFactory(quartier=wiesenau, datum=days_ago(90))  # day 91: outside the window
    AktivitaetFactory(quartier=godshorn, datum=days_ago(5))

    rt_wiesenau = GremiumFactory(name="Runder Tisch Wiesenau", quartier=wiesenau)
    rt_godshorn = GremiumFactory(name="Runder Tisch Godshorn", quartier=godshorn)
    TerminFactory(titel="Sitzung Wiesenau", gremium=rt_wiesenau, beginn=in_days(20))
    TerminFactory(titel="Sitzung Godshorn", gremium=rt_godshorn, beginn=in_days(21))
    TerminFactory(titel="Vorbei Wiesenau", gremium=rt_wiesenau, beginn=in_days(-2))

    vergangen = TerminFactory(gremium=rt_wiesenau, beginn=in_days(-10))
    protokoll = released_protokoll(termin=vergangen)
    AufgabeFactory(protokoll=protokoll, beschreibung="Flyer drucken", faellig_am=days_ago(3))
    AufgabeFactory(protokoll=protokoll, beschreibung="Raum buchen", faellig_am=days_ago(30))
    AufgabeFactory(protokoll=protokoll, beschreibung="Bericht schreiben", faellig_am=None)
    AufgabeFactory(protokoll=protokoll, beschreibung="Erledigt", erledigt=True)
    entwurf = ProtokollFactory(termin=TerminFactory(gremium=rt_wiesenau, beginn=in_days(-5)))
    AufgabeFactory(protokoll=entwurf, beschreibung="Aus dem Entwurf", faellig_am=days_ago(1))
    fremd = released_protokoll(termin=TerminFactory(gremium=rt_godshorn, beginn=in_days(-4)))
    AufgabeFactory(protokoll=fremd, beschreibung="Godshorner Aufgabe", faellig_am=days_ago(2))

    stadtweit = BefragungFactory(titel={"de": "Stadtweite Befragung"})
    RueckmeldungFactory.create_batch(3, befragung=stadtweit)
    nur_godshorn = BefragungFactory(titel={"de": "Befragung Godshorn"}, quartiere=[godshorn])
    RueckmeldungFactory(befragung=nur_godshorn)
    BefragungFactory(titel={"de": "Entwurf"}, status="entwurf")

    kurs = FortbildungFactory(stunden=6)
    AnmeldungFactory(fortbildung=kurs, user=koordination, status=Anmeldung.Status.TEILGENOMMEN)
    AnmeldungFactory(fortbildung=kurs, status=Anmeldung.Status.TEILGENOMMEN)
    AnmeldungFactory(fortbildung=kurs, status=Anmeldung.Status.ANGEMELDET)
    return {"wiesenau": wiesenau, "godshorn": godshorn, "rt_wiesenau": rt_wiesenau}


def test_anonymous_visitors_keep_the_public_introduction(client, stadt):
    html = main(client.get(START))
    assert "Gemeinwesenarbeit in Langenhagen" in html
    assert "Nächste Termine" not in html
    assert "Wiesenau" not in html


def test_stufe_bands_are_fixed():
    assert [dashboard.stufe_of(n).key for n in (0, 1, 4, 5, 14, 15, 200)] == [
        "keine",
        "gering",
        "gering",
        "mittel",
        "mittel",
        "hoch",
        "hoch",
    ]


def test_fachstelle_sees_activity_of_every_quartier_in_the_last_90_days(client_as, stadt):
    html = section(main(client_as(Role.FACHSTELLE).get(START)), "aktivitaet")
    # Folded into Stadtteile (each factory Quartier has its own): Quartiere, Aktivitäten, without.
    wiesenau, godshorn = stadt["wiesenau"].stadtteil, stadt["godshorn"].stadtteil
    assert stadtteil_row(html, wiesenau.name) == (1, 6, 0)
    assert stadtteil_row(html, godshorn.name) == (1, 1, 0)
    assert f'href="/quartiere/?stadtteil={wiesenau.slug}"' in html
    assert 'data-geojson-url="/quartiere.geojson"' in html
    assert 'data-aktivitaet-url="/karte/aktivitaet.json"' in html
    assert "wiesenau" not in html  # no per-Quartier data inline: karte.js fetches it
    shading = client_as(Role.FACHSTELLE).get("/karte/aktivitaet.json").json()
    assert shading["wiesenau"] == {"anzahl": 6, "stufe": "mittel", "label": "mittel"}
    assert shading["godshorn"]["anzahl"] == 1


def test_fachstelle_sees_next_termine_across_the_city(client_as, stadt):
    html = section(main(client_as(Role.FACHSTELLE).get(START)), "naechste-termine")
    assert "Sitzung Wiesenau" in html
    assert "Sitzung Godshorn" in html
    assert "Vorbei Wiesenau" not in html
    assert html.index("Sitzung Wiesenau") < html.index("Sitzung Godshorn")


def test_fachstelle_sees_open_and_overdue_aufgaben_of_released_protokolle(client_as, stadt):
    html = section(main(client_as(Role.FACHSTELLE).get(START)), "aufgaben")
    assert 'data-zahl="aufgaben-offen">4<' in html
    assert 'data-zahl="aufgaben-ueberfaellig">3<' in html
    assert html.index("Raum buchen") < html.index("Flyer drucken")
    assert "Godshorner Aufgabe" in html
    assert "Aus dem Entwurf" not in html
    assert "Erledigt" not in html
    assert "Bericht schreiben" not in html  # open but not overdue: counted, not listed


def test_fachstelle_sees_running_befragungen_with_answer_counts(client_as, stadt):
    html = section(main(client_as(Role.FACHSTELLE).get(START)), "befragungen")
    assert re.search(r"Stadtweite Befragung</a></th>.*?<td[^>]*>3</td>", html, re.S)
    assert re.search(r"Befragung Godshorn</a></th>.*?<td[^>]*>1</td>", html, re.S)
    assert "Entwurf" not in html


def test_fachstelle_sees_quartiere_without_koordination_with_handover_folder(client_as, stadt):
    html = section(main(client_as(Role.FACHSTELLE).get(START)), "ohne-koordination")
    assert "Godshorn" in html
    assert "Wiesenau" not in html
    assert reverse("cockpit:uebergabe", kwargs={"quartier_slug": "godshorn"}) in html
    assert reverse("quartiere:koordination", kwargs={"slug": "godshorn"}) in html


def test_ended_koordination_counts_as_none(client_as, stadt, koordination):
    stadt["wiesenau"].koordinationen.update(bis=days_ago(1))
    html = section(main(client_as(Role.FACHSTELLE).get(START)), "ohne-koordination")
    assert "Wiesenau" in html


def test_fachstelle_sees_training_hours_of_this_year(client_as, stadt):
    html = section(main(client_as(Role.FACHSTELLE).get(START)), "fortbildung")
    assert "12 Stunden bei 2 Teilnahmen." in html


def test_training_hours_of_last_year_do_not_count(stadt, koordination):
    assert dashboard.training_hours(year=today().year - 1) == {"stunden": 0, "teilnahmen": 0}
    assert dashboard.training_hours(year=today().year, user=koordination)["stunden"] == 6


def test_koordination_sees_only_their_own_quartiere(client_as, stadt):
    html = main(client_as(Role.KOORDINATION).get(START))
    assert activity_row(section(html, "aktivitaet"), "Wiesenau") == (6, "mittel")
    assert "Godshorn" not in html
    termine = section(html, "naechste-termine")
    assert "Sitzung Wiesenau" in termine
    aufgaben = section(html, "aufgaben")
    assert 'data-zahl="aufgaben-offen">3<' in aufgaben
    assert 'data-zahl="aufgaben-ueberfaellig">2<' in aufgaben
    befragungen = section(html, "befragungen")
    assert "Stadtweite Befragung" in befragungen
    assert 'id="ohne-koordination"' not in html
    assert "Sie haben 6 Stunden in 1 Fortbildung besucht." in section(html, "fortbildung")


def test_koordination_sees_what_is_due_this_week(client_as, stadt, koordination):
    _monday, sunday = dashboard.week_of(today())
    tz = timezone.get_current_timezone()
    at = datetime.datetime.combine(sunday, datetime.time(10), tzinfo=tz)
    TerminFactory(titel="Wochentermin", gremium=stadt["rt_wiesenau"], beginn=at)
    TerminFactory(
        titel="Nächste Woche",
        gremium=stadt["rt_wiesenau"],
        beginn=at + datetime.timedelta(days=1),
    )
    person = PersonFactory(user=koordination)
    einladung_fremd = TerminFactory(titel="Eingeladen woanders", beginn=at)
    EinladungFactory(termin=einladung_fremd, person=person)
    protokoll = released_protokoll(
        termin=TerminFactory(gremium=stadt["rt_wiesenau"], beginn=in_days(-30))
    )
    AufgabeFactory(protokoll=protokoll, beschreibung="Diese Woche fällig", faellig_am=sunday)
    AufgabeFactory(
        protokoll=protokoll,
        beschreibung="Nächste Woche fällig",
        faellig_am=sunday + datetime.timedelta(days=1),
    )
    html = section(main(client_as(Role.KOORDINATION).get(START)), "diese-woche")
    assert "Wochentermin" in html
    assert "Eingeladen woanders" in html
    assert "Nächste Woche" not in html
    assert "Diese Woche fällig" in html
    assert "Nächste Woche fällig" not in html
    assert reverse("quartiere:aktivitaet_create") in html


def test_koordination_without_quartier_sees_empty_states(client_as, db):
    html = main(client_as(Role.KOORDINATION).get(START))
    assert "Ihnen ist derzeit kein Quartier zugeordnet." in html
    assert "In Ihren Quartieren sind keine Termine geplant." in html
    assert "Es gibt keine offenen Aufgaben aus freigegebenen Protokollen." in html
    assert "In dieser Woche stehen keine Termine in Ihren Quartieren an." in html
    assert "In dieser Woche sind keine Aufgaben fällig." in html
    assert "Sie haben in diesem Jahr noch an keiner Fortbildung teilgenommen." in html


def test_fachstelle_on_an_empty_portal_sees_empty_states(client_as, db):
    html = main(client_as(Role.FACHSTELLE).get(START))
    assert "Es sind noch keine Quartiere angelegt." in html
    assert "Es sind keine Termine geplant." in html
    assert "Es gibt keine offenen Aufgaben aus freigegebenen Protokollen." in html
    assert "Zurzeit läuft keine Befragung." in html
    assert "Jedes Quartier hat eine Koordination." in html
    assert "In diesem Jahr ist noch keine Teilnahme an einer Fortbildung erfasst." in html


@pytest.mark.parametrize("role", [Role.VERWALTUNG, Role.PARTNER])
def test_verwaltung_and_partner_see_their_gremien_and_termine(client_as, users, stadt, role):
    person = PersonFactory(user=users[role])
    MitgliedschaftFactory(gremium=stadt["rt_wiesenau"], person=person)
    MitgliedschaftFactory(
        gremium=GremiumFactory(name="Früheres Gremium"),
        person=person,
        bis=days_ago(10),
    )
    eingeladen = TerminFactory(titel="Einladung stadtweit", gremium=None, beginn=in_days(3))
    EinladungFactory(termin=eingeladen, person=person)
    html = main(client_as(role).get(START))
    gremien = section(html, "meine-gremien")
    assert "Runder Tisch Wiesenau" in gremien
    assert "Früheres Gremium" not in gremien
    assert "Runder Tisch Godshorn" not in gremien
    termine = section(html, "meine-termine")
    assert "Einladung stadtweit" in termine
    assert "Sitzung Wiesenau" in termine
    assert "Sitzung Godshorn" not in termine
    assert "Aufgaben aus Protokollen" not in html
    assert 'id="karte"' not in html


@pytest.mark.parametrize("role", [Role.VERWALTUNG, Role.PARTNER])
def test_verwaltung_and_partner_without_person_see_empty_states(client_as, stadt, role):
    html = main(client_as(role).get(START))
    assert "Sie sind derzeit in keinem Gremium eingetragen." in html
    assert "Sie haben keine anstehenden Termine." in html


def test_partner_is_not_linked_to_quartiere(client_as, stadt):
    html = main(client_as(Role.PARTNER).get(START))
    assert reverse("quartiere:index") + '"' not in section(html, "mehr")


# --- query counts -------------------------------------------------------------------------


def grow(koordination, users, n):
    """n more of everything each section reads, in Bob's Quartier and elsewhere."""
    for i in range(n):
        quartier = QuartierFactory()
        own = QuartierFactory()
        KoordinationFactory(quartier=own, user=koordination)
        for q in (quartier, own):
            AktivitaetFactory(quartier=q, datum=days_ago(i % 80))
            gremium = GremiumFactory(quartier=q)
            termin = TerminFactory(gremium=gremium, beginn=in_days(1 + i % 5))
            protokoll = released_protokoll(
                termin=TerminFactory(gremium=gremium, beginn=in_days(-3))
            )
            AufgabeFactory(protokoll=protokoll, faellig_am=days_ago(1 + i))
            MitgliedschaftFactory.create_batch(2, gremium=gremium)
            befragung = BefragungFactory(quartiere=[q])
            RueckmeldungFactory.create_batch(2, befragung=befragung)
            EinladungFactory(termin=termin)
        kurs = FortbildungFactory()
        AnmeldungFactory(fortbildung=kurs, user=koordination, status=Anmeldung.Status.TEILGENOMMEN)
    for role in (Role.VERWALTUNG, Role.PARTNER):
        person = Person.objects.filter(user=users[role]).first() or PersonFactory(user=users[role])
        for gremium in Gremium.objects.exclude(mitgliedschaften__person=person)[:n]:
            MitgliedschaftFactory(gremium=gremium, person=person)
        for termin in Termin.objects.exclude(einladungen__person=person)[:n]:
            EinladungFactory(termin=termin, person=person)


@pytest.mark.parametrize(
    "role", [Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER]
)
def test_dashboard_query_count_does_not_grow_with_data(
    client_as, users, koordination, django_assert_max_num_queries, role
):
    grow(koordination, users, 1)
    client = client_as(role)
    with CaptureQueriesContext(connection) as small:
        main(client.get(START))
    grow(koordination, users, 12)
    with django_assert_max_num_queries(len(small)):
        html = main(client.get(START))
    if role in (Role.FACHSTELLE, Role.KOORDINATION):
        assert html.count('<th scope="row" class="kern-table__cell"><a') >= 12


def glance(html):
    """{key: figure} of the „Auf einen Blick“ tiles."""
    return dict(re.findall(r'data-zahl="blick-([\w-]+)">([^<]+)<', html))


def test_fachstelle_sees_the_city_at_a_glance(client_as, stadt):
    html = section(main(client_as(Role.FACHSTELLE).get(START)), "auf-einen-blick")
    assert glance(html) == {
        "aktivitaeten": "7",  # six in Wiesenau, one in Godshorn within 90 days
        "aufgaben": "4",  # released and open, both Quartiere
        "befragungen": "2",  # the draft does not run
        "ohne-koordination": "1",  # Godshorn
        "fortbildung": "12",  # 6 hours × 2 who took part
    }
    assert "davon 3 überfällig" in html
    assert 'href="#aufgaben"' in html and 'id="aufgaben"' in main(
        client_as(Role.FACHSTELLE).get(START)
    )


def test_koordination_sees_only_their_quartiere_at_a_glance(client_as, stadt):
    html = section(main(client_as(Role.KOORDINATION).get(START)), "auf-einen-blick")
    assert glance(html) == {
        "aktivitaeten": "6",
        "aufgaben": "3",
        "befragungen": "1",  # the citywide one; Godshorn's is not theirs
        "fortbildung": "6",  # their own hours
    }
    assert "davon 2 überfällig" in html
    assert "Quartiere ohne Koordination" not in html


@pytest.mark.parametrize("role", [Role.VERWALTUNG, Role.PARTNER])
def test_verwaltung_and_partner_get_no_city_figures(client_as, stadt, role):
    assert "auf-einen-blick" not in main(client_as(role).get(START))
