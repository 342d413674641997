"""The holding area: answers are written in shuffled batches of at least the Mindestgruppe,
on the batch's day, the rest at the survey's end; results and exports say what still waits."""

import datetime
import io
import re
import zoneinfo

import openpyxl
import pytest
from django.contrib import admin
from django.core import mail
from django.db import DatabaseError
from django.urls import reverse

from befragung import freigabe, tasks, zugangscodes
from befragung.antworten import submit
from befragung.formular_ablauf import MAX_AGE, claim_timeout
from befragung.models import Befragung, Frage, Rueckmeldung, WartendeRueckmeldung
from gwa_portal.core.models import Role

from ..factories import BefragungFactory, BefragungseinladungFactory, FrageFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def survey():
    befragung = BefragungFactory(mindestgruppe=5)
    befragung.frage = FrageFactory(befragung=befragung, typ=Frage.Typ.ZAHL)
    return befragung


def answer(survey, n):
    for i in range(n):
        submit(befragung=survey, sprache="de", kanal="online", cleaned={survey.frage: i})


def test_a_batch_is_written_at_twice_the_mindestgruppe_and_keeps_a_mindestgruppe_back(survey):
    answer(survey, 9)
    assert freigabe.flush(survey) == 0  # 9 < 2 × 5: nothing due
    assert Rueckmeldung.objects.count() == 0 and freigabe.waiting(survey) == 9
    answer(survey, 1)
    assert Rueckmeldung.objects.count() == 0  # a submission leaves the small batch to the beat
    assert freigabe.flush(survey) == 5  # the beat: 5 are written, 5 stay to mix with later ones
    assert Rueckmeldung.objects.count() == 5 and freigabe.waiting(survey) == 5
    assert freigabe.flush(survey) == 0  # nothing due
    answer(survey, 3)
    assert freigabe.flush(survey, final=True, today=DAY) == 8
    assert Rueckmeldung.objects.count() == 13 and not WartendeRueckmeldung.objects.exists()
    assert Rueckmeldung.objects.filter(eingereicht_am=DAY).count() == 8
    numbers = sorted(Rueckmeldung.objects.values_list("antworten__zahl", flat=True))
    assert numbers == sorted([*range(9), 0, 0, 1, 2])


def test_a_submission_writes_the_batch_itself_once_request_batch_mindestgruppen_wait(survey):
    answer(survey, freigabe.REQUEST_BATCH * 5 - 1)
    assert Rueckmeldung.objects.count() == 0
    answer(survey, 1)  # 50 wait: this submission writes 45, 5 stay behind
    assert Rueckmeldung.objects.count() == 45 and freigabe.waiting(survey) == 5
    assert len(set(Rueckmeldung.objects.values_list("eingereicht_am", flat=True))) == 1


def test_the_end_action_writes_everything_still_waiting(client_as, survey):
    answer(survey, 3)
    client = client_as(Role.FACHSTELLE)
    response = client.post(reverse("befragung:beenden", args=[survey.slug]))
    assert response.status_code == 302
    assert Rueckmeldung.objects.filter(befragung=survey).count() == 3
    assert not WartendeRueckmeldung.objects.exists()


def test_the_beat_task_writes_due_batches_and_the_rest_after_the_closing_date(survey):
    other = BefragungFactory(mindestgruppe=5, ende=datetime.date(2024, 6, 30))
    frage = FrageFactory(befragung=other, typ=Frage.Typ.ZAHL)
    answer(survey, 3)
    for i in range(2):
        WartendeRueckmeldung.objects.create(
            befragung=other,
            daten=freigabe.serialise(sprache="de", kanal="papier", quartier=None, antworten=[])
            | {"antworten": [[frage.pk, None, None, i, "", None]]},
        )
    assert tasks.flush_waiting_answers() == {other.slug: 2}
    assert freigabe.waiting(survey) == 3 and other.rueckmeldungen.count() == 2
    survey.status = Befragung.Status.BEENDET
    survey.save()
    assert tasks.flush_waiting_answers() == {survey.slug: 3}


