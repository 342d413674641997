"""The handover folder: everything of one Quartier, nothing of any other, constant queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cockpit.uebergabe import UEBERGABE_BEFRAGUNGEN
from gwa_portal.core.models import Role
from netzwerk.models import Mitgliedschaft
from quartiere.models import Aktivitaet, Bedarf, Massnahme, Merkmal

from ..factories import (
    AkteurFactory,
    AktivitaetFactory,
    AngebotFactory,
    AufgabeFactory,
    BedarfFactory,
    BefragungFactory,
    GremiumFactory,
    HandlungsfeldFactory,
    KennzahlFactory,
    KoordinationFactory,
    MassnahmeFactory,
    MitgliedschaftFactory,
    PersonFactory,
    ProtokollFactory,
    QuartierFactory,
    RueckmeldungFactory,
    TerminFactory,
    UserFactory,
    in_days,
)


def days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


def folder_url(quartier):
    return reverse("cockpit:uebergabe", kwargs={"quartier_slug": quartier.slug})


def main(response):
    assert response.status_code == 200
    return re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group(0)


def fill(name, *, handlungsfeld):
    """A Quartier with one of everything the folder shows; every text starts with `name`."""
    quartier = QuartierFactory(
        name=name,
        slug=name.lower(),
        beschreibung=f"{name}-Beschreibung",
        schwerpunkte=f"{name}-Schwerpunkte",
        kontakt_oeffentlich=f"{name}-Kontakt",
    )
    KoordinationFactory(quartier=quartier, user=UserFactory(name=f"{name}-Koordinatorin"))
    KennzahlFactory(quartier=quartier, jahr=2022, merkmal=Merkmal.EINWOHNER, wert=1111)
    KennzahlFactory(quartier=quartier, jahr=2023, merkmal=Merkmal.EINWOHNER, wert=4321)
    KennzahlFactory(quartier=quartier, jahr=2023, merkmal=Merkmal.ALTER_65_PLUS, wert=987)
    BedarfFactory(quartier=quartier, titel=f"{name}-Bedarf offen")
    BedarfFactory(quartier=quartier, titel=f"{name}-Bedarf erledigt", status=Bedarf.Status.ERLEDIGT)
    MassnahmeFactory(quartiere=[quartier], titel=f"{name}-Maßnahme laufend")
    MassnahmeFactory(
        quartiere=[quartier],
        titel=f"{name}-Maßnahme abgeschlossen",
        status=Massnahme.Status.ABGESCHLOSSEN,
    )
    gremium = GremiumFactory(name=f"{name}-Runder Tisch", quartier=quartier)
    akteur = AkteurFactory(name=f"{name}-Verein", quartiere=[quartier])
    MitgliedschaftFactory(
        gremium=gremium,
        person=PersonFactory(name=f"{name}-Sprecherin", akteur=akteur),
        rolle=Mitgliedschaft.Rolle.SPRECHER,
    )
    MitgliedschaftFactory(
        gremium=gremium, person=PersonFactory(name=f"{name}-Ehemalige"), bis=days_ago(30)
    )
    TerminFactory(titel=f"{name}-Sitzung", gremium=gremium, beginn=in_days(5))
    TerminFactory(titel=f"{name}-Fest", gremium=None, quartier=quartier, beginn=in_days(6))
    protokoll = ProtokollFactory(
        termin=TerminFactory(gremium=gremium, beginn=in_days(-7)), freigegeben_am=timezone.now()
    )
    AufgabeFactory(protokoll=protokoll, beschreibung=f"{name}-Aufgabe offen")
    AufgabeFactory(protokoll=protokoll, beschreibung=f"{name}-Aufgabe erledigt", erledigt=True)
    AngebotFactory(titel=f"{name}-Erzählcafé", akteur=akteur, quartier=quartier)
    AngebotFactory(titel=f"{name}-Inaktiv", akteur=akteur, quartier=quartier, aktiv=False)
    AktivitaetFactory(
        quartier=quartier,
        datum=days_ago(10),
        art=Aktivitaet.Art.BERATUNG,
        teilnehmende=4,
        stunden=1,
        handlungsfelder=[handlungsfeld],
    )
    AktivitaetFactory(
        quartier=quartier,
        datum=days_ago(100),
        art=Aktivitaet.Art.TREFFEN,
        teilnehmende=10,
        stunden=2,
    )
    AktivitaetFactory(quartier=quartier, datum=days_ago(400), teilnehmende=99, stunden=9)
    befragung = BefragungFactory(titel={"de": f"{name}-Befragung"}, quartiere=[quartier])
    RueckmeldungFactory.create_batch(2, befragung=befragung)
    return quartier


@pytest.fixture
def zwei_quartiere(db):
    return {
        "wiesenau": fill("Wiesenau", handlungsfeld=HandlungsfeldFactory(name="Integration")),
        "godshorn": fill("Godshorn", handlungsfeld=HandlungsfeldFactory(name="Inklusion")),
    }


def test_folder_holds_the_profile_and_latest_kennzahlen(client_as, zwei_quartiere):
    html = main(client_as(Role.KOORDINATION).get(folder_url(zwei_quartiere["wiesenau"])))
    for text in (
        "Übergabemappe Wiesenau",
        "Wiesenau-Beschreibung",
        "Wiesenau-Schwerpunkte",
        "Wiesenau-Kontakt",
        "Wiesenau-Koordinatorin",
        "Kennzahlen 2023",
        "4321",
        "987",
    ):
        assert text in html, text
    assert "1111" not in html, "only the latest year"


def test_folder_holds_current_bedarfe_and_massnahmen(client_as, zwei_quartiere):
    html = main(client_as(Role.FACHSTELLE).get(folder_url(zwei_quartiere["wiesenau"])))
    assert "Wiesenau-Bedarf offen" in html
    assert "Wiesenau-Bedarf erledigt" not in html
    assert "Wiesenau-Maßnahme laufend" in html
    assert "Wiesenau-Maßnahme abgeschlossen" not in html


def test_folder_holds_gremien_with_current_members_termine_and_open_aufgaben(
    client_as, zwei_quartiere
):
    html = main(client_as(Role.VERWALTUNG).get(folder_url(zwei_quartiere["wiesenau"])))
    assert re.search(
        r"Wiesenau-Sprecherin</th>\s*<td[^>]*>Sprecher:in</td>\s*<td[^>]*>Wiesenau-Verein</td>",
        html,
    )
    assert "Wiesenau-Ehemalige" not in html
    assert "Wiesenau-Sitzung" in html and "Wiesenau-Fest" in html
    assert "Wiesenau-Aufgabe offen" in html
    assert "Wiesenau-Aufgabe erledigt" not in html


def test_folder_holds_partners_angebote_and_running_surveys(client_as, zwei_quartiere):
    stadtweit = BefragungFactory(titel={"de": "Stadtweite Befragung"})
    RueckmeldungFactory(befragung=stadtweit)
    html = main(client_as(Role.FACHSTELLE).get(folder_url(zwei_quartiere["wiesenau"])))
    assert "Wiesenau-Verein" in html
    assert "Wiesenau-Erzählcafé" in html
    assert "Wiesenau-Inaktiv" not in html
    assert "Wiesenau-Befragung</a> – 2 Rückmeldungen" in html
    assert "Stadtweite Befragung</a> – 1 Rückmeldung" in html
    assert 'data-zahl="befragungen-gesamt"' not in html  # all of them are listed


def test_folder_lists_the_first_running_surveys_and_links_all_of_them(client_as, zwei_quartiere):
    """Citywide surveys belong to every Quartier: the folder lists those that end first and
    links the full, filtered survey list (staff only; the Verwaltung gets the count)."""
    quartier = zwei_quartiere["wiesenau"]
    for i in range(UEBERGABE_BEFRAGUNGEN + 2):
        BefragungFactory(
            titel={"de": f"Stadtweit {i:02d}"}, ende=timezone.localdate() + in_days_delta(i)
        )
    BefragungFactory(titel={"de": "Godshorn allein"}, quartiere=[zwei_quartiere["godshorn"]])
    gesamt = UEBERGABE_BEFRAGUNGEN + 3  # the citywide ones and Wiesenau's own (no end date)
    html = main(client_as(Role.FACHSTELLE).get(folder_url(quartier)))
    section = html[html.index('id="befragungen"') :]
    shown = re.findall(r"Stadtweit (\d+)</a>", section)
    assert shown == [f"{i:02d}" for i in range(UEBERGABE_BEFRAGUNGEN)]
    assert "Wiesenau-Befragung" not in section and "Godshorn allein" not in section
    assert f"laufen {gesamt} Befragungen" in section
    liste = reverse("befragung:liste") + f"?quartier={quartier.slug}&amp;status=laeuft"
    assert f'href="{liste}"' in section
    verwaltung = main(client_as(Role.VERWALTUNG).get(folder_url(quartier)))
    assert f"laufen {gesamt} Befragungen" in verwaltung
    assert liste not in verwaltung and f"Alle {gesamt} laufenden" not in verwaltung


def in_days_delta(n):
    return datetime.timedelta(days=n + 1)


def test_folder_summarises_the_last_twelve_months_of_aktivitaeten(client_as, zwei_quartiere):
    html = main(client_as(Role.FACHSTELLE).get(folder_url(zwei_quartiere["wiesenau"])))
    summe = re.search(r'data-zahl="aktivitaeten-summe">(.*?)</p>', html, re.S).group(1)
    assert "2 Aktivitäten, 14 Teilnehmende, 3 Stunden." in summe
    assert re.search(r"Beratung</th>\s*<td[^>]*>1</td>\s*<td[^>]*>4</td>\s*<td[^>]*>1</td>", html)
    assert re.search(r"Treffen</th>\s*<td[^>]*>1</td>\s*<td[^>]*>10</td>\s*<td[^>]*>2</td>", html)
    assert re.search(r"Integration</th>\s*<td[^>]*>1</td>", html)
    assert re.search(r"ohne Handlungsfeld</th>\s*<td[^>]*>1</td>", html)


def test_folder_holds_nothing_from_other_quartiere(client_as, zwei_quartiere):
    html = main(client_as(Role.FACHSTELLE).get(folder_url(zwei_quartiere["wiesenau"])))
    assert "Godshorn" not in html
    assert "Inklusion" not in html
    assert "Wiesenau-Sitzung" in html, "the folder is not simply empty"


def test_empty_quartier_shows_empty_states(client_as, db):
    quartier = QuartierFactory(name="Leer", slug="leer", beschreibung="")
    html = main(client_as(Role.KOORDINATION).get(folder_url(quartier)))
    for text in (
        "Für dieses Quartier sind noch keine Kennzahlen erfasst.",
        "Es gibt keine offenen Bedarfe.",
        "Es gibt keine geplanten oder laufenden Maßnahmen.",
        "Zu diesem Quartier gehört noch kein Gremium.",
        "Es sind keine Termine geplant.",
        "Es gibt keine offenen Aufgaben aus freigegebenen Protokollen.",
        "Für dieses Quartier sind keine Akteure eingetragen.",
        "Für dieses Quartier sind keine aktiven Angebote eingetragen.",
        "In den letzten zwölf Monaten wurden keine Aktivitäten erfasst.",
        "Zurzeit läuft keine Befragung für dieses Quartier.",
    ):
        assert text in html, text


def test_folder_prints_on_a4_without_navigation(client_as, zwei_quartiere):
    response = client_as(Role.FACHSTELLE).get(folder_url(zwei_quartiere["wiesenau"]))
    assert "css/cockpit-uebergabe.css" in response.content.decode()
    from django.contrib.staticfiles import finders

    with open(finders.find("css/cockpit-uebergabe.css"), encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    assert "size: A4" in css
    assert re.search(r"@media print \{\s*\.portal-header,\s*\.portal-nav,\s*\.portal-footer", css)


def test_unknown_quartier_is_404(client_as, db):
    response = client_as(Role.FACHSTELLE).get(
        reverse("cockpit:uebergabe", kwargs={"quartier_slug": "gibt-es-nicht"})
    )
    assert response.status_code == 404


def test_partner_and_anonymous_cannot_open_the_folder(client_as, zwei_quartiere):
    url = folder_url(zwei_quartiere["wiesenau"])
    assert client_as(Role.PARTNER).get(url).status_code == 403
    assert client_as(None).get(url).status_code == 302


def test_composed_quartier_page_links_the_folder_for_internal_users_only(client_as, zwei_quartiere):
    quartier = zwei_quartiere["wiesenau"]
    page = reverse("quartiere:detail", kwargs={"slug": quartier.slug})
    assert folder_url(quartier) in client_as(Role.KOORDINATION).get(page).content.decode()
    assert folder_url(quartier) not in client_as(Role.PARTNER).get(page).content.decode()
    assert folder_url(quartier) not in client_as(None).get(page).content.decode()


def test_folder_query_count_does_not_grow_with_data(
    client_as, zwei_quartiere, django_assert_max_num_queries
):
    quartier = zwei_quartiere["wiesenau"]
    client = client_as(Role.FACHSTELLE)
    with CaptureQueriesContext(connection) as small:
        main(client.get(folder_url(quartier)))
    for i in range(10):
        gremium = GremiumFactory(quartier=quartier)
        MitgliedschaftFactory.create_batch(3, gremium=gremium)
        TerminFactory(gremium=gremium, beginn=in_days(2 + i))
        protokoll = ProtokollFactory(
            termin=TerminFactory(gremium=gremium, beginn=in_days(-3)),
            freigegeben_am=timezone.now(),
        )
        AufgabeFactory.create_batch(2, protokoll=protokoll)
        BedarfFactory(quartier=quartier)
        MassnahmeFactory(quartiere=[quartier])
        akteur = AkteurFactory(quartiere=[quartier])
        AngebotFactory(quartier=quartier, akteur=akteur)
        AktivitaetFactory(
            quartier=quartier,
            datum=days_ago(i),
            handlungsfelder=[HandlungsfeldFactory(name=f"Feld {i}")],
        )
        RueckmeldungFactory(befragung=BefragungFactory(quartiere=[quartier]))
    with django_assert_max_num_queries(len(small)):
        html = main(client.get(folder_url(quartier)))
    assert html.count("Feld ") >= 10


# --- „Quartier übergeben“ ----------------------------------------------------------------------


def test_fachstelle_hands_over_a_quartier_and_lands_on_the_folder(client_as, users):
    import datetime as dt

    from quartiere.models import Koordination

    from ..factories import KoordinationFactory, QuartierFactory, UserFactory

    quartier = QuartierFactory(name="Brinker Park", slug="brinker-park")
    alt = KoordinationFactory(quartier=quartier, von=dt.date(2023, 1, 1))
    neu = UserFactory(role="koordination", name="Nina Nachfolge")
    client = client_as("fachstelle")
    folder = reverse("cockpit:uebergabe", kwargs={"quartier_slug": quartier.slug})
    assert (
        reverse("cockpit:uebergeben", args=[quartier.slug]) in client.get(folder).content.decode()
    )

    url = reverse("cockpit:uebergeben", args=[quartier.slug])
    day = timezone.localdate()
    response = client.post(
        url, {"koordination": alt.pk, "nachfolge": neu.pk, "datum": day.isoformat()}
    )
    assert response.status_code == 302 and response["Location"] == folder
    alt.refresh_from_db()
    assert alt.bis == day - dt.timedelta(days=1)
    assert Koordination.objects.get(quartier=quartier, user=neu).von == day
    page = client.get(folder).content.decode()
    assert "Nina Nachfolge koordiniert ab dem" in page and "Übergabemappe" in page


def test_handover_with_bad_input_saves_nothing_and_others_may_not(client_as, users):
    import datetime as dt

    from quartiere.models import Koordination

    from ..factories import KoordinationFactory, QuartierFactory

    quartier = QuartierFactory()
    alt = KoordinationFactory(quartier=quartier, von=dt.date(2023, 1, 1))
    url = reverse("cockpit:uebergeben", args=[quartier.slug])
    response = client_as("fachstelle").post(
        url, {"koordination": alt.pk, "nachfolge": alt.user.pk, "datum": "2024-05-01"}
    )
    assert response.status_code == 400
    assert Koordination.objects.filter(quartier=quartier).count() == 1
    for role in ("koordination", "verwaltung", "partner"):
        assert client_as(role).get(url).status_code == 403
    assert client_as(None).get(url).status_code == 302
