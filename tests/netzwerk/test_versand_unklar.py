"""At most once: a send cut off after the SMTP server took the mail is never repeated by the
task or the sweep; the row shows "Versand unklar" until the Fachstelle sends a new link."""

import datetime

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.urls import reverse
from django.utils import timezone

from gwa_portal.core import outbox
from gwa_portal.core.models import Role
from netzwerk import tasks
from netzwerk.models import Einladung, Erinnerung

from ..factories import EinladungFactory, TerminFactory, in_days

pytestmark = pytest.mark.django_db

LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing after it runs, no except clause catches it."""


class DeliverThenDie(locmem.EmailBackend):
    """The SMTP server has the mail, then the worker dies before it hears the answer."""

    def send_messages(self, messages):
        super().send_messages(messages)
        raise WorkerKilled


@pytest.fixture
def dying_mailer(settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.DeliverThenDie"}}
    return settings


def test_a_send_cut_off_after_delivery_is_never_repeated(dying_mailer):
    einladung = EinladungFactory()
    with pytest.raises(WorkerKilled):
        tasks.send_invitation(einladung.pk)
    assert len(mail.outbox) == 1
    einladung.refresh_from_db()
    assert einladung.sending_started_at is not None
    assert einladung.sent_sequence == -1

    dying_mailer.MAILERS = LOCMEM
    # The redelivered task (acks_late) and every later sweep leave the claimed row alone.
    assert tasks.send_invitation(einladung.pk) is False
    later = timezone.now() + outbox.SEND_CLAIM_STALE * 3
    assert tasks.sweep_unsent(now=later)["einladungen"] == 0
    assert tasks.sweep_unsent()["einladungen"] == 0
    assert len(mail.outbox) == 1


def test_the_fachstelle_sees_versand_unklar_and_sends_a_new_link(
    dying_mailer, client_as, django_capture_on_commit_callbacks
):
    einladung = EinladungFactory()
    old_token = einladung.rsvp_token
    with pytest.raises(WorkerKilled):
        tasks.send_invitation(einladung.pk)
    dying_mailer.MAILERS = LOCMEM
    page = reverse("netzwerk:termin_einladungen", args=[einladung.termin_id])

    client = client_as(Role.FACHSTELLE)
    # A fresh claim is a send in progress, not yet unclear.
    assert "Versand unklar" not in client.get(page).content.decode()
    stale = timezone.now() - outbox.SEND_CLAIM_STALE - datetime.timedelta(minutes=1)
    Einladung.objects.filter(pk=einladung.pk).update(sending_started_at=stale)
    response = client.get(page)
    assert response.context["counts"]["unklar"] == 1
    assert [state for _e, state, _label in response.context["rows"]] == ["unklar"]
    assert "Versand unklar" in response.content.decode()

    # A coordinator may change the Termin but not resend: only the Fachstelle decides.
    url = reverse("netzwerk:einladung_link_erneuern", args=[einladung.termin_id, einladung.pk])
    assert client_as(Role.KOORDINATION).post(url).status_code == 403
    assert len(mail.outbox) == 1

    client = client_as(Role.FACHSTELLE)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    einladung.refresh_from_db()
    assert einladung.sending_started_at is None
    assert einladung.sent_sequence == einladung.termin.sequence
    assert einladung.rsvp_token != old_token
    assert einladung.rsvp_token in mail.outbox[-1].body
    assert old_token not in mail.outbox[-1].body
    messages = [str(m) for m in client.get(page).context["messages"]]
    assert messages == [
        f"Der Antwort-Link für {einladung.person.name} wurde erneuert und neu versandt."
    ]


def test_an_smtp_refusal_releases_the_claim_so_the_retry_sends(settings):
    einladung = EinladungFactory()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2},
        }
    }
    with pytest.raises(OSError):
        tasks.send_invitation(einladung.pk)
    einladung.refresh_from_db()
    assert einladung.sending_started_at is None
    assert einladung.send_error
    settings.MAILERS = LOCMEM
    assert tasks.send_invitation(einladung.pk) is True
    assert len(mail.outbox) == 1


def test_a_template_error_claims_nothing(monkeypatch):
    einladung = EinladungFactory()

    def broken(_builder, _einladung):
        raise RuntimeError("template")

    monkeypatch.setattr("netzwerk.mails.InvitationMails.mail", broken)
    with pytest.raises(RuntimeError):
        tasks.send_invitation(einladung.pk)
    einladung.refresh_from_db()
    assert einladung.sending_started_at is None
    assert tasks.sweep_unsent()["einladungen"] == 1


def test_a_reminder_cut_off_after_delivery_is_never_repeated(dying_mailer):
    termin = TerminFactory(beginn=in_days(1), erinnerungen=[2 * 24 * 60])
    einladung = EinladungFactory(termin=termin, sent_sequence=0, sent_at=in_days(-3))
    erinnerung = Erinnerung.objects.create(einladung=einladung, offset_minuten=2 * 24 * 60)
    with pytest.raises(WorkerKilled):
        tasks.send_reminder(erinnerung.pk)
    assert len(mail.outbox) == 1
    dying_mailer.MAILERS = LOCMEM
    assert tasks.send_reminder(erinnerung.pk) is False
    assert tasks.send_due_reminders() == 0
    assert tasks.sweep_unsent()["erinnerungen"] == 0
    assert len(mail.outbox) == 1
    erinnerung.refresh_from_db()
    assert erinnerung.sent_at is None
    assert erinnerung.sending_started_at is not None
