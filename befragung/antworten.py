"""`submit` writes one Rueckmeldung with all its Antworten (and uses the access code) atomically;
the form that collects the answers is `befragung.forms.antworten.AnswerForm`."""

from django.db import transaction
from django.utils import timezone

from . import zugangscodes
from .models import Antwort, Frage, Rueckmeldung

# The longest text answer: the form refuses more, and `submit` never stores more.
TEXT_MAX_LENGTH = 5000


class CodeUngueltig(Exception):
    """The access code was not a valid unused code of the survey; nothing was written."""


def _antworten(rueckmeldung, frage, value):
    typ = frage.typ
    if typ == Frage.Typ.MATRIX:
        return [
            Antwort(rueckmeldung=rueckmeldung, frage=frage, zeile=zeile, option=option)
            for zeile, option in value.items()
            if _check(frage, option) and zeile.frage_id == frage.pk
        ]
    if typ == Frage.Typ.MEHRFACH:
        return [
            Antwort(rueckmeldung=rueckmeldung, frage=frage, option=o)
            for o in value
            if _check(frage, o)
        ]
    if typ in (Frage.Typ.EINFACH, Frage.Typ.JANEIN):
        _check(frage, value)
        return [Antwort(rueckmeldung=rueckmeldung, frage=frage, option=value)]
    if typ in (Frage.Typ.SKALA, Frage.Typ.ZAHL):
        return [Antwort(rueckmeldung=rueckmeldung, frage=frage, zahl=int(value))]
    if typ == Frage.Typ.QUARTIER:
        return [Antwort(rueckmeldung=rueckmeldung, frage=frage, quartier=value)]
    return [Antwort(rueckmeldung=rueckmeldung, frage=frage, text=str(value)[:TEXT_MAX_LENGTH])]


def _check(frage, option):
    if option.frage_id != frage.pk:
        raise ValueError(f"Option {option.pk} gehört nicht zu Frage {frage.pk}.")
    return True


def submit(*, befragung, sprache, kanal, cleaned, code=None, today=None):
    """Write one Rueckmeldung with its Antworten in one transaction and return it.

    `cleaned` maps each answered Frage to its value: an Antwortoption (einfach, janein), a list
    of Antwortoptionen (mehrfach), an int (skala, zahl), a str (text), a Quartier (quartier),
    or {Matrixzeile: Antwortoption} (matrix) – what `AnswerForm.answers` returns. Empty values
    are skipped. An online answer to a survey with access codes uses `code` in the same
    transaction; `CodeUngueltig` is raised (and nothing written) when it is not a valid unused
    code. Paper questionnaires (kanal=papier) are handed out by staff and carry no code.
    Only the date is stored, never the time, a user, an IP address or the code.
    """
    answered = {f: v for f, v in cleaned.items() if v not in (None, "", [], {})}
    quartier = next((v for f, v in answered.items() if f.typ == Frage.Typ.QUARTIER), None)
    with transaction.atomic():
        needs_code = (
            befragung.modus == befragung.Modus.ZUGANGSCODE and kanal == Rueckmeldung.Kanal.ONLINE
        )
        if needs_code and not zugangscodes.redeem(befragung=befragung, code=code):
            raise CodeUngueltig
        rueckmeldung = Rueckmeldung.objects.create(
            befragung=befragung,
            sprache=sprache,
            kanal=kanal,
            eingereicht_am=today or timezone.localdate(),
            quartier=quartier,
        )
        rows = [a for f, v in answered.items() for a in _antworten(rueckmeldung, f, v)]
        Antwort.objects.bulk_create(rows)
    return rueckmeldung
