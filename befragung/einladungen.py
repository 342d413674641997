"""Invitations to code surveys, mailed to Personen of the Netzwerk. The Befragungseinladung row
is the outbox: writes happen in the caller's transaction, Celery only delivers after commit.

Each mail carries a fresh personal code, generated in the task's transaction, so the code
exists in plain text only in that mail. The invitation keeps the code's hash only while the
code is unused; spending it (`zugangscodes.redeem`) leaves just "teilgenommen", without a
time, so no stored row ties a Person to a used code."""

from django.db.models import Q
from django.utils import timezone

from gwa_portal.core import outbox
from gwa_portal.core.audit import log_bulk_create
from gwa_portal.core.mail import build_mail

from . import zugangscodes
from .models import Befragung, Befragungseinladung
from .models.zugang import hash_code

# Enqueued by name, so that this module need not import befragung/tasks.py.
SEND_SURVEY_INVITATION = "befragung.tasks.send_survey_invitation"


def invite(*, befragung, personen):
    """One invitation per person (people already invited are skipped). Returns the new rows."""
    already = set(befragung.einladungen.values_list("person_id", flat=True))
    new = [
        Befragungseinladung(befragung=befragung, person=p)
        for p in {p.pk: p for p in personen}.values()
        if p.pk not in already
    ]
    Befragungseinladung.objects.bulk_create(new, ignore_conflicts=True)
    # ignore_conflicts (someone inviting the same people at once) sets no pks: read them back.
    # The entries leave out the code's hash (excluded from the audit in the registry).
    created = list(
        befragung.einladungen.filter(person_id__in=[e.person_id for e in new]).select_related(
            "person"
        )
    )
    log_bulk_create(created)
    ids = [e.pk for e in created]
    outbox.enqueue_each_on_commit(SEND_SURVEY_INVITATION, ids)
    return ids


def mailable():
    """Invitations whose person can still receive mail (not erased, with an address)."""
    return Befragungseinladung.objects.filter(person__geloescht_am__isnull=True).exclude(
        person__email=""
    )


def open_for_invitations(befragung, *, today=None):
    """Codes are worth mailing while the survey runs (or is about to start) and has not ended."""
    today = today or timezone.localdate()
    return (
        befragung.modus == Befragung.Modus.ZUGANGSCODE
        and befragung.status == Befragung.Status.LAEUFT
        and (befragung.ende is None or befragung.ende >= today)
    )


def pending_invitations(*, today=None):
    today = today or timezone.localdate()
    return mailable().filter(
        Q(befragung__ende__isnull=True) | Q(befragung__ende__gte=today),
        sent_at__isnull=True,
        befragung__status=Befragung.Status.LAEUFT,
        befragung__modus=Befragung.Modus.ZUGANGSCODE,
    )


def issue_code(einladung):
    """A fresh code for this invitation (the previous unused one, if any, stops working).
    Returns the plain code, or None when the person has taken part meanwhile. Only the new
    code's hash is kept on the invitation, and only until the code is spent."""
    befragung = einladung.befragung
    if einladung.teilgenommen:
        return None
    if einladung.code_hash:
        deleted, _rows = befragung.zugangscodes.filter(
            code_hash=einladung.code_hash, benutzt=False
        ).delete()
        if not deleted:
            return None
    (code,) = zugangscodes.generate(befragung=befragung, anzahl=1)
    einladung.code_hash = hash_code(befragung.pk, code)
    return code


def survey_mail(einladung, *, code, template):
    befragung = einladung.befragung
    context = {
        "person": einladung.person,
        "befragung": befragung,
        "titel": befragung.t("titel", "de"),
        "code": code,
        "link": zugangscodes.code_link(befragung=befragung, code=code),
    }
    return build_mail(
        to=einladung.person.email, template=f"befragung/email/{template}", context=context
    )
