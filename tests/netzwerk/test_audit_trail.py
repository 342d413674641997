"""What netzwerk's bulk writes leave in the audit trail: invitations, sequence bumps, erasure,
CSV imports, released minutes, attendance and registrations, each with the acting user."""

import datetime
import zoneinfo

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gwa_portal.core.models import Role
from netzwerk.models import (
    Akteur,
    Anmeldung,
    Einladung,
    Mitgliedschaft,
    Person,
    Protokollversand,
    Teilnahme,
    Termin,
)

from ..core.test_audit import entries_for
from ..factories import (
    AnmeldungFactory,
    EinladungFactory,
    FortbildungFactory,
    GremiumFactory,
    MitgliedschaftFactory,
    OrtFactory,
    PersonFactory,
    ProtokollFactory,
    QuartierFactory,
    SupervisionFactory,
    TerminFactory,
    UserFactory,
)
from .test_termine import termin_data

pytestmark = pytest.mark.django_db

F = Role.FACHSTELLE
CREATE, UPDATE = LogEntry.Action.CREATE, LogEntry.Action.UPDATE
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def created(model):
    return list(entries_for(model).filter(action=CREATE))


def updated(obj_or_model):
    return list(entries_for(obj_or_model).filter(action=UPDATE))


# --- invitations -----------------------------------------------------------------------------


def test_saving_a_termin_with_invitees_logs_each_einladung_with_the_actor(client_as, fachstelle):
    gremium = GremiumFactory()
    members = [MitgliedschaftFactory(gremium=gremium).person for _ in range(3)]
    client_as(F).post(
        reverse("netzwerk:termin_create"), termin_data(OrtFactory(), gremium=gremium.pk)
    )
    termin = Termin.objects.get()
    log = created(Einladung)
    assert len(log) == 3 == termin.einladungen.count()
    assert {e.actor for e in log} == {fachstelle}
    by_person = {e.changes["person"][1]: e for e in log}
    assert set(by_person) == {str(p.pk) for p in members}
    entry = by_person[str(members[0].pk)]
    einladung = termin.einladungen.get(person=members[0])
    assert entry.object_id == einladung.pk
    assert entry.object_repr == str(einladung)
    assert entry.changes["termin"] == ["None", str(termin.pk)]
    assert entry.changes["antwort"] == ["None", "offen"]
    assert "created_at" not in entry.changes
    # Delivery bookkeeping is the mail worker's, not part of the trail.
    assert not {"sent_sequence", "sent_at", "send_error"} & set(entry.changes)


def test_sending_an_invitation_leaves_no_entry_of_its_own(fachstelle):
    from netzwerk import tasks

    einladung = EinladungFactory()
    before = len(updated(einladung))
    assert tasks.send_invitation(einladung.pk)
    einladung.refresh_from_db()
    assert einladung.sent_sequence == einladung.termin.sequence
    assert len(updated(einladung)) == before


def _post_termin_with(client, n):
    gremium = GremiumFactory()
    for _ in range(n):
        MitgliedschaftFactory(gremium=gremium)
    data = termin_data(OrtFactory(), gremium=gremium.pk, titel=f"Mit {n}")
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(reverse("netzwerk:termin_create"), data)
    assert response.status_code == 302
    assert Termin.objects.get(titel=f"Mit {n}").einladungen.count() == n
    return len(ctx)


def test_saving_a_termin_with_5_or_50_invitees_needs_the_same_queries(client_as):
    client = client_as(F)
    _post_termin_with(client, 1)  # warms the caches (content types, session)
    five, fifty = _post_termin_with(client, 5), _post_termin_with(client, 50)
    assert five == fifty
    assert len(created(Einladung)) == 56


def test_inviting_more_people_later_is_logged_with_the_actor(client_as, fachstelle):
    termin = TerminFactory(gremium=None)
    guest = PersonFactory(name="Gast Gustav")
    client_as(F).post(
        reverse("netzwerk:termin_einladen", args=[termin.pk]), {"personen": [guest.pk]}
    )
    (entry,) = created(Einladung)
    assert entry.actor == fachstelle
    assert entry.object_repr == f"Gast Gustav → {termin}"


def test_a_new_time_logs_the_sequence_bump_next_to_the_change(client_as, fachstelle):
    ort = OrtFactory()
    termin = TerminFactory(ort=ort, beginn=datetime.datetime(2097, 3, 10, 18, tzinfo=BERLIN))
    termin.ende = termin.beginn + datetime.timedelta(hours=2)
    termin.save()
    EinladungFactory(termin=termin, sent_sequence=0)
    data = termin_data(
        ort, gremium=termin.gremium.pk, beginn_zeit="19:00", ende_zeit="21:00", status="geplant"
    )
    client_as(F).post(reverse("netzwerk:termin_edit", args=[termin.pk]), data)
    change, bump = updated(termin)[-2:]
    assert "beginn" in change.changes and "sequence" not in change.changes
    assert bump.changes == {"sequence": ["0", "1"]}
    assert bump.actor == change.actor == fachstelle
    termin.refresh_from_db()
    assert termin.sequence == 1


