"""The report as tables, one per section: the same figures as the HTML, for CSV and XLSX."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .befragungen import unterdrueckt_text, weniger_als_text


@dataclass
class Tabelle:
    titel: str  # also the XLSX sheet name (at most 31 characters)
    kopf: list
    zeilen: list


def quartiere_text(quartiere):
    """The chosen Quartiere as one line of text (none chosen: all)."""
    return ", ".join(q.name for q in quartiere) or _("alle Quartiere")


def tabellen(bericht):
    """Every section as one table: the same figures as the HTML, for CSV and XLSX."""
    summe_kopf = [_("Anzahl"), _("Teilnehmende"), _("Stunden")]

    def summen(titel, erste, zeilen):
        return Tabelle(
            titel,
            [erste, *summe_kopf],
            [[z.label, z.anzahl, z.teilnehmende, z.stunden] for z in zeilen],
        )

    quartiere = quartiere_text(bericht.quartiere)
    akt = bericht.aktivitaeten
    result = [
        Tabelle(
            _("Bericht"),
            [_("Angabe"), _("Wert")],
            [
                [_("Zeitraum von"), bericht.von],
                [_("Zeitraum bis"), bericht.bis],
                [_("Quartiere"), quartiere],
                [_("erstellt am"), bericht.erstellt_am],
            ],
        ),
        summen(_("Aktivitäten"), _("Aktivitäten"), [akt.gesamt]),
        summen(_("Nach Handlungsfeld"), _("Handlungsfeld"), akt.handlungsfelder),
        summen(_("Nach Zielgruppe"), _("Zielgruppe"), akt.zielgruppen),
        summen(_("Nach Art"), _("Art"), akt.arten),
        Tabelle(
            _("Sitzungen"),
            [
                _("Gremienart"),
                _("Sitzungen"),
                _("Teilnahmen"),
                _("Teilnahmen je Sitzung"),
                _("abgesagt"),
            ],
            [
                [z.label, z.sitzungen, z.teilnahmen, z.durchschnitt, z.abgesagt]
                for z in [*bericht.sitzungen.nach_art, bericht.sitzungen.gesamt]
            ],
        ),
        Tabelle(
            _("Fortbildungen"),
            [
                _("Fortbildung"),
                _("Termine im Zeitraum"),
                _("Teilgenommen"),
                _("Stunden je Teilnahme"),
                _("Stunden"),
            ],
            [
                *[
                    [z.thema, z.termine, z.teilnehmende, z.stunden_je_teilnahme, z.stunden]
                    for z in bericht.fortbildungen.zeilen
                ],
                [
                    _("Alle Fortbildungen"),
                    None,
                    bericht.fortbildungen.teilnehmende,
                    None,
                    bericht.fortbildungen.stunden,
                ],
            ],
        ),
    ]
    befragung_zeilen = []
    for b in bericht.befragungen:
        gesamt = weniger_als_text(b.mindestgruppe) if b.unterdrueckt else b.rueckmeldungen
        befragung_zeilen.append([b.titel, _("Rückmeldungen (ganze Befragung)"), "", gesamt, None])
        for frage in b.fragen:
            basis = frage.tabelle.basis[0]
            for kategorie in frage.tabelle.kategorien:
                zelle = kategorie.zellen[0]
                if zelle.unterdrueckt:
                    n, prozent = unterdrueckt_text(), None
                else:
                    n, prozent = zelle.n, zelle.prozent
                befragung_zeilen.append([b.titel, frage.text, kategorie.label, n, prozent])
            n = weniger_als_text(b.mindestgruppe) if basis.unterdrueckt else basis.n
            befragung_zeilen.append([b.titel, frage.text, _("Antwortende"), n, None])
    result.append(
        Tabelle(
            _("Befragungen"),
            [_("Befragung"), _("Frage"), _("Antwort"), _("Anzahl"), _("Prozent")],
            befragung_zeilen,
        )
    )
    result.append(
        Tabelle(
            _("Maßnahmen"),
            [_("Status"), _("Anzahl"), _("laufende Maßnahme"), _("Quartiere")],
            [
                *[[label, n, "", ""] for label, n in bericht.massnahmen.nach_status],
                *[
                    [_("laufend"), None, m.titel, ", ".join(q.name for q in m.quartiere.all())]
                    for m in bericht.massnahmen.laufende
                ],
            ],
        )
    )
    return result
