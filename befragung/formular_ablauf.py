"""The way through a survey's steps, without JavaScript and without server-side state.

The raw answers of earlier steps travel in one signed hidden field (`stand`), so nothing about
a citizen's answers is kept on the server before they submit – and nothing in the session can
later be tied to the stored Rueckmeldung. Every step re-validates the earlier ones, so a
condition is always decided from validated answers.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from .forms.antworten import AnswerForm, quartier_choices, seiten
from .forms.felder import bauplan
from .formular_texte import fehler, texte
from .models import Befragung, Frage

MAX_AGE = 24 * 60 * 60
CLAIM_JITTER = 60 * 60
MAX_VALUES = 50
MAX_VALUE_LENGTH = 10_000


def claim_timeout(now=None):
    """Seconds until the „sent“ mark expires: at a Berlin midnight (the end of tomorrow, or of
    the day after when a DST change makes that less than MAX_AGE away) plus a random part of
    an hour. Longer than the hidden field lives (MAX_AGE), and every mark of one day expires in
    the same hour, so its TTL tells the day of a submission, never its time."""
    now = timezone.localtime(now)
    for days in (2, 3):
        midnight = timezone.make_aware(
            datetime.datetime.combine(now.date() + datetime.timedelta(days=days), datetime.time())
        )
        if (midnight - now).total_seconds() >= MAX_AGE:
            break
    return int((midnight - now).total_seconds()) + secrets.randbelow(CLAIM_JITTER)


class StandUngueltig(Exception):
    """The signed hidden field was tampered with or is too old."""


@dataclass
class Schritt:
    """What the step machine decided: show step `i` with `form` (HTTP `status`, an optional
    `hinweis` above it), `daten` being the raw answers for the hidden field. When the
    questionnaire is complete, `answers` holds its validated answers ({Frage: value})."""

    i: int
    daten: dict
    form: AnswerForm
    status: int = 200
    hinweis: str = ""
    answers: dict | None = None

    @property
    def complete(self):
        return self.answers is not None

    @property
    def zugangscode(self):
        return (self.daten.get("zugangscode") or [None])[0]


class Ablauf:
    def __init__(self, befragung, sprache, *, vorschau=False):
        self.befragung = befragung
        self.sprache = sprache
        # The questions and their fields in this language, from the structure cache
        # (struktur.py) while the survey's stand holds: a request builds no field.
        self.plan = bauplan(befragung, sprache)
        self.fragen = self.plan.fragen
        self.seiten = seiten(self.fragen) or [1]
        self.mit_code = befragung.modus == Befragung.Modus.ZUGANGSCODE and not vorschau
        self.salt = f"befragung.formular:{befragung.pk}:{'vorschau' if vorschau else 'online'}"
        self._quartiere = None
        # One random value per filled-in questionnaire, so that sending it twice (the browser's
        # back button) stores it once. It lives in the cache (`claim`), never with the answers.
        self.nonce = secrets.token_urlsafe(16)

    @property
    def gesamt(self):
        return len(self.seiten)

    def quartiere(self):
        if self._quartiere is None and any(f.typ == Frage.Typ.QUARTIER for f in self.fragen):
            self._quartiere = quartier_choices(self.befragung)
        return self._quartiere

    def names(self, i):
        """The field names of step `i` (all of its questions, shown or not)."""
        names = ["zugangscode"] if self.mit_code and i == 0 else []
        for frage in self.fragen:
            if frage.seite == self.seiten[i]:
                names += self.plan.names[frage.pk]
        return names

    def form(self, i, daten=None, vorher=None, *, bound=True):
        kwargs = {
            "seite": self.seiten[i],
            "fragen": self.fragen,
            "vorher": vorher or {},
            "mit_code": self.mit_code and i == 0,
            "quartiere": self.quartiere(),
            "plan": self.plan,
        }
        if bound:
            return AnswerForm(self.befragung, self.sprache, MultiValueDict(daten or {}), **kwargs)
        initial = {
            name: values if len(values) > 1 else values[0]
            for name, values in (daten or {}).items()
            if values
        }
        return AnswerForm(self.befragung, self.sprache, initial=initial, **kwargs)

    def answers_before(self, i, daten):
        """The validated answers of steps before `i`, or the first invalid earlier form."""
        answers = {}
        for j in range(i):
            form = self.form(j, daten, answers)
            if not form.is_valid():
                return answers, j, form
            answers.update(form.answers)
        return answers, None, None

    def visible(self, j, answers):
        return (self.mit_code and j == 0) or bool(self.form(j, vorher=answers, bound=False).fragen)

    def next_step(self, i, answers):
        for j in range(i + 1, self.gesamt):
            if self.visible(j, answers):
                return j
        return None

    def previous_step(self, i, daten):
        for j in range(i - 1, -1, -1):
            answers, _bad, _form = self.answers_before(j, daten)
            if j == 0 or self.visible(j, answers):
                return j
        return 0

    # --- the signed hidden field ---

    def dumps(self, i, daten):
        stand = {"i": i, "d": daten, "n": self.nonce}
        return signing.dumps(stand, salt=self.salt, compress=True)

    def loads(self, value):
        """(step index, raw answers) from the hidden field; (0, {}) when there is none."""
        if not value:
            return 0, {}
        try:
            stand = signing.loads(value, salt=self.salt, max_age=MAX_AGE)
            i, daten = int(stand["i"]), dict(stand["d"])
            self.nonce = str(stand.get("n") or self.nonce)
        except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
            raise StandUngueltig from error
        return min(max(i, 0), self.gesamt - 1), daten

    def sent_key(self):
        """The cache key of the mark that this questionnaire is being (or was) sent; the form
        sets it together with its rate limit (`rate_limit.hit_and_claim`), `release` clears it."""
        digest = hashlib.sha256(f"{self.salt}:{self.nonce}".encode()).hexdigest()
        return f"befragung:gesendet:{digest}"

    def release(self):
        cache.delete(self.sent_key())

    def take(self, i, daten, post):
        """Copy the current step's values from the POST body into the raw answers (bounded)."""
        for name in self.names(i):
            values = [v[:MAX_VALUE_LENGTH] for v in post.getlist(name)[:MAX_VALUES]]
            if values:
                daten[name] = values
            else:
                daten.pop(name, None)
        return daten

    # --- the decision ---

    def start(self):
        """The first step, empty (an invitation link's code is filled in by the browser)."""
        return Schritt(0, {}, self.form(0, bound=False))

    def advance(self, post):
        """The step to show after a POST of the form: back, the first invalid step, the next
        visible step, or – after the last one – the complete questionnaire."""
        try:
            i, daten = self.loads(post.get("stand"))
        except StandUngueltig:
            hinweis = texte(self.sprache)["neu_beginnen"]
            return Schritt(0, {}, self.form(0, bound=False), status=400, hinweis=hinweis)
        daten = self.take(i, daten, post)
        if post.get("aktion") == "zurueck":
            j = self.previous_step(i, daten)
            answers, _bad, _form = self.answers_before(j, daten)
            return Schritt(j, daten, self.form(j, daten, answers, bound=False))
        answers, bad, bad_form = self.answers_before(i, daten)
        if bad is not None:
            return Schritt(bad, daten, bad_form, status=400)
        form = self.form(i, daten, answers)
        if not form.is_valid():
            return Schritt(i, daten, form, status=400)
        answers.update(form.answers)
        j = self.next_step(i, answers)
        if j is not None:
            return Schritt(j, daten, self.form(j, daten, answers, bound=False))
        return Schritt(i, daten, form, answers=answers)

    def code_rejected(self, daten):
        """Back to the first step when `submit` refused the access code (nothing was stored):
        the questionnaire may be sent again."""
        self.release()
        first = self.form(0, daten, {})
        if first.is_valid() or "zugangscode" not in first.errors:
            first.add_error("zugangscode", fehler(self.sprache, "code_invalid"))
        return Schritt(0, daten, first, status=400)
