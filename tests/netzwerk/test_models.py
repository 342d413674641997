"""Invariants of the netzwerk models that the database itself guards."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from netzwerk import einladungen
from netzwerk.models import Einladung, Mitgliedschaft, Person

from ..factories import (
    EinladungFactory,
    FortbildungFactory,
    GremiumFactory,
    MitgliedschaftFactory,
    PersonFactory,
    SupervisionFactory,
    TerminFactory,
)

pytestmark = pytest.mark.django_db


def test_termin_must_end_after_it_begins():
    termin = TerminFactory()
    termin.ende = termin.beginn
    with pytest.raises(IntegrityError), transaction.atomic():
        termin.save()


def test_termin_belongs_to_at_most_one_frame():
    with pytest.raises(IntegrityError), transaction.atomic():
        TerminFactory(fortbildung=FortbildungFactory(), supervision=SupervisionFactory())


def test_a_person_is_invited_once_per_termin():
    einladung = EinladungFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        EinladungFactory(termin=einladung.termin, person=einladung.person)


def test_person_email_is_unique_ignoring_case_but_may_be_empty():
    PersonFactory(email="a@example.org")
    PersonFactory(email="")
    PersonFactory(email="")
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(email="A@example.org")
    assert Person.objects.filter(email="").count() == 2


def test_only_one_open_membership_per_gremium_and_person():
    mitgliedschaft = MitgliedschaftFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MitgliedschaftFactory(gremium=mitgliedschaft.gremium, person=mitgliedschaft.person)
    MitgliedschaftFactory(
        gremium=mitgliedschaft.gremium,
        person=mitgliedschaft.person,
        von=datetime.date(2020, 1, 1),
        bis=datetime.date(2021, 1, 1),
    )
    assert Mitgliedschaft.objects.count() == 2


def test_membership_ends_after_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        MitgliedschaftFactory(von=datetime.date(2024, 5, 1), bis=datetime.date(2024, 4, 1))


def test_invite_creates_one_row_per_new_person_and_mails_after_commit(
    django_capture_on_commit_callbacks,
):
    gremium = GremiumFactory()
    termin = TerminFactory(gremium=gremium)
    people = PersonFactory.create_batch(3)
    with django_capture_on_commit_callbacks(execute=True):
        einladungen.invite(termin=termin, personen=people)
    with django_capture_on_commit_callbacks(execute=True):
        einladungen.invite(termin=termin, personen=people[:1])
    assert Einladung.objects.filter(termin=termin).count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert set(Einladung.objects.values_list("sent_sequence", flat=True)) == {0}


def test_a_calendar_change_bumps_the_sequence_and_resends(django_capture_on_commit_callbacks):
    termin = TerminFactory()
    with django_capture_on_commit_callbacks(execute=True):
        einladungen.invite(termin=termin, personen=[PersonFactory()])
    before = type(termin).objects.get(pk=termin.pk)
    termin.beginn += datetime.timedelta(hours=1)
    termin.ende += datetime.timedelta(hours=1)
    termin.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert einladungen.record_change(termin=termin, before=before)
    assert termin.sequence == 1
    assert len(mail.outbox) == 2
    assert Einladung.objects.get().sent_sequence == 1


def test_a_change_of_the_description_only_sends_nothing(django_capture_on_commit_callbacks):
    termin = TerminFactory()
    with django_capture_on_commit_callbacks(execute=True):
        einladungen.invite(termin=termin, personen=[PersonFactory()])
    before = type(termin).objects.get(pk=termin.pk)
    termin.beschreibung = "Neu: mit Kaffee"
    termin.save()
    assert not einladungen.record_change(termin=termin, before=before)
    assert termin.sequence == 0
    assert len(mail.outbox) == 1
