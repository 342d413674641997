"""Sachstandsbericht: the committee report's figures for a period and all or some Quartiere.

`sachstandsbericht()` returns plain dataclasses; the HTML view, the CSV and the XLSX export
all read the same structure (`tabellen()` flattens it). Every figure is aggregated in SQL, and
the whole report takes the same number of queries however much data there is.

Definitions (the report prints them too):

- **Period**: `von` to `bis`, both days included. Aktivitäten by their date, Termine by their
  start (Europe/Berlin), Rückmeldungen by the day they were submitted.
- **Quartier filter**: with no Quartiere chosen, everything counts, citywide items included.
  With a choice, only items of those Quartiere count: Aktivitäten by their Quartier, Termine by
  their own Quartier or their Gremium's (as `Termin.for_quartier`), Fortbildungen by the
  Quartier of a Termin in the period, Befragungen that cover one of them, Maßnahmen of one of
  them. Citywide items (a Gremium without Quartier, a Termin or Fortbildung without one, a
  survey for the whole city) are then left out, because they cannot be assigned to a Quartier.
- **Sitzung (meeting held)**: a Termin that is neither a Fortbildung nor a Supervision
  Termin, starts in the period and is „stattgefunden“, or still „geplant“ but ended before
  `today` (nobody updated the status). Cancelled Termine are counted separately.
- **Fortbildung**: one with at least one non-cancelled Termin in the period. Participants are
  its Anmeldungen with status „teilgenommen“; hours = the Fortbildung's hours × participants.
  A Fortbildung with Termine in two periods counts in both.
- **Befragung**: not a draft, and its own period (open ends allowed) overlaps the report's.
  Only Rückmeldungen submitted in the period count. Results for up to 3 single-choice or yes/no
  questions, with the suppression of `befragung.auswertung` (minimum group size).
- **Maßnahme**: of one of the Quartiere, and its period overlaps the report's (no dates: it
  counts). The status is the one at the time of generation; the report says so.

Aktivitäten with several Handlungsfelder (or Zielgruppen) count in each of them, so those rows
may add up to more than the total.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from befragung import auswertung
from befragung.models import Antwort, Befragung, Frage, Rueckmeldung
from befragung.models.texte import text_in
from netzwerk.models import Anmeldung, Fortbildung, Gremium, Termin
from quartiere.models import Aktivitaet, Handlungsfeld, Massnahme, Quartier, Zielgruppe

MAX_JAHRE = 5
BEFRAGUNG_FRAGEN = 3
OHNE_GREMIUM = "ohne_gremium"


@dataclass
class Summe:
    label: str
    anzahl: int = 0
    teilnehmende: int = 0
    stunden: Decimal = Decimal(0)


@dataclass
class Aktivitaeten:
    gesamt: Summe
    handlungsfelder: list  # Summe per Handlungsfeld
    zielgruppen: list
    arten: list


@dataclass
class SitzungZeile:
    label: str
    sitzungen: int = 0
    teilnahmen: int = 0
    abgesagt: int = 0

    @property
    def durchschnitt(self):
        return round(Decimal(self.teilnahmen) / self.sitzungen, 1) if self.sitzungen else None


@dataclass
class Sitzungen:
    gesamt: SitzungZeile
    nach_art: list  # SitzungZeile per Gremium art (and one for Termine without Gremium)


@dataclass
class FortbildungZeile:
    thema: str
    termine: int
    teilnehmende: int
    stunden_je_teilnahme: Decimal
    url: str = ""

    @property
    def stunden(self):
        return self.stunden_je_teilnahme * self.teilnehmende


@dataclass
class Fortbildungen:
    zeilen: list
    teilnehmende: int = 0
    stunden: Decimal = Decimal(0)


@dataclass
class FrageErgebnis:
    text: str
    tabelle: object  # befragung.auswertung.Tabelle, suppression applied


@dataclass
class BefragungErgebnis:
    befragung: Befragung
    titel: str
    rueckmeldungen: int
    mindestgruppe: int
    stadtweit: bool
    unterdrueckt: bool = False  # fewer Rückmeldungen than the minimum group size
    fragen: list = field(default_factory=list)


@dataclass
class Massnahmen:
    nach_status: list  # (label, anzahl)
    laufende: list  # Massnahme with quartiere prefetched

    @property
    def gesamt(self):
        return sum(n for _label, n in self.nach_status)


@dataclass
class Bericht:
    von: datetime.date
    bis: datetime.date
    quartiere: list  # the chosen Quartiere; empty: all
    erstellt_am: datetime.date
    aktivitaeten: Aktivitaeten
    sitzungen: Sitzungen
    fortbildungen: Fortbildungen
    befragungen: list
    massnahmen: Massnahmen

    @property
    def alle_quartiere(self):
        return not self.quartiere


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def sachstandsbericht(*, von, bis, quartiere, today=None):
    """The report for `von`..`bis` (inclusive) and `quartiere` (empty: all, citywide included).

    `today` only decides whether a Termin still „geplant“ lies in the past; pass it to get the
    same numbers on another day (the view passes the current date)."""
    today = today or timezone.localdate()
    quartiere = sorted(quartiere, key=lambda q: q.name)
    return Bericht(
        von=von,
        bis=bis,
        quartiere=quartiere,
        erstellt_am=today,
        aktivitaeten=_aktivitaeten(von, bis, quartiere),
        sitzungen=_sitzungen(von, bis, quartiere, today),
        fortbildungen=_fortbildungen(von, bis, quartiere),
        befragungen=_befragungen(von, bis, quartiere),
        massnahmen=_massnahmen(von, bis, quartiere),
    )


# --- Aktivitäten: 4 queries ---


def _summe(label, row, prefix=""):
    return Summe(
        label=label,
        anzahl=row[f"{prefix}anzahl"] or 0,
        teilnehmende=row[f"{prefix}teilnehmende"] or 0,
        stunden=row[f"{prefix}stunden"] or Decimal(0),
    )


def _per_taxonomy(model, von, bis, quartiere):
    """One row per entry of a taxonomy (inactive ones only when they have activities)."""
    cond = Q(aktivitaeten__datum__gte=von, aktivitaeten__datum__lte=bis)
    if quartiere:
        cond &= Q(aktivitaeten__quartier__in=quartiere)
    rows = model.objects.order_by("position", "name").annotate(
        anzahl=Count("aktivitaeten", filter=cond),
        teilnehmende=Sum("aktivitaeten__teilnehmende", filter=cond),
        stunden=Sum("aktivitaeten__stunden", filter=cond),
    )
    return [_summe(row.name, vars(row)) for row in rows if row.aktiv or row.anzahl]


def _aktivitaeten(von, bis, quartiere):
    qs = Aktivitaet.objects.in_period(von, bis)
    if quartiere:
        qs = qs.filter(quartier__in=quartiere)
    gesamt = _summe(_("Alle Aktivitäten"), qs.totals())
    arten = {
        row["art"]: row
        for row in qs.order_by()
        .values("art")
        .annotate(anzahl=Count("id"), teilnehmende=Sum("teilnehmende"), stunden=Sum("stunden"))
    }
    empty = {"anzahl": 0, "teilnehmende": 0, "stunden": None}
    return Aktivitaeten(
        gesamt=gesamt,
        handlungsfelder=_per_taxonomy(Handlungsfeld, von, bis, quartiere),
        zielgruppen=_per_taxonomy(Zielgruppe, von, bis, quartiere),
        arten=[_summe(label, arten.get(art, empty)) for art, label in Aktivitaet.Art.choices],
    )


# --- Sitzungen: 1 query ---


def _termine_im_zeitraum(von, bis):
    return Termin.objects.filter(
        beginn__gte=_day_start(von), beginn__lt=_day_start(bis + datetime.timedelta(days=1))
    )


def _sitzungen(von, bis, quartiere, today):
    qs = _termine_im_zeitraum(von, bis).filter(fortbildung__isnull=True, supervision__isnull=True)
    if quartiere:
        qs = qs.filter(Q(quartier__in=quartiere) | Q(gremium__quartier__in=quartiere))
    status = Termin.Status
    held = Q(status=status.STATTGEFUNDEN) | Q(status=status.GEPLANT, ende__lt=_day_start(today))
    rows = {
        row["gremium__art"] or OHNE_GREMIUM: row
        for row in qs.order_by()
        .values("gremium__art")
        .annotate(
            sitzungen=Count("id", filter=held, distinct=True),
            teilnahmen=Count("teilnahmen", filter=held),
            abgesagt=Count("id", filter=Q(status=status.ABGESAGT), distinct=True),
        )
    }
    labels = [*Gremium.Art.choices, (OHNE_GREMIUM, _("Termine ohne Gremium"))]
    nach_art = []
    for key, label in labels:
        row = rows.get(key, {})
        nach_art.append(
            SitzungZeile(
                label=label,
                sitzungen=row.get("sitzungen", 0),
                teilnahmen=row.get("teilnahmen", 0),
                abgesagt=row.get("abgesagt", 0),
            )
        )
    gesamt = SitzungZeile(
        label=_("Alle Sitzungen"),
        sitzungen=sum(z.sitzungen for z in nach_art),
        teilnahmen=sum(z.teilnahmen for z in nach_art),
        abgesagt=sum(z.abgesagt for z in nach_art),
    )
    return Sitzungen(gesamt=gesamt, nach_art=nach_art)


# --- Fortbildungen: 1 query ---


def _fortbildungen(von, bis, quartiere):
    termine = _termine_im_zeitraum(von, bis).exclude(status=Termin.Status.ABGESAGT)
    if quartiere:
        termine = termine.filter(quartier__in=quartiere)
    im_zeitraum = Q(
        termine__in=termine.values("pk"),
    )
    rows = (
        Fortbildung.objects.filter(pk__in=termine.values("fortbildung_id"))
        .annotate(
            termine_im_zeitraum=Count("termine", filter=im_zeitraum, distinct=True),
            teilgenommen=Count(
                "anmeldungen",
                filter=Q(anmeldungen__status=Anmeldung.Status.TEILGENOMMEN),
                distinct=True,
            ),
        )
        .order_by("thema", "pk")
    )
    zeilen = [
        FortbildungZeile(
            thema=f.thema,
            termine=f.termine_im_zeitraum,
            teilnehmende=f.teilgenommen,
            stunden_je_teilnahme=f.stunden,
            url=f.get_absolute_url(),
        )
        for f in rows
    ]
    return Fortbildungen(
        zeilen=zeilen,
        teilnehmende=sum(z.teilnehmende for z in zeilen),
        stunden=sum((z.stunden for z in zeilen), Decimal(0)),
    )


# --- Befragungen: 5 queries ---


def _befragungen(von, bis, quartiere):
    fragen = Frage.objects.filter(typ__in=auswertung.KREUZ_TYPEN).order_by("position")
    qs = (
        Befragung.objects.exclude(status=Befragung.Status.ENTWURF)
        .filter(
            Q(beginn__isnull=True) | Q(beginn__lte=bis), Q(ende__isnull=True) | Q(ende__gte=von)
        )
        .annotate(quartier_count=Count("quartiere", distinct=True))
        .prefetch_related(Prefetch("fragen", queryset=fragen, to_attr="kreuz_fragen"))
        .prefetch_related("kreuz_fragen__optionen")
        .order_by("beginn", "pk")
    )
    if quartiere:
        qs = qs.filter(
            pk__in=Befragung.quartiere.through.objects.filter(quartier__in=quartiere).values(
                "befragung_id"
            )
        )
    befragungen = list(qs)
    if not befragungen:
        return []
    chosen = {b.pk: b.kreuz_fragen[:BEFRAGUNG_FRAGEN] for b in befragungen}
    frage_ids = [f.pk for fs in chosen.values() for f in fs]
    rueckmeldungen = Rueckmeldung.objects.filter(eingereicht_am__gte=von, eingereicht_am__lte=bis)
    totals = dict(
        rueckmeldungen.filter(befragung__in=befragungen)
        .order_by()
        .values("befragung_id")
        .annotate(n=Count("id"))
        .values_list("befragung_id", "n")
    )
    antworten = Antwort.objects.filter(frage_id__in=frage_ids, rueckmeldung__in=rueckmeldungen)
    basis = dict(
        antworten.order_by()
        .values("frage_id")
        .annotate(n=Count("rueckmeldung_id", distinct=True))
        .values_list("frage_id", "n")
    )
    optionen = {
        (row["frage_id"], row["option_id"]): row["n"]
        for row in antworten.order_by().values("frage_id", "option_id").annotate(n=Count("id"))
    }
    ergebnisse = []
    for befragung in befragungen:
        mindest = befragung.mindestgruppe
        ergebnis = BefragungErgebnis(
            befragung=befragung,
            titel=text_in(befragung.titel, "de"),
            rueckmeldungen=totals.get(befragung.pk, 0),
            mindestgruppe=mindest,
            stadtweit=befragung.quartier_count == 0,
        )
        # As auswerten(): below the minimum group size nothing is broken down.
        ergebnis.unterdrueckt = ergebnis.rueckmeldungen < mindest
        if not ergebnis.unterdrueckt:
            for frage in chosen[befragung.pk]:
                kategorien = [
                    (
                        o.pk,
                        o.t("text", "de"),
                        {auswertung.GESAMT: optionen.get((frage.pk, o.pk), 0)},
                    )
                    for o in frage.optionen.all()
                ]
                tabelle = auswertung.suppressed_table(
                    "",
                    {auswertung.GESAMT: basis.get(frage.pk, 0)},
                    kategorien,
                    [auswertung.GESAMT],
                    mindest,
                )
                ergebnis.fragen.append(FrageErgebnis(text_in(frage.text, "de"), tabelle))
        ergebnisse.append(ergebnis)
    return ergebnisse


# --- Maßnahmen: 3 queries ---


def _massnahmen(von, bis, quartiere):
    qs = Massnahme.objects.filter(
        Q(beginn__isnull=True) | Q(beginn__lte=bis), Q(ende__isnull=True) | Q(ende__gte=von)
    )
    if quartiere:
        qs = qs.filter(
            pk__in=Massnahme.quartiere.through.objects.filter(quartier__in=quartiere).values(
                "massnahme_id"
            )
        )
    counts = dict(qs.order_by().values("status").annotate(n=Count("id")).values_list("status", "n"))
    laufende = list(
        qs.filter(status=Massnahme.Status.LAUFEND)
        .prefetch_related(Prefetch("quartiere", queryset=Quartier.objects.order_by("name")))
        .order_by("titel", "pk")
    )
    return Massnahmen(
        nach_status=[(label, counts.get(key, 0)) for key, label in Massnahme.Status.choices],
        laufende=laufende,
    )


# --- Tables for the CSV and XLSX exports ---


@dataclass
class Tabelle:
    titel: str  # also the XLSX sheet name (at most 31 characters)
    kopf: list
    zeilen: list


def _unterdrueckt(mindest):
    return _("< %(n)s (unterdrückt)") % {"n": mindest}


def tabellen(bericht):
    """Every section as one table: the same figures as the HTML, for CSV and XLSX."""
    summe_kopf = [_("Anzahl"), _("Teilnehmende"), _("Stunden")]

    def summen(titel, erste, zeilen):
        return Tabelle(
            titel,
            [erste, *summe_kopf],
            [[z.label, z.anzahl, z.teilnehmende, z.stunden] for z in zeilen],
        )

    quartiere = ", ".join(q.name for q in bericht.quartiere) or _("alle Quartiere")
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
        gesamt = _unterdrueckt(b.mindestgruppe) if b.unterdrueckt else b.rueckmeldungen
        befragung_zeilen.append([b.titel, _("Rückmeldungen im Zeitraum"), "", gesamt, None])
        for frage in b.fragen:
            basis = frage.tabelle.basis[0]
            for kategorie in frage.tabelle.kategorien:
                zelle = kategorie.zellen[0]
                if zelle.unterdrueckt:
                    n, prozent = _unterdrueckt(b.mindestgruppe), None
                else:
                    n, prozent = zelle.n, zelle.prozent
                befragung_zeilen.append([b.titel, frage.text, kategorie.label, n, prozent])
            n = _unterdrueckt(b.mindestgruppe) if basis.unterdrueckt else basis.n
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