def test_results_and_the_xlsx_export_say_how_many_answers_wait(client_as, survey):
    answer(survey, 3)
    client = client_as(Role.FACHSTELLE)
    html = client.get(reverse("befragung:ergebnisse", args=[survey.slug])).content.decode()
    assert "3 Rückmeldungen warten noch auf die Freigabe (in Gruppen zu mindestens 5)." in html
    response = client.get(reverse("befragung:export_xlsx", args=[survey.slug]))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == ["Rueckmeldungen", "Hinweis"]
    assert book["Hinweis"]["A1"].value.startswith("3 Rückmeldungen warten noch")
    freigabe.flush(survey, final=True)
    html = client.get(reverse("befragung:ergebnisse", args=[survey.slug])).content.decode()
    assert "warten noch auf die Freigabe" not in html


def test_the_holding_table_is_not_in_the_admin():
    assert WartendeRueckmeldung not in admin.site._registry
    assert Rueckmeldung not in admin.site._registry


def test_the_beat_schedule_releases_waiting_answers(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["befragung-flush-waiting-answers"]
    assert entry == {"task": "befragung.tasks.flush_waiting_answers", "schedule": 900}


def test_waiting_answers_lock_the_questions_like_written_ones(client_as, survey):
    answer(survey, 1)
    assert not Rueckmeldung.objects.exists()
    response = client_as(Role.FACHSTELLE).get(survey.get_absolute_url())
    assert response.context["rueckmeldungen_count"] == 1
    assert "schon Rückmeldungen" in response.context["lock_reason"]


def test_a_failed_hold_gives_the_code_back_to_its_invitation(monkeypatch):
    befragung = BefragungFactory(modus=Befragung.Modus.ZUGANGSCODE)
    frage = FrageFactory(befragung=befragung, typ=Frage.Typ.ZAHL)
    einladung = BefragungseinladungFactory(befragung=befragung)
    assert tasks.send_survey_invitation(einladung.pk)
    einladung.refresh_from_db()
    digest = einladung.code_hash
    (code,) = set(re.findall(r"#code=([A-Z2-9]{4}-[A-Z2-9]{4})", mail.outbox[0].body))

    def broken(**kwargs):
        raise DatabaseError("holding table unavailable")

    monkeypatch.setattr(freigabe, "hold", broken)
    with pytest.raises(DatabaseError):
        submit(befragung=befragung, sprache="de", kanal="online", cleaned={frage: 1}, code=code)
    einladung.refresh_from_db()
    assert zugangscodes.is_valid(befragung=befragung, code=code)
    assert (einladung.code_hash, einladung.teilgenommen) == (digest, False)
    monkeypatch.undo()
    submit(befragung=befragung, sprache="de", kanal="online", cleaned={frage: 1}, code=code)
    einladung.refresh_from_db()
    assert einladung.teilgenommen and einladung.code_hash == "" and freigabe.waiting(befragung) == 1


@pytest.mark.parametrize(
    "now",
    [
        "2027-03-27 23:30",  # the next day has 23 hours (summer time starts)
        "2027-10-30 00:10",  # the next day has 25 hours
        "2027-12-31 23:30",
        "2028-02-29 12:00",
    ],
)
def test_the_sent_mark_expires_at_a_midnight_and_outlives_the_form_state(now):
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    moment = datetime.datetime.fromisoformat(now).replace(tzinfo=berlin)
    expiries = {moment + datetime.timedelta(seconds=claim_timeout(moment)) for _ in range(20)}
    for expiry in expiries:
        local = expiry.astimezone(berlin)
        assert local.hour == 0 and (expiry - moment).total_seconds() >= MAX_AGE
    assert len({e.astimezone(berlin).date() for e in expiries}) == 1


def test_the_batch_writer_names_every_column_of_the_answer_tables():
    """freigabe writes tuples, not model instances: a field added to Rückmeldung or Antwort
    must be added to the writer's columns too."""
    from befragung.models import Antwort, Rueckmeldung

    for model, spalten in (
        (Rueckmeldung, freigabe.RUECKMELDUNG_SPALTEN),
        (Antwort, freigabe.ANTWORT_SPALTEN),
    ):
        assert spalten == tuple(f.column for f in model._meta.concrete_fields)
