"""Invitations to code surveys: one mail per person with a working personal code, exactly
once; reminders only to unused codes, with a new code; the sweep; roles and bad input."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from befragung import tasks, zugangscodes
from befragung.models import Befragung, Befragungseinladung, Zugangscode

from ..factories import (
    AkteurFactory,
    BefragungFactory,
    BefragungseinladungFactory,
    GremiumFactory,
    KoordinationFactory,
    MitgliedschaftFactory,
    PersonFactory,
    QuartierFactory,
)

pytestmark = pytest.mark.django_db

CODE_RE = re.compile(r"#code=([A-Z2-9]{4}-[A-Z2-9]{4})")


@pytest.fixture
def befragung():
    return BefragungFactory(
        slug="partner-2024",
        titel={"de": "Partnerbefragung 2024"},
        modus=Befragung.Modus.ZUGANGSCODE,
    )


def url(name, befragung):
    return reverse(f"befragung:{name}", args=[befragung.slug])


def code_in(message):
    (code,) = set(CODE_RE.findall(message.body))
    assert code in message.body and code in message.alternatives[0][0]
    return code


def invite(client, befragung, data, capture):
    with capture(execute=True):
        return client.post(url("einladen", befragung), data)


def test_inviting_a_gremium_mails_each_reachable_member_once_with_a_working_code(
    client_as, befragung, django_capture_on_commit_callbacks
):
    gremium = GremiumFactory()
    members = [MitgliedschaftFactory(gremium=gremium).person for _ in range(3)]
    MitgliedschaftFactory(gremium=gremium, person=PersonFactory(email=""))
    erased = MitgliedschaftFactory(gremium=gremium).person
    erased.geloescht_am = timezone.now()
    erased.save()
    response = invite(
        client_as("fachstelle"),
        befragung,
        {"gremium": gremium.pk},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    assert set(befragung.einladungen.values_list("person", flat=True)) == {p.pk for p in members}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in members)
    message = mail.outbox[0]
    assert message.subject == "Einladung zur Befragung: Partnerbefragung 2024"
    # The code rides in the fragment, never in the query string (no access log sees it).
    assert "http://127.0.0.1:8000/befragung/partner-2024/#code=" in message.body
    assert "?code=" not in message.body and "?code=" not in message.alternatives[0][0]
    codes = [code_in(m) for m in mail.outbox]
    assert len(set(codes)) == 3
    assert Zugangscode.objects.filter(befragung=befragung).count() == 3
    assert not befragung.einladungen.filter(sent_at__isnull=True).exists()
    # Each invitation keeps only the hash of its unused code, until the code is spent.
    assert not befragung.einladungen.filter(code_hash="").exists()
    assert zugangscodes.redeem(befragung=befragung, code=codes[0])
    spent = befragung.einladungen.get(teilgenommen=True)
    assert spent.code_hash == "" and spent.person.email == mail.outbox[0].to[0]
    assert befragung.einladungen.filter(teilgenommen=False).exclude(code_hash="").count() == 2


def test_inviting_an_akteur_and_single_people_skips_those_already_invited(
    client_as, befragung, django_capture_on_commit_callbacks
):
    akteur = AkteurFactory()
    staff = PersonFactory.create_batch(2, akteur=akteur)
    single = PersonFactory()
    already = BefragungseinladungFactory(befragung=befragung, person=staff[0])
    invite(
        client_as("fachstelle"),
        befragung,
        {"akteur": akteur.pk, "personen": [single.pk]},
        django_capture_on_commit_callbacks,
    )
    assert sorted(befragung.einladungen.values_list("person", flat=True)) == sorted(
        [staff[0].pk, staff[1].pk, single.pk]
    )
    assert {m.to[0] for m in mail.outbox} == {staff[1].email, single.email}
    assert Befragungseinladung.objects.get(pk=already.pk).sent_at is None


def test_the_task_run_twice_sends_one_mail(befragung):
    einladung = BefragungseinladungFactory(befragung=befragung)
    assert tasks.send_survey_invitation(einladung.pk) is True
    assert tasks.send_survey_invitation(einladung.pk) is False
    assert len(mail.outbox) == 1
    assert Zugangscode.objects.filter(befragung=befragung).count() == 1


def test_a_failing_mail_rolls_back_the_code_and_keeps_the_error(befragung, monkeypatch):
    einladung = BefragungseinladungFactory(befragung=befragung)

    def broken(self, *args, **kwargs):
        raise OSError("SMTP nicht erreichbar")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    with pytest.raises(OSError):
        tasks._deliver(einladung.pk, kind="einladung")
    einladung.refresh_from_db()
    assert einladung.sent_at is None and einladung.code_hash == ""
    assert einladung.send_error == "SMTP nicht erreichbar"
    assert not Zugangscode.objects.exists()


def test_nothing_is_sent_for_surveys_not_running(befragung):
    befragung.status = Befragung.Status.BEENDET
    befragung.save()
    einladung = BefragungseinladungFactory(befragung=befragung)
    assert tasks.send_survey_invitation(einladung.pk) is False
    assert not mail.outbox and not Zugangscode.objects.exists()


def test_reminder_goes_only_to_unused_codes_with_a_new_code(
    client_as, befragung, django_capture_on_commit_callbacks
):
    took_part, silent = BefragungseinladungFactory.create_batch(2, befragung=befragung)
    tasks.send_survey_invitation(took_part.pk)
    tasks.send_survey_invitation(silent.pk)
    first = {m.to[0]: code_in(m) for m in mail.outbox}
    assert zugangscodes.redeem(befragung=befragung, code=first[took_part.person.email])
    mail.outbox.clear()

    client = client_as("fachstelle")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("einladungen_erinnern", befragung))
    assert response.status_code == 302
    assert [m.to[0] for m in mail.outbox] == [silent.person.email]
    reminder = mail.outbox[0]
    assert reminder.subject == "Erinnerung: Befragung „Partnerbefragung 2024“"
    new_code = code_in(reminder)
    old_code = first[silent.person.email]
    assert new_code != old_code
    assert not zugangscodes.is_valid(befragung=befragung, code=old_code)
    assert zugangscodes.redeem(befragung=befragung, code=new_code)
    silent.refresh_from_db()
    assert silent.reminded_at is not None
    took_part.refresh_from_db()
    assert took_part.reminded_at is None and took_part.reminder_requested_at is None
    # A second click reminds nobody again.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("einladungen_erinnern", befragung))
    assert not mail.outbox
    assert tasks.send_survey_reminder(silent.pk) is False


def test_reminder_task_skips_a_code_used_after_the_request(befragung):
    einladung = BefragungseinladungFactory(befragung=befragung)
    tasks.send_survey_invitation(einladung.pk)
    code = code_in(mail.outbox[0])
    Befragungseinladung.objects.filter(pk=einladung.pk).update(reminder_requested_at=timezone.now())
    zugangscodes.redeem(befragung=befragung, code=code)
    einladung.refresh_from_db()
    assert einladung.teilgenommen and einladung.code_hash == ""
    assert tasks.send_survey_reminder(einladung.pk) is False
    assert len(mail.outbox) == 1
    assert Zugangscode.objects.filter(befragung=befragung, benutzt=True).count() == 1


def test_the_sweep_sends_what_was_left_unsent(befragung):
    unsent = BefragungseinladungFactory(befragung=befragung)
    erased = BefragungseinladungFactory(
        befragung=befragung, person=PersonFactory(geloescht_am=timezone.now())
    )
    ended = BefragungseinladungFactory(
        befragung=BefragungFactory(
            modus=Befragung.Modus.ZUGANGSCODE,
            beginn=datetime.date(2024, 1, 1),
            ende=datetime.date(2024, 2, 1),
        )
    )
    reminded = BefragungseinladungFactory(befragung=befragung)
    tasks.send_survey_invitation(reminded.pk)
    Befragungseinladung.objects.filter(pk=reminded.pk).update(reminder_requested_at=timezone.now())
    mail.outbox.clear()
    assert tasks.sweep_survey_invitations() == {"einladungen": 1, "erinnerungen": 1}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [unsent.person.email, reminded.person.email]
    )
    assert not Befragungseinladung.objects.get(pk=erased.pk).sent_at
    assert not Befragungseinladung.objects.get(pk=ended.pk).sent_at
    assert tasks.sweep_survey_invitations() == {"einladungen": 0, "erinnerungen": 0}


def test_invitation_list_shows_code_use_only_to_the_fachstelle(client_as, koordination, befragung):
    quartier = QuartierFactory()
    KoordinationFactory(quartier=quartier, user=koordination)
    befragung.quartiere.set([quartier])
    einladung = BefragungseinladungFactory(befragung=befragung, person=PersonFactory(name="Ada"))
    tasks.send_survey_invitation(einladung.pk)
    response = client_as("fachstelle").get(url("einladungen", befragung))
    body = response.content.decode()
    assert "Ada" in body and '<th scope="col" class="kern-table__header">teilgenommen</th>' in body
    assert response.context["show_participation"]
    assert "Ada" in body and "ja</td>" not in body
    zugangscodes.redeem(befragung=befragung, code=code_in(mail.outbox[0]))
    body = client_as("fachstelle").get(url("einladungen", befragung)).content.decode()
    assert "ja</td>" in body
    response = client_as("koordination").get(url("einladungen", befragung))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ada" in body and ">teilgenommen</th>" not in body and "nein</td>" not in body


def test_invitation_list_queries_do_not_grow(client_as, befragung, django_assert_max_num_queries):
    client = client_as("fachstelle")
    BefragungseinladungFactory(befragung=befragung)
    with django_assert_max_num_queries(14):
        client.get(url("einladungen", befragung))
    BefragungseinladungFactory.create_batch(30, befragung=befragung)
    with django_assert_max_num_queries(14):
        assert client.get(url("einladungen", befragung)).context["total"] == 31


def test_empty_invitation_list_says_so(client_as, befragung):
    response = client_as("fachstelle").get(url("einladungen", befragung))
    assert "Zu dieser Befragung ist noch niemand eingeladen." in response.content.decode()


def test_invitations_exist_only_for_code_surveys(client_as):
    offen = BefragungFactory(modus=Befragung.Modus.OFFEN)
    client = client_as("fachstelle")
    assert client.get(url("einladungen", offen)).status_code == 404
    assert client.get(url("einladen", offen)).status_code == 404
    assert client.post(url("einladungen_erinnern", offen)).status_code == 404


@pytest.mark.parametrize(
    "data",
    [{}, {"personen": ["999999"]}, {"gremium": "x"}, {"akteur": "999999"}],
)
def test_bad_invitation_input_is_refused_with_a_german_error(client_as, befragung, data):
    response = client_as("fachstelle").post(url("einladen", befragung), data)
    assert response.status_code == 400
    assert "Bitte" in response.content.decode()
    assert not Befragungseinladung.objects.exists()


def test_people_already_invited_cannot_be_invited_again(client_as, befragung):
    einladung = BefragungseinladungFactory(befragung=befragung)
    response = client_as("fachstelle").post(
        url("einladen", befragung), {"personen": [einladung.person.pk]}
    )
    assert response.status_code == 400
    assert Befragungseinladung.objects.count() == 1


def test_no_invitations_for_a_draft(client_as):
    entwurf = BefragungFactory(modus=Befragung.Modus.ZUGANGSCODE, status=Befragung.Status.ENTWURF)
    person = PersonFactory()
    response = client_as("fachstelle").post(url("einladen", entwurf), {"personen": [person.pk]})
    assert response.status_code == 400
    assert "erst, wenn die Befragung läuft" in response.content.decode()
    assert not Befragungseinladung.objects.exists()


def test_roles_for_inviting_and_reminding(client_as, koordination, befragung):
    person = PersonFactory()
    for role in ["koordination", "verwaltung", "partner"]:
        client = client_as(role)
        assert client.get(url("einladungen", befragung)).status_code == 403
        assert client.post(url("einladen", befragung), {"personen": [person.pk]}).status_code == 403
        assert client.post(url("einladungen_erinnern", befragung)).status_code == 403
    assert client_as(None).post(url("einladungen_erinnern", befragung)).status_code == 302
    assert not Befragungseinladung.objects.exists()
    quartier = QuartierFactory()
    KoordinationFactory(quartier=quartier, user=koordination)
    befragung.quartiere.set([quartier])
    response = client_as("koordination").post(url("einladen", befragung), {"personen": [person.pk]})
    assert response.status_code == 302
    assert Befragungseinladung.objects.filter(person=person).exists()


def test_the_sweep_is_scheduled_every_five_minutes(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["befragung-sweep-survey-invitations"]
    assert entry == {"task": "befragung.tasks.sweep_survey_invitations", "schedule": 300}


def test_the_invite_form_does_not_grow_with_the_directory(client_as, befragung):
    """Personen and Akteure are found by a server-side search: the page renders at most the
    hits, however large the directory gets."""
    client = client_as("fachstelle")
    PersonFactory.create_batch(30, akteur=None)
    before = client.get(url("einladen", befragung)).content.decode()
    PersonFactory.create_batch(300, akteur=None)
    AkteurFactory.create_batch(40)
    after = client.get(url("einladen", befragung)).content.decode()
    assert after.count('name="personen"') == before.count('name="personen"') == 0
    assert after.count('name="akteur"') <= 25


def test_a_person_found_by_search_is_invited(
    client_as, befragung, django_capture_on_commit_callbacks
):
    client = client_as("fachstelle")
    PersonFactory.create_batch(40, akteur=None)
    gesucht = PersonFactory(name="Zora Zuckerbäckerin", akteur=None)
    found = client.get(url("einladen", befragung), {"personen_suche": "Zuckerb"}).content.decode()
    assert found.count('name="personen"') == 1 and f'value="{gesucht.pk}"' in found
    response = invite(
        client, befragung, {"personen": [gesucht.pk]}, django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert list(Befragungseinladung.objects.values_list("person", flat=True)) == [gesucht.pk]
