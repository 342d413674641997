"""The Sachstandsbericht's outputs, shared by the live report and its saved Fassungen: the
charts of every section, the rendered report body (cover, contents, sections), and the CSV
and XLSX contents of its tables (the views build the responses)."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gwa_portal.core import xlsx_export
from gwa_portal.core.charts import NoValue, bar_chart

CSV_HEADER = ["Abschnitt", "Zeile", "Kennzahl", "Wert"]


def charts(bericht):
    akt = bericht.aktivitaeten

    def summen_chart(id, title, zeilen, category_label):
        return bar_chart(
            id=id,
            title=title,
            categories=[z.label for z in zeilen],
            values=[z.anzahl for z in zeilen],
            value_label=_("Aktivitäten"),
            category_label=category_label,
        )

    return {
        "handlungsfelder": summen_chart(
            "bericht-handlungsfelder",
            _("Aktivitäten nach Handlungsfeld"),
            akt.handlungsfelder,
            _("Handlungsfeld"),
        ),
        "zielgruppen": summen_chart(
            "bericht-zielgruppen",
            _("Aktivitäten nach Zielgruppe"),
            akt.zielgruppen,
            _("Zielgruppe"),
        ),
        "arten": summen_chart("bericht-arten", _("Aktivitäten nach Art"), akt.arten, _("Art")),
        "sitzungen": bar_chart(
            id="bericht-sitzungen",
            title=_("Sitzungen nach Gremienart"),
            categories=[z.label for z in bericht.sitzungen.nach_art],
            values=[z.sitzungen for z in bericht.sitzungen.nach_art],
            value_label=_("Sitzungen"),
            category_label=_("Gremienart"),
        ),
        "massnahmen": bar_chart(
            id="bericht-massnahmen",
            title=_("Maßnahmen nach Status"),
            categories=[label for label, _n in bericht.massnahmen.nach_status],
            values=[n for _label, n in bericht.massnahmen.nach_status],
            value_label=_("Maßnahmen"),
            category_label=_("Status"),
        ),
    }


def _frage_chart(chart_id, frage, unterdrueckt_text):
    """The counts of one question's answers; a suppressed cell is passed on as its text only
    (the same as in the table), so the chart never sees the hidden number."""
    hidden = NoValue(unterdrueckt_text)
    kategorien = frage.tabelle.kategorien
    return bar_chart(
        id=chart_id,
        title=frage.text,
        categories=[k.label for k in kategorien],
        values=[hidden if k.zellen[0].unterdrueckt else k.zellen[0].n for k in kategorien],
        value_label=_("Anzahl"),
        category_label=_("Antwort"),
    )


def _befragungen(bericht):
    """Each detailed Befragung with its questions, each with its chart:
    [(ergebnis, [(frage, chart)])]; the others are only in the overview table."""
    return [
        (
            b,
            [
                (
                    frage,
                    _frage_chart(
                        f"bericht-befragung-{b.befragung.pk}-{i}", frage, b.unterdrueckt_text
                    ),
                )
                for i, frage in enumerate(b.fragen, start=1)
            ],
        )
        for b in bericht.befragungen
        if b.detailliert
    ]


def _befragung_zeilen(bericht):
    """The rows of the table of every Befragung in the period, as HTML: a city's hundred
    surveys, each row formatted once in Python (one reverse() for all links) instead of a
    {% url %}, translations and number formats per cell."""
    platzhalter = "__slug__"
    ergebnisse = reverse("befragung:ergebnisse", args=[platzhalter])
    stadtweit = _("stadtweit")
    return format_html_join(
        "\n",
        '<tr class="kern-table__row"><th scope="row" class="kern-table__cell">'
        '<a class="kern-link" href="{}">{}</a></th><td class="kern-table__cell">{}</td>'
        '<td class="kern-table__cell kern-table__cell--numeric">{}</td></tr>',
        (
            (
                ergebnisse.replace(platzhalter, b.befragung.slug),
                b.titel,
                stadtweit
                if b.stadtweit
                else ngettext("%(n)s Quartier", "%(n)s Quartiere", b.quartier_count)
                % {"n": b.quartier_count},
                b.weniger_als_text if b.unterdrueckt else localize(b.rueckmeldungen),
            )
            for b in bericht.befragungen
        ),
    )


def inhalt_context(bericht):
    """What `cockpit/_bericht_inhalt.html` (the report itself) needs; a Berichtsfassung
    renders the same context when it is saved."""
    return {
        "bericht": bericht,
        "charts": charts(bericht),
        "befragungen": _befragungen(bericht),
        "befragung_zeilen": _befragung_zeilen(bericht),
    }


def render_inhalt(bericht, fassung=None):
    """The report's article as HTML, as the print view shows it; `fassung` (title and occasion
    of a saved version) goes on the cover."""
    context = {**inhalt_context(bericht), "fassung": fassung}
    return render_to_string("cockpit/_bericht_inhalt.html", context)


def csv_rows(tabellen):
    """Long format: one row per figure (section, row, figure name, value)."""
    for tabelle in tabellen:
        for zeile in tabelle.zeilen:
            for kopf, wert in zip(tabelle.kopf[1:], zeile[1:], strict=True):
                yield [tabelle.titel, zeile[0], kopf, wert]


def workbook(tabellen):
    """One sheet per table: its head, then its rows."""
    return xlsx_export.workbook((t.titel, [t.kopf, *t.zeilen]) for t in tabellen)
