"""The staff's RSVP overview of a Termin and inviting more people later."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from gwa_portal.core.models import Role
from netzwerk.models import Einladung

from ..factories import (
    EinladungFactory,
    GremiumFactory,
    KoordinationFactory,
    MitgliedschaftFactory,
    PersonFactory,
    QuartierFactory,
    TerminFactory,
)

pytestmark = pytest.mark.django_db

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER


def overview_url(termin):
    return reverse("netzwerk:termin_einladungen", args=[termin.pk])


def invite_url(termin):
    return reverse("netzwerk:termin_einladen", args=[termin.pk])


def test_overview_shows_answers_comments_and_mail_state(client_as):
    termin = TerminFactory()
    termin.sequence = 1
    termin.save()
    EinladungFactory(
        termin=termin,
        person=PersonFactory(name="Anna Aktuell"),
        antwort=Einladung.Antwort.ZUGESAGT,
        kommentar="Ich bringe Kuchen mit.",
        beantwortet_am=timezone.now(),
        sent_sequence=1,
        sent_at=timezone.now(),
    )
    EinladungFactory(termin=termin, person=PersonFactory(name="Bernd Veraltet"), sent_sequence=0)
    EinladungFactory(
        termin=termin,
        person=PersonFactory(name="Carla Fehler"),
        send_error="SMTP 550 mailbox unavailable",
    )
    EinladungFactory(termin=termin, person=PersonFactory(name="Dora Ohne", email=""))
    response = client_as(V).get(overview_url(termin))
    assert response.status_code == 200
    states = {e.person.name: label for e, _state, label in response.context["rows"]}
    assert states == {
        "Anna Aktuell": "versandt",
        "Bernd Veraltet": "wird versandt",
        "Carla Fehler": "Fehler: SMTP 550 mailbox unavailable",
        "Dora Ohne": "keine E-Mail-Adresse",
    }
    counts = response.context["counts"]
    assert (counts["gesamt"], counts["zugesagt"], counts["offen"], counts["unversandt"]) == (
        4,
        1,
        3,
        3,
    )
    body = response.content.decode()
    assert "Ich bringe Kuchen mit." in body
    assert "SMTP 550 mailbox unavailable" in body


def test_overview_is_paginated_and_query_count_constant(client_as, django_assert_max_num_queries):
    termin = TerminFactory()
    client = client_as(F)
    for n in (3, 60):
        for _ in range(n):
            EinladungFactory(termin=termin)
        with django_assert_max_num_queries(7):
            response = client.get(overview_url(termin))
        assert response.status_code == 200
    assert len(response.context["rows"]) == 25
    assert response.context["page"].paginator.count == 63


def test_partner_cannot_see_overview(client_as, partner):
    person = PersonFactory(user=partner)
    termin = TerminFactory()
    EinladungFactory(termin=termin, person=person)
    assert client_as(P).get(overview_url(termin)).status_code == 403
    assert client_as(P).get(overview_url(TerminFactory())).status_code == 404


def test_invite_more_people_and_uninvited_members(client_as, django_capture_on_commit_callbacks):
    gremium = GremiumFactory()
    termin = TerminFactory(gremium=gremium)
    already = MitgliedschaftFactory(gremium=gremium).person
    EinladungFactory(termin=termin, person=already, sent_sequence=0)
    new_member = MitgliedschaftFactory(gremium=gremium).person
    guest = PersonFactory()
    client = client_as(F)
    form = client.get(invite_url(termin)).context["form"]
    assert already not in form.fields["personen"].queryset
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invite_url(termin), {"mitglieder": "on", "personen": [guest.pk]})
    assert response.status_code == 302
    assert response["Location"] == overview_url(termin)
    invited = set(termin.einladungen.values_list("person_id", flat=True))
    assert invited == {already.pk, new_member.pk, guest.pk}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([new_member.email, guest.email])
    messages = [str(m) for m in client.get(overview_url(termin)).context["messages"]]
    assert messages == ["2 weitere Personen wurden eingeladen."]


def test_invite_nobody_or_already_invited_is_a_german_400(client_as):
    termin = TerminFactory(gremium=None)
    invited = EinladungFactory(termin=termin).person
    client = client_as(F)
    response = client.post(invite_url(termin), {})
    assert response.status_code == 400
    assert "Bitte wählen Sie mindestens eine Person aus." in response.content.decode()
    response = client.post(invite_url(termin), {"personen": [invited.pk]})
    assert response.status_code == 400
    assert "noch nicht eingeladen" in response.content.decode()
    assert termin.einladungen.count() == 1


def test_cancelled_termin_takes_no_more_invitations(client_as):
    termin = TerminFactory(status="abgesagt")
    response = client_as(F).post(invite_url(termin), {"personen": [PersonFactory().pk]})
    assert response.status_code == 400
    assert "abgesagten Termin" in response.content.decode()
    assert not termin.einladungen.exists()


def test_koordination_invites_only_to_own_quartier_termine(client_as, koordination):
    own = KoordinationFactory(user=koordination, quartier=QuartierFactory()).quartier
    mine = TerminFactory(gremium=GremiumFactory(quartier=own))
    other = TerminFactory()
    person = PersonFactory()
    client = client_as(K)
    assert client.post(invite_url(other), {"personen": [person.pk]}).status_code == 403
    assert client.post(invite_url(mine), {"personen": [person.pk]}).status_code == 302
    assert not other.einladungen.exists()
