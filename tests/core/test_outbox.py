"""The outbox calls tasks by their registered names: every name in use must be registered;
a chunk's rows are claimed and marked sent row by row."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from befragung import einladungen as befragung_einladungen
from befragung import erinnerungen as befragung_erinnerungen
from gwa_portal.core import accounts, outbox
from netzwerk import einladungen, fortbildungen, protokolle
from netzwerk.models import Einladung

from ..factories import EinladungFactory


def test_every_task_name_the_beat_and_the_domain_use_is_registered():
    names = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()] + [
        accounts.SEND_ACCOUNT_INVITATION,
        einladungen.SEND_INVITATION,
        einladungen.SEND_INVITATIONS,
        fortbildungen.SEND_NACHRUECK_MAIL,
        protokolle.SEND_PROTOKOLL,
        befragung_einladungen.SEND_SURVEY_INVITATION,
        befragung_erinnerungen.SEND_SURVEY_REMINDER,
    ]
    for name in names:
        assert outbox.task_named(name).name == name


# release_and_claim: the "sent" mark of one row and the claim of the next in one UPDATE.


def _claim(row, now, previous=None, **unchanged):
    unchanged = unchanged or {"sent_sequence": row.sent_sequence, "rsvp_token": row.rsvp_token}
    return outbox.release_and_claim(Einladung, row.pk, now=now, previous=previous, **unchanged)


def _sent_mark(row, claimed_at):
    return {
        "pk": row.pk,
        "claimed_at": claimed_at,
        "sent_sequence": 0,
        "sent_at": claimed_at,
        "send_error": "",
        "updated_at": claimed_at,
    }


@pytest.mark.django_db
def test_release_and_claim_marks_the_previous_row_sent_and_claims_the_next_in_one_query(
    django_assert_num_queries,
):
    first, second = EinladungFactory.create_batch(2)
    then, now = timezone.now() - datetime.timedelta(seconds=1), timezone.now()
    assert _claim(first, then)
    with django_assert_num_queries(1):
        assert _claim(second, now, previous=_sent_mark(first, then))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.sending_started_at, first.sent_sequence, first.sent_at) == (None, 0, then)
    assert (second.sending_started_at, second.sent_sequence, second.sent_at) == (now, -1, None)


@pytest.mark.django_db
def test_release_and_claim_leaves_a_previous_row_that_a_person_released_meanwhile():
    first, second = EinladungFactory.create_batch(2)
    then, now = timezone.now() - datetime.timedelta(seconds=1), timezone.now()
    assert _claim(first, then)
    # The Fachstelle renewed the link of the first row while its mail was on the way.
    Einladung.objects.filter(pk=first.pk).update(sending_started_at=None, rsvp_token="neu")
    assert _claim(second, now, previous=_sent_mark(first, then))
    first.refresh_from_db()
    assert (first.sent_sequence, first.sent_at, first.rsvp_token) == (-1, None, "neu")


@pytest.mark.django_db
@pytest.mark.parametrize("meanwhile", ["claimed", "new link", "sent"])
def test_release_and_claim_does_not_claim_a_row_changed_since_rendering(meanwhile):
    first, second = EinladungFactory.create_batch(2)
    then, now = timezone.now() - datetime.timedelta(seconds=1), timezone.now()
    rendered = {"sent_sequence": second.sent_sequence, "rsvp_token": second.rsvp_token}
    change = {
        "claimed": {"sending_started_at": then},
        "new link": {"rsvp_token": "neu"},
        "sent": {"sent_sequence": 0},
    }[meanwhile]
    Einladung.objects.filter(pk=second.pk).update(**change)
    assert _claim(first, then)
    assert not _claim(second, now, previous=_sent_mark(first, then), **rendered)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.sending_started_at, first.sent_sequence) == (None, 0)
    assert second.sending_started_at == change.get("sending_started_at")
