"""seed_demo: the Langenhagen demo, safe to run twice, refused in production without --force."""

import pytest
from django.core.management import CommandError, call_command

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
