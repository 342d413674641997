"""Answers wait in the holding area until their batch is written (befragung/freigabe.py); tests
that read the answer tables release them first, as the survey's end does."""

from befragung import freigabe
from befragung.models import Antwort, Befragung, Rueckmeldung, WartendeRueckmeldung


def freigeben(**kwargs):
    """Write everything that waits, for every survey; returns how many were written."""
    surveys = Befragung.objects.filter(wartende_rueckmeldungen__isnull=False).distinct()
    return sum(freigabe.flush(b, final=True, **kwargs) for b in surveys)


def stored(befragung=None):
    """Questionnaires stored so far (of one survey, or of all): written ones and those waiting."""
    written, waiting = Rueckmeldung.objects.all(), WartendeRueckmeldung.objects.all()
    if befragung is not None:
        written, waiting = written.filter(befragung=befragung), waiting.filter(befragung=befragung)
    return written.count() + waiting.count()


def stored_texts(befragung):
    """The survey's free-text answers, after writing whatever still waits (as its end does)."""
    freigabe.flush(befragung, final=True)
    return sorted(
        Antwort.objects.filter(rueckmeldung__befragung=befragung).values_list("text", flat=True)
    )
