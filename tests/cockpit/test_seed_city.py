"""seed_city: synthetic city data for the benchmarks, in bulk and replaceable."""

import pytest
from django.core.management import CommandError, call_command

from befragung.models import Antwort, Rueckmeldung
from cockpit.management.commands import seed_city
from netzwerk.models import Einladung, Termin
from quartiere.models import Aktivitaet, Quartier

pytestmark = pytest.mark.django_db

TINY = {
    "quartiere": 4,
    "akteure": 8,
    "personen": 30,
    "gremien": 3,
    "termine": 10,
    "einladungen_pro_termin": 2,
    "aktivitaeten": 20,
    "befragungen": 2,
    "rueckmeldungen": 10,
}


@pytest.fixture
def tiny(monkeypatch):
    monkeypatch.setattr(seed_city, "PER_SCALE", TINY)


def test_seed_city_creates_the_numbers_per_scale(tiny, settings):
    settings.DEBUG = True
    call_command("seed_city", "--scale", "2")
    assert Quartier.objects.filter(name__startswith="Bench").count() == 8
    assert Aktivitaet.objects.count() == 40
    assert Termin.objects.count() == 20
    assert Einladung.objects.count() == 40
    assert Rueckmeldung.objects.count() == 20
    assert Antwort.objects.filter(frage__typ="einfach").count() == 20 * 5


def test_seed_city_refuses_to_run_twice_and_replaces_on_request(tiny, settings):
    settings.DEBUG = True
    call_command("seed_city")
    with pytest.raises(CommandError, match="--replace"):
        call_command("seed_city")
    call_command("seed_city", "--replace")
    assert Quartier.objects.filter(name__startswith="Bench").count() == 4
    assert Termin.objects.count() == 10


def test_seed_city_needs_debug_or_force(tiny, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_city")
