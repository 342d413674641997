"""Answers wait in the holding area until their batch is written (befragung/freigabe.py); tests
that read the answer tables release them first, as the survey's end does."""

from befragung import freigabe
from befragung.models import Befragung, Rueckmeldung, WartendeRueckmeldung


def freigeben(**kwargs):
    """Write everything that waits, for every survey; returns how many were written."""
    surveys = Befragung.objects.filter(wartende_rueckmeldungen__isnull=False).distinct()
    return sum(freigabe.flush(b, final=True, **kwargs) for b in surveys)


def stored():
    """Questionnaires stored so far: written ones and those still waiting."""
    return Rueckmeldung.objects.count() + WartendeRueckmeldung.objects.count()
