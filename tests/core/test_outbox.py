"""The outbox calls tasks by their registered names: every name in use must be registered."""

from django.conf import settings

from befragung import einladungen as befragung_einladungen
from befragung import erinnerungen as befragung_erinnerungen
from gwa_portal.core import accounts, outbox
from netzwerk import einladungen, fortbildungen, protokolle


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
