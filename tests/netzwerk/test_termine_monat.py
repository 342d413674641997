"""The month view stays the same size however many Termine the city has: a few per day, the
rest behind a link to that day in the list; optionally one Quartier's Termine."""

import datetime
import re
import zoneinfo

import pytest
from django.urls import reverse

from gwa_portal.core.models import Role
from netzwerk.views.termine_monat import TERMINE_JE_TAG

from ..factories import (
    EinladungFactory,
    GremiumFactory,
    PersonFactory,
    QuartierFactory,
    TerminFactory,
)

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
MONTH = reverse("netzwerk:termin_month", args=[2026, 12])


def at(day, hour, **kwargs):
    beginn = datetime.datetime(2026, 12, day, hour, tzinfo=BERLIN)
    return TerminFactory(beginn=beginn, ende=beginn + datetime.timedelta(hours=1), **kwargs)


def days(response):
    return {d["date"]: d for row in response.context["rows"] for d in row["days"]}


def test_a_busy_day_shows_the_first_termine_and_links_the_rest(client_as):
    for hour in range(8, 8 + TERMINE_JE_TAG + 4):
        at(10, hour, titel=f"Sitzung {hour:02d} Uhr")
    response = client_as(Role.FACHSTELLE).get(MONTH)
    day = days(response)[datetime.date(2026, 12, 10)]
    assert [t.titel for t in day["termine"]] == [
        "Sitzung 08 Uhr",
        "Sitzung 09 Uhr",
        "Sitzung 10 Uhr",
    ]
    assert day["weitere"] == 4
    body = response.content.decode()
    assert "4 weitere Termine" in body
    assert "Sitzung 11 Uhr" not in body
    url = "/netzwerk/termine/?zeitraum=&amp;von=2026-12-10&amp;bis=2026-12-10"
    assert url in body
    listed = client_as(Role.FACHSTELLE).get(url.replace("&amp;", "&"))
    assert listed.context["page"].paginator.count == TERMINE_JE_TAG + 4
    assert "7 Termine in diesen Wochen." in body


def test_rendered_termine_are_bounded_however_many_there_are(client_as):
    client = client_as(Role.FACHSTELLE)
    for day in range(1, 29):
        at(day, 9)
    small = client.get(MONTH)
    for day in range(1, 29):
        for hour in range(10, 20):
            at(day, hour)
    large = client.get(MONTH)
    shown = sum(len(d["termine"]) for d in days(large).values())
    assert shown == 28 * TERMINE_JE_TAG
    assert len(re.findall(r'href="/netzwerk/termine/\d+/"', large.content.decode())) == shown
    assert len(large.content) < len(small.content) * 1.6


def test_month_view_for_one_quartier(client_as):
    wiesenau = QuartierFactory(name="Wiesenau", slug="wiesenau")
    at(3, 10, titel="Im Quartier", quartier=wiesenau)
    at(3, 11, titel="Im Gremium", gremium=GremiumFactory(quartier=wiesenau))
    at(3, 12, titel="Anderswo", quartier=QuartierFactory(name="Godshorn"))
    client = client_as(Role.FACHSTELLE)
    for value in ("wiese", "Wiesenau", "wiesenau"):
        response = client.get(MONTH, {"quartier": value})
        titles = [t.titel for t in days(response)[datetime.date(2026, 12, 3)]["termine"]]
        assert titles == ["Im Quartier", "Im Gremium"]
    body = response.content.decode()
    assert "2 Termine in diesen Wochen in Wiesenau." in body
    assert 'value="Wiesenau"' in body  # the name, not the slug
    assert reverse("netzwerk:termin_month", args=[2027, 1]) + "?quartier=wiesenau" in body


def test_unknown_quartier_says_so_and_shows_all(client_as):
    at(3, 10, titel="Irgendwo")
    response = client_as(Role.FACHSTELLE).get(MONTH, {"quartier": "Atlantis"})
    assert "Es gibt kein Quartier mit diesem Namen." in response.content.decode()
    assert [t.titel for t in days(response)[datetime.date(2026, 12, 3)]["termine"]] == ["Irgendwo"]


def test_partner_sees_only_their_termine_and_counts_only_those(client_as, partner):
    person = PersonFactory(user=partner)
    EinladungFactory(termin=at(5, 10, titel="Eingeladen"), person=person)
    for hour in range(11, 11 + TERMINE_JE_TAG + 2):
        at(5, hour, titel="Fremd")
    response = client_as(Role.PARTNER).get(MONTH)
    day = days(response)[datetime.date(2026, 12, 5)]
    assert [t.titel for t in day["termine"]] == ["Eingeladen"]
    assert day["weitere"] == 0
    assert "weitere Termine" not in response.content.decode()
