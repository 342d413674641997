"""`submit` spends the access code (its own transaction), then puts the questionnaire into the
holding area (another one), from where `befragung/freigabe.py` writes it in a shuffled batch;
the form that collects the answers is `befragung.forms.antworten.AnswerForm`."""

from . import freigabe, zugangscodes
from .models import Frage, Rueckmeldung

# The longest text answer: the form refuses more, and `submit` never stores more.
TEXT_MAX_LENGTH = 5000


class CodeUngueltig(Exception):
    """The access code was not a valid unused code of the survey; nothing was written."""


def _antworten(frage, value):
    """The answer rows of one question as the holding area keeps them (`freigabe.serialise`):
    [frage, zeile, option, zahl, text, quartier] ids and values."""
    typ = frage.typ
    if typ == Frage.Typ.MATRIX:
        return [
            _row(frage, zeile=zeile.pk, option=option.pk)
            for zeile, option in value.items()
            if _check(frage, option) and zeile.frage_id == frage.pk
        ]
    if typ == Frage.Typ.MEHRFACH:
        return [_row(frage, option=o.pk) for o in value if _check(frage, o)]
    if typ in (Frage.Typ.EINFACH, Frage.Typ.JANEIN):
        _check(frage, value)
        return [_row(frage, option=value.pk)]
    if typ in (Frage.Typ.SKALA, Frage.Typ.ZAHL):
        return [_row(frage, zahl=int(value))]
    if typ == Frage.Typ.QUARTIER:
        return [_row(frage, quartier=value.pk)]
    return [_row(frage, text=str(value)[:TEXT_MAX_LENGTH])]


def _row(frage, *, zeile=None, option=None, zahl=None, text="", quartier=None):
    return [frage.pk, zeile, option, zahl, text, quartier]


def _check(frage, option):
    if option.frage_id != frage.pk:
        raise ValueError(f"Option {option.pk} gehört nicht zu Frage {frage.pk}.")
    return True


def submit(*, befragung, sprache, kanal, cleaned, code=None):
    """Validate and hold one questionnaire; a batch is written when one is due.

    `cleaned` maps each answered Frage to its value: an Antwortoption (einfach, janein), a list
    of Antwortoptionen (mehrfach), an int (skala, zahl), a str (text), a Quartier (quartier),
    or {Matrixzeile: Antwortoption} (matrix) – what `AnswerForm.answers` returns. Empty values
    are skipped; an option of another question raises ValueError before anything is written.
    An online answer to a survey with access codes spends `code` first, in a transaction of
    its own; `CodeUngueltig` is raised (and nothing written) when it is not a valid unused
    code. Paper questionnaires (kanal=papier) are handed out by staff and carry no code.
    Nothing of the request is stored: no time, no user, no IP address, no code.
    """
    answered = {f: v for f, v in cleaned.items() if v not in (None, "", [], {})}
    quartier = next((v for f, v in answered.items() if f.typ == Frage.Typ.QUARTIER), None)
    rows = [a for f, v in answered.items() for a in _antworten(f, v)]
    daten = freigabe.serialise(sprache=sprache, kanal=kanal, quartier=quartier, antworten=rows)
    needs_code = (
        befragung.modus == befragung.Modus.ZUGANGSCODE and kanal == Rueckmeldung.Kanal.ONLINE
    )
    einladungen = zugangscodes.spend(befragung=befragung, code=code) if needs_code else []
    if einladungen is None:
        raise CodeUngueltig
    try:
        waiting = freigabe.hold(befragung=befragung, daten=daten)
    except Exception:
        if needs_code:  # the answers were not stored: the code works again
            zugangscodes.restore(befragung=befragung, code=code, einladungen=einladungen)
        raise
    freigabe.flush_after_submission(befragung, waiting=waiting)
