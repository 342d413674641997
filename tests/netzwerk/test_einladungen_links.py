"""The secrets in public links: RSVP tokens (random, renewable by the Fachstelle) and the
calendar-feed token (renewable by its owner and the Fachstelle). An old link answers 404."""

import pytest
from django.core import mail
from django.urls import reverse

from gwa_portal.core.models import Role
from netzwerk.models import Einladung, Person, Termin
from netzwerk.tokens import person_feed_url, rsvp_url

from ..factories import (
    EinladungFactory,
    GremiumFactory,
    KoordinationFactory,
    PersonFactory,
    QuartierFactory,
    TerminFactory,
)

pytestmark = pytest.mark.django_db

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER


def rsvp_path(token):
    return reverse("einladung_rsvp", kwargs={"token": token})


def test_the_rsvp_link_is_random_and_carries_no_primary_key(django_capture_on_commit_callbacks):
    termin = TerminFactory()
    first, second = EinladungFactory(termin=termin), EinladungFactory(termin=termin)
    assert len(first.rsvp_token) >= 43  # 32 random bytes, URL-safe
    assert first.rsvp_token != second.rsvp_token
    url = rsvp_url(first)
    assert url.endswith(rsvp_path(first.rsvp_token))
    assert "?" not in url
    segment = url.rstrip("/").rsplit("/", 1)[-1]
    assert segment == first.rsvp_token
    assert ":" not in segment  # not a signed value (which carries its payload in clear)


def test_the_fachstelle_renews_all_links_of_a_termin_and_they_are_mailed(
    client_as, django_capture_on_commit_callbacks
):
    termin = TerminFactory()
    rows = [EinladungFactory(termin=termin, sent_sequence=0) for _ in range(2)]
    old = {e.pk: e.rsvp_token for e in rows}
    client = client_as(F)
    page = reverse("netzwerk:termin_einladungen", args=[termin.pk])
    assert "Alle Antwort-Links erneuern" in client.get(page).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("netzwerk:termin_links_erneuern", args=[termin.pk]))

    assert response.status_code == 302
    messages = [str(m) for m in client.get(page).context["messages"]]
    assert messages == [
        "Die Antwort-Links wurden für 2 Personen erneuert und neu versandt. "
        "Ältere Links gelten nicht mehr."
    ]
    assert len(mail.outbox) == 2
    for einladung in Einladung.objects.filter(termin=termin):
        assert einladung.rsvp_token != old[einladung.pk]
        assert einladung.sent_sequence == termin.sequence
        sent = next(m for m in mail.outbox if m.to == [einladung.person.email])
        assert einladung.rsvp_token in sent.body
        assert old[einladung.pk] not in sent.body
        client.logout()
        gone = client.get(rsvp_path(old[einladung.pk]))
        assert gone.status_code == 404
        assert "nur noch der Link aus der neuesten E-Mail" in gone.content.decode()
        assert client.post(rsvp_path(old[einladung.pk]), {"antwort": "zugesagt"}).status_code == 404
        assert client.get(rsvp_path(einladung.rsvp_token)).status_code == 200
    assert not Einladung.objects.filter(antwort=Einladung.Antwort.ZUGESAGT).exists()


def test_only_the_fachstelle_renews_links(client_as, koordination):
    quartier = QuartierFactory()
    KoordinationFactory(user=koordination, quartier=quartier)
    termin = TerminFactory(gremium=GremiumFactory(quartier=quartier))
    einladung = EinladungFactory(termin=termin, sent_sequence=0)
    urls = [
        reverse("netzwerk:termin_links_erneuern", args=[termin.pk]),
        reverse("netzwerk:einladung_link_erneuern", args=[termin.pk, einladung.pk]),
    ]
    client = client_as(K)  # may change this Termin, but renewing links is the Fachstelle's
    assert (
        "Alle Antwort-Links erneuern"
        not in client.get(reverse("netzwerk:termin_einladungen", args=[termin.pk])).content.decode()
    )
    for role, status in [(K, 403), (V, 403), (P, 403)]:
        for url in urls:
            assert client_as(role).post(url).status_code == status
    for url in urls:
        assert client_as(None).post(url).status_code == 302  # to the login
        assert client_as(F).get(url).status_code == 405
    stored = Einladung.objects.get(pk=einladung.pk)
    assert (stored.rsvp_token, stored.sent_sequence) == (einladung.rsvp_token, 0)
    assert mail.outbox == []


def test_an_einladung_of_another_termin_is_404(client_as):
    termin, other = TerminFactory(), EinladungFactory()
    url = reverse("netzwerk:einladung_link_erneuern", args=[termin.pk, other.pk])
    assert client_as(F).post(url).status_code == 404
    assert Einladung.objects.get(pk=other.pk).rsvp_token == other.rsvp_token


def test_a_cancelled_termin_keeps_its_links(client_as):
    einladung = EinladungFactory(sent_sequence=0)
    Termin.objects.filter(pk=einladung.termin_id).update(status=Termin.Status.ABGESAGT)
    client = client_as(F)
    url = reverse("netzwerk:einladung_link_erneuern", args=[einladung.termin_id, einladung.pk])
    response = client.post(url, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Der Termin ist vorbei oder abgesagt: Ein neuer Link ist nicht nötig."
    ]
    assert Einladung.objects.get(pk=einladung.pk).rsvp_token == einladung.rsvp_token
    assert mail.outbox == []


# --- calendar feed --------------------------------------------------------------------------


def feed_path(token):
    return reverse("kalender_person", kwargs={"token": token})


def test_the_owner_renews_their_feed_link(client, partner):
    person = PersonFactory(user=partner)
    EinladungFactory(person=person)
    old = person.kalender_token
    client.force_login(partner)
    page = client.get(reverse("netzwerk:meine_kontaktdaten"))
    assert person_feed_url(person) in page.content.decode()
    assert client.get(feed_path(old)).status_code == 200

    response = client.post(reverse("netzwerk:kalender_link_eigen"), follow=True)

    person.refresh_from_db()
    assert person.kalender_token != old
    assert len(person.kalender_token) >= 43
    assert [str(m) for m in response.context["messages"]] == [
        "Ihr Kalender-Link wurde erneuert. Der bisherige Link funktioniert nicht mehr: "
        "Bitte abonnieren Sie den neuen Link in Ihrem Kalender."
    ]
    assert person_feed_url(person) in response.content.decode()
    assert client.get(feed_path(old)).status_code == 404
    assert client.get(feed_path(person.kalender_token)).status_code == 200


def test_without_a_person_there_is_no_feed_to_renew(client, partner):
    client.force_login(partner)
    assert client.post(reverse("netzwerk:kalender_link_eigen")).status_code == 404


def test_the_fachstelle_renews_a_persons_feed_link_and_no_one_else_may(client_as):
    person = PersonFactory()
    old = person.kalender_token
    url = reverse("netzwerk:kalender_link_person", args=[person.pk])
    for role in (K, V, P):
        assert client_as(role).post(url).status_code == 403
    assert client_as(None).post(url).status_code == 302
    assert Person.objects.get(pk=person.pk).kalender_token == old

    client = client_as(F)
    assert "Neuen Kalender-Link erzeugen" in client.get(person.get_absolute_url()).content.decode()
    response = client.post(url, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        f"Der Kalender-Link von {person.name} wurde erneuert. Der bisherige Link funktioniert "
        "nicht mehr; den neuen erhält die Person mit der nächsten Einladung."
    ]
    person.refresh_from_db()
    assert person.kalender_token != old
    assert client.get(feed_path(old)).status_code == 404
    assert client.get(feed_path(person.kalender_token)).status_code == 200
