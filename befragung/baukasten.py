"""Building a Befragung: questions with their options and rows, order, translations, workflow.

Every function that writes several rows runs in one transaction; the views stay thin.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max, Prefetch
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gwa_portal.core.audit import changed_copy, log_bulk_update, update_logged

from . import freigabe
from .models import Antwortoption, Befragung, Frage, Matrixzeile, sprache_label

UMLAUTE = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)
# Positions move out of the way by this offset before they are renumbered, so that the unique
# constraints on (befragung, position) and (frage, position) hold after every single UPDATE.
OFFSET = 10000

JA_NEIN = {
    "ja": {
        "de": "Ja",
        "ls": "Ja",
        "en": "Yes",
        "tr": "Evet",
        "ar": "نعم",
        "uk": "Так",
        "ru": "Да",
        "fa": "بله",
    },
    "nein": {
        "de": "Nein",
        "ls": "Nein",
        "en": "No",
        "tr": "Hayır",
        "ar": "لا",
        "uk": "Ні",
        "ru": "Нет",
        "fa": "خیر",
    },
}

# Questions whose answer can be the condition of a later question.
CONDITION_TYPES = (Frage.Typ.EINFACH, Frage.Typ.MEHRFACH, Frage.Typ.JANEIN)
# Types that take answer options typed in by staff (janein creates its own).
TYPED_OPTIONS = (Frage.Typ.EINFACH, Frage.Typ.MEHRFACH, Frage.Typ.MATRIX)


def make_name(text, taken, *, fallback):
    """A key for exports from the German text: lower case, digits and "_", unique in `taken`."""
    base = slugify(text.translate(UMLAUTE)).replace("-", "_")[:50].strip("_") or fallback
    name, n = base, 2
    while name in taken:
        name = f"{base}_{n}"
        n += 1
    taken.add(name)
    return name


def fragen_of(befragung):
    """The questions in order, with everything the builder pages show, in a fixed number of
    queries."""
    return (
        Frage.objects.filter(befragung=befragung)
        .select_related("bedingung_option__frage")
        .prefetch_related(
            Prefetch("optionen", queryset=Antwortoption.objects.order_by("position")),
            Prefetch("zeilen", queryset=Matrixzeile.objects.order_by("position")),
        )
        .order_by("position")
    )


def has_answers(befragung):
    """Written answers or answers still waiting for their batch (both lock the questions)."""
    return befragung.rueckmeldungen.exists() or befragung.wartende_rueckmeldungen.exists()


# --- Fragen ----------------------------------------------------------------------------------


def _replace_items(model, frage, lines):
    """Make the options (or rows) of `frage` the given German lines, in that order.

    Items whose German text is unchanged keep their row (and so their translations and the
    conditions that point at them); the others are created or deleted."""
    existing = {item.text.get("de", ""): item for item in model.objects.filter(frage=frage)}
    model.objects.filter(frage=frage).exclude(
        pk__in=[item.pk for text, item in existing.items() if text in lines]
    ).delete()
    # The shift is not logged: each kept item's entry below says where it moved from.
    model.objects.filter(frage=frage).update(position=F("position") + OFFSET)
    taken = {item.name for text, item in existing.items() if text in lines}
    moved, now = [], timezone.now()
    for position, line in enumerate(lines, start=1):
        item = existing.get(line)
        if item is None:
            name = make_name(line, taken, fallback=f"{model.__name__.lower()}_{position}")
            model.objects.create(frage=frage, name=name, text={"de": line}, position=position)
            continue
        # update(), not save(): auditlog would compare with the shifted position.
        model.objects.filter(pk=item.pk).update(position=position, updated_at=now)
        moved.append((item, changed_copy(item, position=position)))
    log_bulk_update(moved, fields=["position"])


def _janein_options(frage, sprachen):
    Antwortoption.objects.filter(frage=frage).exclude(name__in=JA_NEIN).delete()
    for position, (name, texts) in enumerate(JA_NEIN.items(), start=1):
        option, _created = Antwortoption.objects.get_or_create(
            frage=frage,
            name=name,
            defaults={"position": position + OFFSET, "text": {}},
        )
        option.text = {lang: texts[lang] for lang in sprachen if lang in texts} | {
            k: v for k, v in option.text.items() if v
        }
        option.position = position
        option.save()


def save_frage(*, frage, optionen=(), zeilen=()):
    """Save a new or changed question with its options and rows (one transaction).

    `frage` is unsaved or changed in memory; `optionen`/`zeilen` are German lines."""
    with transaction.atomic():
        befragung = frage.befragung
        if frage.pk is None:
            top = Frage.objects.filter(befragung=befragung).aggregate(m=Max("position"))["m"]
            frage.position = (top or 0) + 1
        if not frage.name:
            taken = set(
                Frage.objects.filter(befragung=befragung)
                .exclude(pk=frage.pk)
                .values_list("name", flat=True)
            )
            frage.name = make_name(frage.text.get("de", ""), taken, fallback="frage")
        if frage.typ != Frage.Typ.SKALA:
            frage.skala_min = frage.skala_max = None
            frage.skala_links, frage.skala_rechts = {}, {}
        if frage.typ != Frage.Typ.ZAHL:
            frage.zahl_min = frage.zahl_max = None
        frage.save()
        if frage.typ in TYPED_OPTIONS:
            _replace_items(Antwortoption, frage, list(optionen))
        elif frage.typ == Frage.Typ.JANEIN:
            _janein_options(frage, befragung.all_sprachen)
        else:
            Antwortoption.objects.filter(frage=frage).delete()
        if frage.typ == Frage.Typ.MATRIX:
            _replace_items(Matrixzeile, frage, list(zeilen))
        else:
            Matrixzeile.objects.filter(frage=frage).delete()
    return frage


def dropped_conditions(frage, *, typ, optionen):
    """Later questions whose condition would lose its option if `frage` were saved like this."""
    keeps = set(optionen) if typ in TYPED_OPTIONS else set()
    dependants = Frage.objects.filter(bedingung_option__frage=frage).select_related(
        "bedingung_option"
    )
    if typ == Frage.Typ.JANEIN:
        return [d for d in dependants if d.bedingung_option.name not in JA_NEIN]
    return [d for d in dependants if d.bedingung_option.text.get("de", "") not in keeps]


def _renumber(befragung):
    fragen = list(Frage.objects.filter(befragung=befragung).order_by("position"))
    # Only the final positions are logged (the shift is a step of the same move).
    Frage.objects.filter(befragung=befragung).update(position=F("position") + OFFSET)
    now = timezone.now()
    for position, frage in enumerate(fragen, start=1):
        # `updated_at` too: the public form's structure cache (struktur.py) sees the new order.
        Frage.objects.filter(pk=frage.pk).update(position=position, updated_at=now)
    log_bulk_update(
        [(f, changed_copy(f, position=p)) for p, f in enumerate(fragen, start=1)],
        fields=["position"],
    )


def delete_frage(*, frage):
    """Delete a question; later questions that depended on it lose their condition."""
    with transaction.atomic():
        befragung = frage.befragung
        update_logged(Frage.objects.filter(bedingung_option__frage=frage), bedingung_option=None)
        frage.delete()
        _renumber(befragung)


class MoveRefused(Exception):
    pass


def move_frage(*, frage, richtung):
    """Swap the question with its neighbour ("hoch" or "runter"). A question never moves in
    front of the question its condition refers to."""
    with transaction.atomic():
        fragen = list(
            Frage.objects.select_for_update(of=("self",))
            .filter(befragung_id=frage.befragung_id)
            .select_related("bedingung_option")
            .order_by("position")
        )
        index = next(i for i, f in enumerate(fragen) if f.pk == frage.pk)
        other_index = index - 1 if richtung == "hoch" else index + 1
        if not 0 <= other_index < len(fragen):
            raise MoveRefused(
                _("Die Frage steht schon ganz oben.")
                if richtung == "hoch"
                else _("Die Frage steht schon ganz unten.")
            )
        first, second = sorted([fragen[index], fragen[other_index]], key=lambda f: f.position)
        # After the swap `second` comes first: it must not depend on `first`.
        if second.bedingung_option and second.bedingung_option.frage_id == first.pk:
            raise MoveRefused(
                _(
                    "„%(spaeter)s“ wird nur gezeigt, wenn „%(frueher)s“ passend beantwortet "
                    "wurde, und muss deshalb danach stehen."
                )
                % {"spaeter": second.t("text", "de"), "frueher": first.t("text", "de")}
            )
        a, b = first.position, second.position
        Frage.objects.filter(pk__in=[first.pk, second.pk]).update(position=F("position") + OFFSET)
        now = timezone.now()  # the structure cache (struktur.py) sees the new order
        Frage.objects.filter(pk=first.pk).update(position=b, updated_at=now)
        Frage.objects.filter(pk=second.pk).update(position=a, updated_at=now)
        log_bulk_update(
            [(first, changed_copy(first, position=b)), (second, changed_copy(second, position=a))],
            fields=["position"],
        )


# --- Übersetzungen ---------------------------------------------------------------------------

BEFRAGUNG_LABELS = {
    "titel": gettext_lazy("Titel"),
    "beschreibung": gettext_lazy("Einleitung"),
    "datenschutz": gettext_lazy("Datenschutzhinweis"),
    "danke": gettext_lazy("Dankeschön-Text"),
}
FRAGE_LABELS = {
    "text": gettext_lazy("Frage"),
    "hilfe": gettext_lazy("Hinweis"),
    "skala_links": gettext_lazy("Beschriftung links"),
    "skala_rechts": gettext_lazy("Beschriftung rechts"),
}


@dataclass
class Text:
    """One translatable text: where it lives, its German original and its translation."""

    key: str
    obj: object
    field: str
    label: str
    group: str
    de: str

    def value(self, sprache):
        return (getattr(self.obj, self.field) or {}).get(sprache, "")

    def missing(self, sprache):
        return not self.value(sprache).strip()


def texts_of(befragung, fragen):
    """Every text with a German original, in the order of the questionnaire."""
    texts = []
    general = _("Allgemeine Texte")
    for field, label in BEFRAGUNG_LABELS.items():
        de = befragung.t(field, "de") if (getattr(befragung, field) or {}).get("de") else ""
        if de.strip():
            texts.append(Text(f"b-{field}", befragung, field, str(label), general, de))
    for number, frage in enumerate(fragen, start=1):
        group = _("Frage %(n)d") % {"n": number}
        for field, label in FRAGE_LABELS.items():
            de = (getattr(frage, field) or {}).get("de", "")
            if de.strip():
                texts.append(Text(f"f{frage.pk}-{field}", frage, field, str(label), group, de))
        for option in frage.optionen.all():
            de = option.text.get("de", "")
            if de.strip():
                label = _("Antwort „%(name)s“") % {"name": option.name}
                texts.append(Text(f"o{option.pk}", option, "text", label, group, de))
        for zeile in frage.zeilen.all():
            de = zeile.text.get("de", "")
            if de.strip():
                label = _("Aussage „%(name)s“") % {"name": zeile.name}
                texts.append(Text(f"z{zeile.pk}", zeile, "text", label, group, de))
    return texts


def translation_languages(befragung):
    """The languages besides German that need translations."""
    return [code for code in befragung.all_sprachen if code != "de"]


def missing_by_language(befragung, texts):
    """[(code, label, number of missing texts)] for every language besides German."""
    return [
        (code, sprache_label(code), sum(1 for t in texts if t.missing(code)))
        for code in translation_languages(befragung)
    ]


def save_translations(*, texts, sprache, values):
    """Write the translations `values` {key: text} for `sprache` in one transaction."""
    changed = {}
    for text in texts:
        if text.key not in values:
            continue
        new = values[text.key].strip()
        current = getattr(text.obj, text.field) or {}
        if current.get(sprache, "") == new:
            continue
        updated = dict(current)
        if new:
            updated[sprache] = new
        else:
            updated.pop(sprache, None)
        setattr(text.obj, text.field, updated)
        changed.setdefault(id(text.obj), (text.obj, set()))[1].add(text.field)
    with transaction.atomic():
        for obj, fields in changed.values():
            obj.save(update_fields=[*fields, "updated_at"])
    return len(changed)


# --- Workflow --------------------------------------------------------------------------------


def start_problems(befragung, fragen, texts):
    """What keeps the survey from starting, as German sentences (empty: it may start)."""
    problems = []
    if befragung.ende and befragung.ende < timezone.localdate():
        problems.append(_("Das Ende der Befragung liegt in der Vergangenheit."))
    if not fragen:
        problems.append(_("Die Befragung hat noch keine Frage."))
    for number, frage in enumerate(fragen, start=1):
        if frage.typ in TYPED_OPTIONS and len(frage.optionen.all()) < 2:
            problems.append(
                _("Frage %(n)d braucht mindestens zwei Antwortmöglichkeiten.") % {"n": number}
            )
        if frage.typ == Frage.Typ.MATRIX and not frage.zeilen.all():
            problems.append(_("Frage %(n)d braucht mindestens eine Aussage.") % {"n": number})
    for _code, label, missing in missing_by_language(befragung, texts):
        if missing:
            problems.append(
                _("%(sprache)s: %(n)d Text(e) sind noch nicht übersetzt.")
                % {"sprache": label, "n": missing}
            )
    return problems


def start(*, befragung):
    update_logged(
        Befragung.objects.filter(pk=befragung.pk, status=Befragung.Status.ENTWURF),
        status=Befragung.Status.LAEUFT,
    )


def end(*, befragung):
    """End the survey and write every answer still waiting (the last batch)."""
    update_logged(
        Befragung.objects.filter(pk=befragung.pk, status=Befragung.Status.LAEUFT),
        status=Befragung.Status.BEENDET,
    )
    freigabe.flush(befragung, final=True)


def fill_janein_texts(befragung):
    """New survey languages get the ja/nein texts of yes/no questions right away."""
    options = Antwortoption.objects.filter(
        frage__befragung=befragung, frage__typ=Frage.Typ.JANEIN, name__in=JA_NEIN
    )
    for option in options:
        texts = {
            lang: JA_NEIN[option.name][lang]
            for lang in befragung.all_sprachen
            if not option.text.get(lang)
        }
        if texts:
            option.text = option.text | texts
            option.save(update_fields=["text", "updated_at"])