def test_cancelling_logs_status_and_sequence(client_as, fachstelle):
    termin = TerminFactory()
    client_as(F).post(reverse("netzwerk:termin_cancel", args=[termin.pk]))
    changes = [e.changes for e in updated(termin)]
    assert changes[-2:] == [{"status": ["geplant", "abgesagt"]}, {"sequence": ["0", "1"]}]


# --- erasure ---------------------------------------------------------------------------------


def test_erasure_logs_ended_memberships_and_emptied_comments_without_the_comment(
    client_as, fachstelle
):
    person = PersonFactory(name="Jürgen Müller", email="j.mueller@example.org")
    membership = MitgliedschaftFactory(person=person)
    future = MitgliedschaftFactory(person=person, von=datetime.date(2099, 6, 1))
    einladung = EinladungFactory(person=person, kommentar="Komme mit Rollator")
    client_as(F).post(reverse("netzwerk:person_loeschen", args=[person.pk]))
    (ended,) = updated(membership)
    assert ended.actor == fachstelle
    assert ended.changes == {"bis": ["None", timezone.localdate().isoformat()]}
    assert ended.object_repr.startswith(f"Gelöschte Person {person.pk} – ")
    assert entries_for(future).filter(action=LogEntry.Action.DELETE).exists()
    (emptied,) = updated(einladung)
    assert emptied.actor == fachstelle and set(emptied.changes) == {"kommentar"}
    assert "Rollator" not in str(emptied.changes)
    assert not Mitgliedschaft.objects.filter(person=person, bis__isnull=True).exists()


# --- CSV imports -----------------------------------------------------------------------------


def _import(client, url, text):
    preview = client.post(url, {"datei": SimpleUploadedFile("x.csv", text.encode("utf-8"))})
    return client.post(url, {"token": preview.context["token"]})


def test_imported_akteure_and_their_quartiere_are_logged_with_the_actor(client_as, fachstelle):
    QuartierFactory(name="Wiesenau", slug="wiesenau")
    QuartierFactory(name="Kaltenweide", slug="kaltenweide")
    text = (
        "name;art;quartiere;adresse;web;telefon;email;beschreibung;aktiv\n"
        "Treff e. V.;Verein;Wiesenau, Kaltenweide;;;;;;ja\n"
        "St. Paulus;kirche;;;;;;;nein\n"
    )
    _import(client_as(F), reverse("netzwerk:akteur_import"), text)
    treff, paulus = Akteur.objects.get(name="Treff e. V."), Akteur.objects.get(name="St. Paulus")
    (made,) = created(treff)
    assert made.actor == fachstelle and made.changes["name"] == ["None", "Treff e. V."]
    (linked,) = updated(treff)
    assert linked.actor == fachstelle
    assert linked.changes["quartiere"]["operation"] == "add"
    assert sorted(linked.changes["quartiere"]["objects"]) == ["Kaltenweide", "Wiesenau"]
    assert len(created(paulus)) == 1 and updated(paulus) == []


def test_imported_personen_are_logged_without_their_calendar_token(client_as, fachstelle):
    text = (
        "name;email;telefon;funktion;akteur;einwilligung_am;einwilligung_zweck\n"
        "Aylin Beispiel;aylin@example.org;0511 1;;;01.03.2024;Einladungen\n"
        "Bernd Muster;;;;;;\n"
    )
    _import(client_as(F), reverse("netzwerk:person_import"), text)
    log = created(Person)
    assert len(log) == 2 and {e.actor for e in log} == {fachstelle}
    aylin = next(e for e in log if e.object_repr == "Aylin Beispiel")
    assert aylin.changes["email"] == ["None", "aylin@example.org"]
    assert aylin.changes["einwilligung_am"] == ["None", "2024-03-01"]
    token = Person.objects.get(name="Aylin Beispiel").kalender_token
    assert all("kalender_token" not in e.changes and token not in str(e.changes) for e in log)


# --- minutes, attendance, registrations -----------------------------------------------------


def test_releasing_minutes_logs_who_they_go_to(client_as, fachstelle):
    protokoll = ProtokollFactory()
    members = [MitgliedschaftFactory(gremium=protokoll.termin.gremium).person for _ in range(2)]
    client_as(F).post(reverse("netzwerk:protokoll_release", kwargs={"pk": protokoll.termin.pk}))
    log = created(Protokollversand)
    assert {e.actor for e in log} == {fachstelle}
    assert sorted(e.changes["person"][1] for e in log) == sorted(str(p.pk) for p in members)
    assert {e.object_id for e in log} == set(Protokollversand.objects.values_list("pk", flat=True))


