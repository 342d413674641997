"""The calendar feeds over HTTP: valid iCalendar, no login, unknown tokens 404."""

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from netzwerk.models import Person

from ..factories import EinladungFactory, PersonFactory, QuartierFactory, TerminFactory

pytestmark = pytest.mark.django_db


def test_personal_feed_is_icalendar_with_their_termine(client):
    person = PersonFactory()
    mine = EinladungFactory.create_batch(2, person=person)
    other = EinladungFactory()

    response = client.get(reverse("kalender_person", kwargs={"token": person.kalender_token}))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    cal = Calendar.from_ical(response.content)
    assert cal["METHOD"] == "PUBLISH"
    uids = {str(e["UID"]) for e in cal.events}
    assert uids == {e.termin.uid for e in mine}
    assert other.termin.uid not in uids


def test_unknown_token_is_404(client):
    assert (
        client.get(reverse("kalender_person", kwargs={"token": "gibt-es-nicht"})).status_code == 404
    )


def test_erased_person_feed_is_404(client):
    person = PersonFactory()
    Person.objects.filter(pk=person.pk).update(geloescht_am=timezone.now())
    url = reverse("kalender_person", kwargs={"token": person.kalender_token})
    assert client.get(url).status_code == 404


def test_quartier_feed_lists_public_termine(client):
    quartier = QuartierFactory()
    public = TerminFactory(quartier=quartier, gremium=None, oeffentlich=True)
    TerminFactory(quartier=quartier, gremium=None, oeffentlich=False)

    response = client.get(reverse("kalender_quartier", kwargs={"slug": quartier.slug}))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = Calendar.from_ical(response.content)
    assert [str(e["UID"]) for e in cal.events] == [public.uid]


def test_unknown_quartier_feed_is_404(client):
    assert client.get(reverse("kalender_quartier", kwargs={"slug": "nirgendwo"})).status_code == 404


def test_feeds_are_read_only(client):
    person = PersonFactory()
    url = reverse("kalender_person", kwargs={"token": person.kalender_token})
    assert client.post(url).status_code == 405


@pytest.mark.parametrize("count", [2, 20])
def test_feed_queries_do_not_grow_with_the_termine(client, django_assert_max_num_queries, count):
    person = PersonFactory()
    quartier = QuartierFactory()
    for _ in range(count):
        EinladungFactory(
            person=person, termin=TerminFactory(quartier=quartier, gremium=None, oeffentlich=True)
        )
    with django_assert_max_num_queries(3):
        client.get(reverse("kalender_person", kwargs={"token": person.kalender_token}))
    with django_assert_max_num_queries(3):
        client.get(reverse("kalender_quartier", kwargs={"slug": quartier.slug}))
