"""What a survey has stored, wherever it is: written Rückmeldungen, and answers still waiting in
a holding area where the submit path keeps one (issue 15, item 1, built on a parallel branch)."""

import importlib.util

from befragung.models import Antwort, Rueckmeldung


def stored(befragung):
    """Questionnaires stored so far: written ones and those still waiting."""
    waiting = getattr(befragung, "wartende_rueckmeldungen", None)
    written = Rueckmeldung.objects.filter(befragung=befragung).count()
    return written + (waiting.count() if waiting is not None else 0)


def stored_texts(befragung):
    """The free-text answers, after writing whatever still waits (as the survey's end does)."""
    if importlib.util.find_spec("befragung.freigabe") is not None:
        importlib.import_module("befragung.freigabe").flush(befragung, final=True)
    return sorted(
        Antwort.objects.filter(rueckmeldung__befragung=befragung).values_list("text", flat=True)
    )