def test_supervision_attendance_is_logged_with_the_actor(client_as, fachstelle):
    came = UserFactory(role=Role.KOORDINATION, name="Ada")
    person = PersonFactory(user=came, name="Ada")
    group = SupervisionFactory(mitglieder=[came])
    beginn = timezone.now() - datetime.timedelta(days=3)
    termin = TerminFactory(
        gremium=None, supervision=group, beginn=beginn, ende=beginn + datetime.timedelta(hours=2)
    )
    url = reverse("netzwerk:supervision_teilnahme", kwargs={"slug": group.slug, "pk": termin.pk})
    client = client_as(F)
    client.post(url, {"anwesend": [came.pk]})
    client.post(url, {"anwesend": [came.pk]})  # saving again creates nothing
    (entry,) = created(Teilnahme)
    assert entry.actor == fachstelle
    assert entry.object_id == Teilnahme.objects.get().pk
    assert entry.changes["person"] == ["None", str(person.pk)]


def test_fortbildung_attendance_logs_each_status_change_with_the_actor(client_as, fachstelle):
    fortbildung = FortbildungFactory()
    came, missed = (AnmeldungFactory(fortbildung=fortbildung) for _ in range(2))
    missed.status = Anmeldung.Status.TEILGENOMMEN
    missed.save()
    url = reverse("netzwerk:fortbildung_teilnahme", kwargs={"slug": fortbildung.slug})
    client_as(F).post(url, {"anwesend": [came.pk]})
    (marked,) = updated(came)
    assert marked.actor == fachstelle
    assert marked.changes == {"status": ["angemeldet", "teilgenommen"]}
    reset = updated(missed)[-1]
    assert reset.actor == fachstelle
    assert reset.changes == {"status": ["teilgenommen", "angemeldet"]}


def test_registering_again_after_withdrawing_is_logged(client, koordination):
    fortbildung = FortbildungFactory(kapazitaet=5)
    anmeldung = AnmeldungFactory(
        fortbildung=fortbildung, user=koordination, status=Anmeldung.Status.ABGEMELDET
    )
    client.force_login(koordination)
    client.post(reverse("netzwerk:fortbildung_anmelden", kwargs={"slug": fortbildung.slug}))
    entry = updated(anmeldung)[-1]
    assert entry.actor == koordination
    assert entry.changes == {"status": ["abgemeldet", "angemeldet"]}
    assert "(angemeldet)" in entry.object_repr


# --- deletions of many rows: one entry per row, written in one query -------------------------


def _reschedule_with(client, invitees):
    """Move a Termin whose reminders went out to `invitees` people; returns the query count."""
    from netzwerk.models import Erinnerung

    ort = OrtFactory()
    termin = TerminFactory(ort=ort, beginn=datetime.datetime(2097, 3, 10, 18, tzinfo=BERLIN))
    termin.ende = termin.beginn + datetime.timedelta(hours=2)
    termin.save()
    for einladung in EinladungFactory.create_batch(invitees, termin=termin):
        Erinnerung.objects.create(einladung=einladung, offset_minuten=120)
    data = termin_data(
        ort, gremium=termin.gremium.pk, beginn_zeit="19:00", ende_zeit="21:00", status="geplant"
    )
    with CaptureQueriesContext(connection) as queries:
        client.post(reverse("netzwerk:termin_edit", args=[termin.pk]), data)
    assert not Erinnerung.objects.filter(einladung__termin=termin).exists()
    return len(queries)


def test_a_new_time_logs_each_deleted_reminder_at_a_constant_query_count(client_as, fachstelle):
    from netzwerk.models import Erinnerung

    client = client_as(F)
    _reschedule_with(client, 1)  # warms the caches
    five, fifty = _reschedule_with(client, 5), _reschedule_with(client, 50)
    assert five == fifty
    deleted = list(entries_for(Erinnerung).filter(action=LogEntry.Action.DELETE))
    assert len(deleted) == 56
    assert {e.actor for e in deleted} == {fachstelle}
    assert all(e.changes["offset_minuten"] == ["120", "None"] for e in deleted)


def test_removing_supervision_attendance_logs_each_row_with_the_actor(client_as, fachstelle):
    members = [UserFactory(role=Role.KOORDINATION) for _ in range(3)]
    for user in members:
        PersonFactory(user=user, name=user.name)
    group = SupervisionFactory(mitglieder=members)
    beginn = timezone.now() - datetime.timedelta(days=3)
    termin = TerminFactory(
        gremium=None, supervision=group, beginn=beginn, ende=beginn + datetime.timedelta(hours=2)
    )
    url = reverse("netzwerk:supervision_teilnahme", kwargs={"slug": group.slug, "pk": termin.pk})
    client = client_as(F)
    client.post(url, {"anwesend": [u.pk for u in members]})
    client.post(url, {"anwesend": [members[0].pk]})
    assert Teilnahme.objects.count() == 1
    deleted = entries_for(Teilnahme).filter(action=LogEntry.Action.DELETE)
    assert sorted(e.object_repr for e in deleted) == sorted(
        f"{u.name} bei {termin}" for u in members[1:]
    )
    assert {e.actor for e in deleted} == {fachstelle}
