"""seed_demo: the Langenhagen demo, safe to run twice, refused in production without --force."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from gwa_portal.core.models import Role, User
from quartiere.models import (
    Aktivitaet,
    Bedarf,
    Kennzahl,
    Koordination,
    Massnahme,
    Merkmal,
    Quartier,
    Stadtteil,
)

DEMO_LOGINS = {
    "fachstelle@example.org": Role.FACHSTELLE,
    "koordination@example.org": Role.KOORDINATION,
    "verwaltung@example.org": Role.VERWALTUNG,
    "partner@example.org": Role.PARTNER,
}


def test_seed_demo_creates_accounts_geography_and_assignments(db, settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "fachstelle@example.org" in out and "gwa-demo-2024" in out
    logins = User.objects.filter(email__in=DEMO_LOGINS)
    assert {u.email: u.role for u in logins} == DEMO_LOGINS
    assert Stadtteil.objects.filter(art="ortsteil").count() == 5
    assert set(Stadtteil.objects.filter(art="kernstadt").values_list("name", flat=True)) == {
        "Alt-Langenhagen",
        "Langenhagen-Mitte",
        "Brink",
        "Langenforth",
        "Wiesenau",
    }
    assert 10 <= Quartier.objects.count() <= 14
    assert all(q.grenze and q.grenze_vereinfacht for q in Quartier.objects.all())
    assert all("Demo" in q.beschreibung for q in Quartier.objects.all())
    koordination = User.objects.get(email="koordination@example.org")
    assert Quartier.objects.coordinated_by(koordination).count() == 2
    for user in logins:
        assert user.check_password("gwa-demo-2024")
    # Colleagues in the coordination history exist, but nobody can log in as them.
    for user in User.objects.exclude(email__in=DEMO_LOGINS):
        assert not user.has_usable_password()
        assert user.role == Role.KOORDINATION


def test_seed_demo_creates_figures_and_daily_work_labelled_as_demo(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    wiesenau = Quartier.objects.get(slug="wiesenau")
    years = set(
        wiesenau.kennzahlen.filter(merkmal=Merkmal.EINWOHNER).values_list("jahr", flat=True)
    )
    assert years == set(range(2019, 2025))
    assert Kennzahl.objects.exclude(quelle__icontains="Demo").count() == 0
    assert Kennzahl.objects.values("quartier").distinct().count() == Quartier.objects.count()
    assert Aktivitaet.objects.count() == 200
    assert not Aktivitaet.objects.exclude(ergebnis__contains="Demo").exists()
    assert Aktivitaet.objects.filter(datum__year=2024).exists()
    # Each activity in a coordinated Quartier was logged by whoever coordinated it on that day.
    koordination = User.objects.get(email="koordination@example.org")
    assert Aktivitaet.objects.filter(quartier=wiesenau, autor=koordination).exists()
    assert Bedarf.objects.open().filter(quartier=wiesenau).exists()
    assert (
        Massnahme.objects.public().exists() and Massnahme.objects.exclude(oeffentlich=True).exists()
    )
    assert wiesenau.koordinationen.filter(bis__isnull=False).exists(), "a former coordinator"


def test_seed_demo_twice_changes_nothing(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (
        User.objects.count(),
        Stadtteil.objects.count(),
        Quartier.objects.count(),
        Koordination.objects.count(),
        Kennzahl.objects.count(),
        Aktivitaet.objects.count(),
        Bedarf.objects.count(),
        Massnahme.objects.count(),
    )
    call_command("seed_demo")
    assert counts == (
        User.objects.count(),
        Stadtteil.objects.count(),
        Quartier.objects.count(),
        Koordination.objects.count(),
        Kennzahl.objects.count(),
        Aktivitaet.objects.count(),
        Bedarf.objects.count(),
        Massnahme.objects.count(),
    )


def test_seed_demo_refuses_without_debug_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert not User.objects.exists()
    call_command("seed_demo", force=True)
    assert User.objects.filter(email__in=DEMO_LOGINS).count() == 4


def test_demo_fachstelle_is_exempt_from_mfa_only_in_debug(client, db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    client.post(
        "/accounts/login/", {"login": "fachstelle@example.org", "password": "gwa-demo-2024"}
    )
    assert client.get("/portal/zugaenge/").status_code == 200
    settings.DEBUG = False
    assert client.get("/portal/zugaenge/").status_code == 302


def netzwerk_counts():
    from netzwerk.models import (
        Akteur,
        Angebot,
        Anmeldung,
        Aufgabe,
        Einladung,
        Fortbildung,
        Gremium,
        Mitgliedschaft,
        Person,
        Protokoll,
        Supervision,
        Tagesordnungspunkt,
        Teilnahme,
        Termin,
    )

    models = [
        Aufgabe,
        Protokoll,
        Akteur,
        Person,
        Gremium,
        Mitgliedschaft,
        Termin,
        Tagesordnungspunkt,
        Einladung,
        Teilnahme,
        Fortbildung,
        Anmeldung,
        Supervision,
        Angebot,
        Aktivitaet.partner.through,
    ]
    return {m.__name__: m.objects.count() for m in models}


def test_seed_demo_creates_the_netzwerk_labelled_as_demo(
    db, settings, mailoutbox, django_capture_on_commit_callbacks
):
    from netzwerk.models import Akteur, Angebot, Fortbildung, Gremium, Person, Supervision, Termin

    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    assert 20 <= Akteur.objects.count() <= 30
    assert not Akteur.objects.exclude(beschreibung__contains="Demo-Daten (fiktiv)").exists()
    assert set(Akteur.objects.values_list("art", flat=True)) >= {
        "verein",
        "traeger",
        "kirche",
        "schule_kita",
        "verwaltung",
        "initiative",
    }
    assert 45 <= Person.objects.count() <= 60
    assert not Person.objects.filter(einwilligung_am__isnull=True).exists()
    assert not Person.objects.filter(einwilligung_zweck="").exists()
    assert not Person.objects.exclude(email__endswith="@example.org").exists()

    partner = Person.objects.get(user__email="partner@example.org")
    verwaltung = Person.objects.get(user__email="verwaltung@example.org")
    runder_tisch = Gremium.objects.get(name="Runder Tisch Wiesenau")
    assert runder_tisch.quartier.slug == "wiesenau"
    assert Gremium.objects.get(name="AG Senior:innen").quartier is None
    assert (
        Gremium.objects.filter(
            name__in=["Netzwerktreffen Alte Mitte", "Arbeitskreis Integration"]
        ).count()
        == 2
    )
    assert list(Gremium.objects.for_person(partner)) == [runder_tisch]
    assert [g.name for g in Gremium.objects.for_person(verwaltung)] == ["AG Senior:innen"]

    # The next Runder Tisch in ~10 days invites every member; one mail each.
    termin = Termin.objects.filter(gremium=runder_tisch).upcoming().get()
    assert 9 <= (termin.beginn - timezone.now()).days <= 10
    members = runder_tisch.mitgliedschaften.current().count()
    assert termin.einladungen.count() == members
    assert termin.einladungen.filter(person=partner).exists()
    assert len(mailoutbox) == members
    assert Termin.objects.past().filter(teilnahmen__isnull=False).distinct().count() >= 3
    assert Termin.objects.public().upcoming().filter(titel="Stadtteilfest Wiesenau").exists()

    fortbildung = Fortbildung.objects.get(thema="Moderation von Bürger:innentreffen")
    assert (fortbildung.kapazitaet, fortbildung.stunden) == (12, 6)
    assert fortbildung.termine.count() == 2
    assert fortbildung.anmeldungen.count() == 3
    assert fortbildung.anmeldungen.filter(user__email="koordination@example.org").exists()
    supervision = Supervision.objects.get()
    assert supervision.mitglieder.filter(email="koordination@example.org").exists()
    assert supervision.termine.count() == 3

    assert 18 <= Angebot.objects.count() <= 25
    assert Angebot.objects.filter(aktiv=False).exists()
    assert Angebot.objects.filter(titel="Erzählcafé", quartier__slug="wiesenau").exists()
    partnered = Aktivitaet.objects.filter(partner__isnull=False).distinct().count()
    assert 55 <= partnered <= 75, "about a third of the 200 Aktivitäten"


def test_seed_demo_twice_creates_no_netzwerk_rows_and_sends_no_mail(
    db, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    counts = netzwerk_counts()
    sent = len(mailoutbox)
    assert sent > 0
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    assert netzwerk_counts() == counts
    assert len(mailoutbox) == sent


def test_the_demo_dashboard_has_open_and_overdue_aufgaben_and_training_hours(client, db, settings):
    """Every section of the demo Fachstelle's dashboard shows something, not its empty state."""
    settings.DEBUG = True
    call_command("seed_demo")
    client.force_login(User.objects.get(email="fachstelle@example.org"))
    html = client.get("/").content.decode()
    offen = int(re.search(r'data-zahl="aufgaben-offen">(\d+)<', html).group(1))
    ueberfaellig = int(re.search(r'data-zahl="aufgaben-ueberfaellig">(\d+)<', html).group(1))
    assert offen >= 3 and 1 <= ueberfaellig < offen
    assert 'data-zahl="fortbildung-stunden"' in html
    assert "Es gibt keine offenen Aufgaben" not in html
    assert "noch keine Teilnahme an einer Fortbildung" not in html


def test_the_demo_has_last_year_s_report_saved_once(db, settings):
    from cockpit.models import Berichtsfassung

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    (fassung,) = Berichtsfassung.objects.all()
    jahr = timezone.localdate().year - 1
    assert fassung.titel == f"Sachstandsbericht {jahr} (Demo)"
    assert (fassung.von.year, fassung.bis.year) == (jahr, jahr)
    assert fassung.erstellt_von.email == "fachstelle@example.org"
    assert "Sachstandsbericht Gemeinwesenarbeit" in fassung.inhalt_html
    assert "Demo-Daten" in fassung.inhalt_html  # the occasion on the cover says so
    assert [t["titel"] for t in fassung.tabellen][:2] == ["Bericht", "Aktivitäten"]
