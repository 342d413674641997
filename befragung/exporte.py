"""Raw data of a survey: one row per Rueckmeldung, as a header with a row generator (for the
streamed CSV) or as the sheets of a streamed XLSX; the views send them.

The rows come from a single query over Rueckmeldungen joined with their Antworten, read with
`.iterator()` and grouped while reading, so memory stays flat and the number of queries does
not grow with the answers. Rows are ordered by the random key, never by anything that
reflects the order of submission. No suppression here: raw exports are for the Fachstelle.
Only written batches are exported (`eingereicht_am` is the batch's day); answers still in the
holding area are only counted (`waiting_note`).
"""

import itertools

from django.utils.translation import ngettext

from quartiere.models import Quartier

from . import freigabe
from .models import Frage, Rueckmeldung

CHUNK_SIZE = 2000
FIXED_COLUMNS = ["sprache", "kanal", "eingereicht_am", "quartier"]
ANSWER_FIELDS = (
    "antworten__frage_id",
    "antworten__zeile_id",
    "antworten__option_id",
    "antworten__zahl",
    "antworten__text",
    "antworten__quartier_id",
)


class Layout:
    """Where each answer goes: one column per question, per option (multiple choice) or per
    row (matrix)."""

    def __init__(self, befragung):
        self.fragen = list(
            befragung.fragen.order_by("position").prefetch_related("optionen", "zeilen")
        )
        self.header = list(FIXED_COLUMNS)
        self.column = {}  # (frage_id, zeile_id or option_id for mehrfach) -> index
        self.option_names = {}
        self.mehrfach_columns = []
        for frage in self.fragen:
            for option in frage.optionen.all():
                self.option_names[option.pk] = option.name
            if frage.typ == Frage.Typ.MEHRFACH:
                for option in frage.optionen.all():
                    self.column[(frage.pk, option.pk)] = len(self.header)
                    self.mehrfach_columns.append(len(self.header))
                    self.header.append(f"{frage.name}.{option.name}")
            elif frage.typ == Frage.Typ.MATRIX:
                for zeile in frage.zeilen.all():
                    self.column[(frage.pk, zeile.pk)] = len(self.header)
                    self.header.append(f"{frage.name}.{zeile.name}")
            else:
                self.column[(frage.pk, None)] = len(self.header)
                self.header.append(frage.name)
        self.typ = {frage.pk: frage.typ for frage in self.fragen}
        self.quartier_slugs = dict(Quartier.objects.values_list("pk", "slug"))

    def empty_row(self, sprache, kanal, eingereicht_am, quartier_id):
        row = [None] * len(self.header)
        row[0:4] = [sprache, kanal, eingereicht_am, self.quartier_slugs.get(quartier_id, "")]
        for index in self.mehrfach_columns:
            row[index] = 0
        return row

    def place(self, row, frage_id, zeile_id, option_id, zahl, text, quartier_id):
        typ = self.typ.get(frage_id)
        if typ is None:
            return
        if typ == Frage.Typ.MEHRFACH:
            index = self.column.get((frage_id, option_id))
            if index is not None:
                row[index] = 1
            return
        index = self.column.get((frage_id, zeile_id if typ == Frage.Typ.MATRIX else None))
        if index is None:
            return
        if option_id is not None:
            row[index] = self.option_names.get(option_id, "")
        elif zahl is not None:
            row[index] = zahl
        elif quartier_id is not None:
            row[index] = self.quartier_slugs.get(quartier_id, "")
        else:
            row[index] = text


def rows(befragung, layout=None):
    """The header's layout and a generator of one list per Rueckmeldung."""
    layout = layout or Layout(befragung)
    values = (
        Rueckmeldung.objects.filter(befragung=befragung)
        .order_by("id")
        .values_list("id", "sprache", "kanal", "eingereicht_am", "quartier_id", *ANSWER_FIELDS)
        .iterator(chunk_size=CHUNK_SIZE)
    )

    def generate():
        current_id, row = None, None
        for rid, sprache, kanal, am, quartier_id, *answer in values:
            if rid != current_id:
                if row is not None:
                    yield row
                current_id, row = rid, layout.empty_row(sprache, kanal, am, quartier_id)
            if answer[0] is not None:
                layout.place(row, *answer)
        if row is not None:
            yield row

    return generate()


def table(befragung):
    """(header, generator of one row per Rueckmeldung)."""
    layout = Layout(befragung)
    return layout.header, rows(befragung, layout)


def waiting_note(befragung):
    """The sentence that says how many answers still wait for their batch ("" if none)."""
    n = freigabe.waiting(befragung)
    if not n:
        return ""
    return ngettext(
        "%(n)d Rückmeldung wartet noch auf die Freigabe (in Gruppen zu mindestens %(k)d).",
        "%(n)d Rückmeldungen warten noch auf die Freigabe (in Gruppen zu mindestens %(k)d).",
        n,
    ) % {"n": n, "k": befragung.mindestgruppe}


def sheets(befragung):
    """The XLSX's sheets as (title, rows): „Rueckmeldungen“, the header, then one row per
    written Rueckmeldung; while answers still wait for their batch, „Hinweis“ says how many."""
    header, body = table(befragung)
    result = [("Rueckmeldungen", itertools.chain([header], body))]
    note = waiting_note(befragung)
    if note:
        result.append(("Hinweis", [[note]]))
    return result
