"""The printable paper questionnaire in one language (A4, print CSS in static/css).

The instructions printed around the questions ("Bitte eine Antwort ankreuzen.", the skip
hints) go through gettext in the questionnaire's language. Where the portal has no catalogue
for that language yet, they stay German and are marked lang="de" for screen readers.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from gwa_portal.core.decorators import require
from quartiere.models import Quartier

from .. import baukasten, rules
from ..models import Frage, sprache_label
from ..models.sprachen import html_lang, text_direction
from .baukasten import get_befragung


class Phrase:
    """A printed instruction: its text and, when it fell back to German, lang="de"."""

    def __init__(self, sprache, message, **values):
        with translation.override(sprache):
            text = gettext(message)
        self.lang = "de" if text == message and html_lang(sprache) != "de" else ""
        if values:
            # Both the message and every value are escaped before they are joined.
            escaped = {key: conditional_escape(value) for key, value in values.items()}
            self.html = mark_safe(conditional_escape(text) % escaped)  # noqa: S308
        else:
            self.html = text

    def __str__(self):
        return self.html


def _phrases(sprache):
    # The literal strings stay here, so that makemessages finds them.
    return {
        "einfach": Phrase(sprache, "Bitte kreuzen Sie eine Antwort an."),
        "mehrfach": Phrase(sprache, "Sie können mehrere Antworten ankreuzen."),
        "matrix": Phrase(sprache, "Bitte kreuzen Sie in jeder Zeile ein Kästchen an."),
        "skala": Phrase(sprache, "Bitte kreuzen Sie ein Kästchen an."),
        "text": Phrase(sprache, "Bitte schreiben Sie Ihre Antwort auf die Linien."),
        "zahl": Phrase(sprache, "Bitte tragen Sie eine Zahl ein."),
        "quartier": Phrase(sprache, "Bitte kreuzen Sie Ihr Quartier an."),
        "datenschutz": Phrase(sprache, "Datenschutz"),
        "pflicht": Phrase(sprache, "Bitte beantworten Sie diese Frage."),
        "aussage": Phrase(sprache, "Aussage"),
        "ende": Phrase(sprache, "Vielen Dank für Ihre Teilnahme!"),
    }


def _skip_hint(sprache, nummer, antwort):
    answer = format_html('<span lang="{}">{}</span>', html_lang(sprache), antwort)
    return Phrase(
        sprache,
        "Nur beantworten, wenn Sie bei Frage %(n)s „%(antwort)s“ angekreuzt haben.",
        n=nummer,
        antwort=answer,
    )


def _range_hint(sprache, frage):
    if frage.zahl_min is not None and frage.zahl_max is not None:
        return Phrase(
            sprache,
            "Eine Zahl von %(min)s bis %(max)s.",
            min=frage.zahl_min,
            max=frage.zahl_max,
        )
    if frage.zahl_min is not None:
        return Phrase(sprache, "Eine Zahl ab %(min)s.", min=frage.zahl_min)
    if frage.zahl_max is not None:
        return Phrase(sprache, "Eine Zahl bis %(max)s.", max=frage.zahl_max)
    return None


@require(rules.can_print)
def papier_druck(request, slug, sprache):
    befragung = get_befragung(slug)
    if sprache not in befragung.all_sprachen:
        raise Http404
    fragen = list(baukasten.fragen_of(befragung))
    numbers = {frage.pk: n for n, frage in enumerate(fragen, start=1)}
    quartiere = list(befragung.quartiere.all()) or list(Quartier.objects.order_by("name"))
    for frage in fragen:
        frage.nummer = numbers[frage.pk]
        frage.text_hier = frage.t("text", sprache)
        frage.hilfe_hier = frage.t("hilfe", sprache)
        frage.links_hier = frage.t("skala_links", sprache)
        frage.rechts_hier = frage.t("skala_rechts", sprache)
        frage.optionen_hier = [o.t("text", sprache) for o in frage.optionen.all()]
        frage.zeilen_hier = [z.t("text", sprache) for z in frage.zeilen.all()]
        frage.skip_hint = None
        if frage.bedingung_option_id:
            frage.skip_hint = _skip_hint(
                sprache,
                numbers.get(frage.bedingung_option.frage_id, "?"),
                frage.bedingung_option.t("text", sprache),
            )
        frage.range_hint = _range_hint(sprache, frage) if frage.typ == Frage.Typ.ZAHL else None
    context = {
        "befragung": befragung,
        "fragen": fragen,
        "quartiere": quartiere,
        "titel": befragung.t("titel", sprache),
        "beschreibung": befragung.t("beschreibung", sprache),
        "datenschutz": befragung.t("datenschutz", sprache),
        "danke": befragung.t("danke", sprache),
        "sprache": sprache,
        "sprache_label": sprache_label(sprache),
        "lang": html_lang(sprache),
        "dir": text_direction(sprache),
        "phrases": _phrases(sprache),
        "textzeilen": range(4),
    }
    return render(request, "befragung/baukasten/papier.html", context)
