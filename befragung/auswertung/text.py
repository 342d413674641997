"""The key figures of one question as plain German text."""

from django.utils.translation import gettext as _

from ..models.texte import text_in


def kennzahlen_text(ergebnis, frage_ergebnis):
    """The key figures of one question as plain German text (for a Bedarf's description)."""
    frage = frage_ergebnis.frage
    lines = [
        _("Befragung „%(befragung)s“, Frage %(nr)s: %(frage)s")
        % {
            "befragung": ergebnis.befragung,
            "nr": frage.position,
            "frage": text_in(frage.text, "de"),
        },
        _("Rückmeldungen insgesamt: %(n)s") % {"n": ergebnis.gesamt_zelle.n},
    ]
    unterdrueckt = _("< %(n)s") % {"n": ergebnis.mindestgruppe}
    if frage_ergebnis.texte is not None:
        n = unterdrueckt if frage_ergebnis.texte.unterdrueckt else frage_ergebnis.texte.n
        lines.append(_("Freitext-Antworten: %(n)s") % {"n": n})
    if frage_ergebnis.kennzahlen:
        k = frage_ergebnis.kennzahlen
        if k.get("unterdrueckt"):
            lines.append(_("Antworten: %(n)s") % {"n": unterdrueckt})
        else:
            lines.append(
                _("Antworten: %(n)s, Mittelwert %(m)s, Median %(md)s")
                % {"n": k["n"], "m": k["mittelwert"], "md": k["median"]}
            )
    for tabelle in frage_ergebnis.tabellen:
        basis = tabelle.basis[0]
        prefix = f"{tabelle.titel}: " if tabelle.titel else ""
        lines.append(
            prefix
            + _("Basis: %(n)s Befragte") % {"n": unterdrueckt if basis.unterdrueckt else basis.n}
        )
        for kategorie in tabelle.kategorien:
            zelle = kategorie.zellen[0]
            value = (
                unterdrueckt
                if zelle.unterdrueckt
                else f"{zelle.n} ({str(zelle.prozent).replace('.', ',')} %)"
            )
            lines.append(f"– {kategorie.label}: {value}")
        if tabelle.mittelwerte and tabelle.mittelwerte[0] is not None:
            lines.append(
                _("Mittelwert: %(m)s") % {"m": str(tabelle.mittelwerte[0]).replace(".", ",")}
            )
    return "\n".join(lines)
