"""Demo figures and daily work: Kennzahlen 2019–2024, ~200 Aktivitäten, Bedarfe and Maßnahmen.

Everything here is invented but plausible, and labelled as demo data where people see it.
A fixed random seed keeps the demo the same on every machine.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from ..models import (
    Aktivitaet,
    Bedarf,
    Handlungsfeld,
    Kennzahl,
    Massnahme,
    Merkmal,
    Quartier,
    Zielgruppe,
)

DEMO_QUELLE = "Demo-Zahlen (erfunden, keine amtliche Statistik)"
DEMO_TAG = "(Demo-Eintrag)"
KENNZAHL_JAHRE = range(2019, 2025)
AKTIVITAETEN = 200

# Quartier slug -> (population 2019, yearly growth, share non-German %, transfer rate %).
PROFILE = {
    "alte-mitte": (4200, 0.004, 24.0, 15.5),
    "stadtpark-viertel": (3600, 0.003, 16.0, 8.5),
    "alt-langenhagen": (5200, 0.002, 14.0, 7.0),
    "brink": (4100, 0.001, 12.0, 6.5),
    "langenforth-ada-lessing-platz": (4600, 0.003, 19.0, 11.0),
    "wiesenau": (3900, 0.002, 29.0, 18.5),
    "engelbostel": (2300, 0.001, 6.0, 3.5),
    "godshorn": (5900, 0.004, 10.0, 5.5),
    "kaltenweide-weiherfeld": (6400, 0.021, 8.0, 4.0),
    "kaltenweide-ort": (3500, 0.006, 5.0, 3.0),
    "kraehenwinkel": (2600, 0.002, 5.5, 3.0),
    "schulenburg": (1100, -0.004, 4.5, 2.5),
}

# Typology -> shares of 0–17, 18–64, 65+, 80+ (of the population) and 65+ living alone.
ALTERSSTRUKTUR = {
    "urban": (0.16, 0.61, 0.23, 0.075, 0.095),
    "suburban": (0.20, 0.60, 0.20, 0.060, 0.070),
    "doerflich": (0.17, 0.58, 0.25, 0.085, 0.080),
}

HF_DEMOGRAFIE = "Demografischer Wandel"
HF_INTEGRATION = "Integration"
HF_INKLUSION = "Inklusion"
HF_TEILHABE = "Soziale Teilhabe"
ZG_AELTERE = "Ältere/vereinsamte Menschen"
ZG_ZUGEWANDERTE = "Zugewanderte"
ZG_ENGAGIERTE = "Engagierte Bürger:innen"
ZG_FAMILIEN = "Familien"
ZG_JUGEND = "Kinder und Jugendliche"
ZG_BEHINDERUNG = "Menschen mit Behinderung"

# (kind, short description, Handlungsfelder, Zielgruppen, participants range, hours range)
VORLAGEN = [
    (
        "treffen",
        "Nachbarschaftscafé im Quartierstreff",
        [HF_TEILHABE, HF_DEMOGRAFIE],
        [ZG_AELTERE],
        (8, 25),
        (2, 3),
    ),
    (
        "treffen",
        "Sprachcafé mit Ehrenamtlichen",
        [HF_INTEGRATION],
        [ZG_ZUGEWANDERTE, ZG_ENGAGIERTE],
        (6, 18),
        (2, 3),
    ),
    (
        "treffen",
        "Frühstück für Alleinlebende ab 65",
        [HF_DEMOGRAFIE, HF_TEILHABE],
        [ZG_AELTERE],
        (10, 22),
        (3, 4),
    ),
    (
        "treffen",
        "Planungstreffen für das Stadtteilfest",
        [HF_TEILHABE],
        [ZG_ENGAGIERTE],
        (5, 12),
        (1.5, 2.5),
    ),
    (
        "beratung",
        "Sprechstunde: Fragen zu Anträgen und Wohngeld",
        [HF_TEILHABE, HF_INTEGRATION],
        [ZG_ZUGEWANDERTE, ZG_FAMILIEN],
        (3, 9),
        (2, 3),
    ),
    (
        "beratung",
        "Beratung einer Initiative zu Fördermitteln",
        [HF_TEILHABE],
        [ZG_ENGAGIERTE],
        (2, 5),
        (1, 2),
    ),
    (
        "beratung",
        "Hausbesuch bei einer vereinsamten Seniorin vermittelt",
        [HF_DEMOGRAFIE],
        [ZG_AELTERE],
        (1, 2),
        (1, 2),
    ),
    (
        "aktion",
        "Spielenachmittag für Familien",
        [HF_TEILHABE, HF_INTEGRATION],
        [ZG_FAMILIEN, ZG_JUGEND],
        (15, 45),
        (3, 5),
    ),
    (
        "aktion",
        "Spaziergang „Barrieren im Quartier“ mit Rollstuhl und Rollator",
        [HF_INKLUSION, HF_DEMOGRAFIE],
        [ZG_BEHINDERUNG, ZG_AELTERE],
        (6, 15),
        (2, 3),
    ),
    (
        "aktion",
        "Stadtteilfest mit Vereinen und Kirchengemeinde",
        [HF_TEILHABE, HF_INTEGRATION],
        [ZG_FAMILIEN, ZG_ENGAGIERTE, ZG_ZUGEWANDERTE],
        (80, 250),
        (6, 9),
    ),
    (
        "aktion",
        "Aktion „Sauberes Quartier“",
        [HF_TEILHABE],
        [ZG_ENGAGIERTE, ZG_JUGEND],
        (12, 35),
        (3, 4),
    ),
    (
        "netzwerkarbeit",
        "Runden Tisch vorbereitet und moderiert",
        [HF_TEILHABE],
        [ZG_ENGAGIERTE],
        (8, 20),
        (3, 5),
    ),
    (
        "netzwerkarbeit",
        "Austausch mit Schule, Kita und Familienzentrum",
        [HF_INTEGRATION, HF_TEILHABE],
        [ZG_FAMILIEN, ZG_JUGEND],
        (4, 8),
        (1.5, 2.5),
    ),
    (
        "netzwerkarbeit",
        "Netzwerktreffen Senior:innen",
        [HF_DEMOGRAFIE],
        [ZG_AELTERE],
        (6, 14),
        (2, 3),
    ),
    (
        "netzwerkarbeit",
        "Abstimmung mit dem Sozialdienst zu Nachbarschaftshilfe",
        [HF_DEMOGRAFIE, HF_INKLUSION],
        [ZG_AELTERE, ZG_BEHINDERUNG],
        (2, 4),
        (1, 2),
    ),
    (
        "oeffentlichkeitsarbeit",
        "Aushang und Flyer in vier Sprachen verteilt",
        [HF_INTEGRATION],
        [ZG_ZUGEWANDERTE],
        (None, None),
        (1, 3),
    ),
    (
        "oeffentlichkeitsarbeit",
        "Infostand auf dem Wochenmarkt",
        [HF_TEILHABE],
        [ZG_ENGAGIERTE, ZG_AELTERE],
        (20, 60),
        (3, 4),
    ),
    (
        "oeffentlichkeitsarbeit",
        "Beitrag für den Stadtteil-Newsletter in Leichter Sprache",
        [HF_INKLUSION],
        [ZG_BEHINDERUNG, ZG_AELTERE],
        (None, None),
        (1, 2),
    ),
    (
        "sonstiges",
        "Begehung mit der Stadtplanung",
        [HF_DEMOGRAFIE, HF_INKLUSION],
        [ZG_AELTERE, ZG_BEHINDERUNG],
        (3, 6),
        (1.5, 2.5),
    ),
]

ERGEBNISSE = [
    "Gut besucht; nächster Termin ist vereinbart.",
    "Zwei neue Ehrenamtliche gewonnen.",
    "Bedarf an Fahrdiensten für Ältere wurde deutlich.",
    "Kontakt zur Kirchengemeinde vertieft; gemeinsame Aktion geplant.",
    "Weniger Beteiligung als erhofft; Uhrzeit ändern.",
    "",
]

BEDARFE = [
    (
        "wiesenau",
        "Treffpunkt für Ältere am Nachmittag fehlt",
        "buergertreffen",
        HF_DEMOGRAFIE,
        [ZG_AELTERE],
        1,
        "offen",
    ),
    (
        "wiesenau",
        "Deutschkurs mit Kinderbetreuung",
        "koordination",
        HF_INTEGRATION,
        [ZG_ZUGEWANDERTE, ZG_FAMILIEN],
        1,
        "in_bearbeitung",
    ),
    (
        "alte-mitte",
        "Sichere Wege für Rollator und Rollstuhl an der Walsroder Straße",
        "befragung",
        HF_INKLUSION,
        [ZG_BEHINDERUNG, ZG_AELTERE],
        2,
        "offen",
    ),
    (
        "alte-mitte",
        "Anlaufstelle für Nachbarschaftshilfe",
        "gremium",
        HF_TEILHABE,
        [ZG_ENGAGIERTE, ZG_AELTERE],
        2,
        "in_bearbeitung",
    ),
    (
        "godshorn",
        "Raum für Begegnung aller Generationen",
        "buergertreffen",
        HF_TEILHABE,
        [ZG_FAMILIEN, ZG_AELTERE],
        1,
        "offen",
    ),
    (
        "kaltenweide-weiherfeld",
        "Angebote für Jugendliche am Abend",
        "befragung",
        HF_TEILHABE,
        [ZG_JUGEND],
        2,
        "offen",
    ),
    (
        "schulenburg",
        "Einkaufsmöglichkeit und Fahrdienst für Ältere",
        "koordination",
        HF_DEMOGRAFIE,
        [ZG_AELTERE],
        2,
        "offen",
    ),
    (
        "langenforth-ada-lessing-platz",
        "Beteiligung am Umbau des Ada-Lessing-Platzes",
        "buergertreffen",
        HF_TEILHABE,
        [ZG_ENGAGIERTE, ZG_FAMILIEN],
        3,
        "erledigt",
    ),
]

# (title, description, quartier slugs, Bedarf titles answered, status, public, start, end, budget)
MASSNAHMEN = [
    (
        "Nachmittagstreff „Kaffee und Klönen“",
        "Wöchentlicher Treff für Ältere im Quartierstreff.",
        ["wiesenau"],
        ["Treffpunkt für Ältere am Nachmittag fehlt"],
        "laufend",
        True,
        datetime.date(2024, 3, 1),
        None,
        Decimal("2400.00"),
    ),
    (
        "Sprachkurs mit Kinderbetreuung",
        "Kurs mit der Volkshochschule; Betreuung durch das Familienzentrum.",
        ["wiesenau"],
        ["Deutschkurs mit Kinderbetreuung"],
        "geplant",
        False,
        datetime.date(2025, 2, 1),
        datetime.date(2025, 12, 31),
        Decimal("6800.00"),
    ),
    (
        "Barriere-Check Alte Mitte",
        "Begehungen mit Betroffenen; Ergebnisse gehen an die Stadtplanung.",
        ["alte-mitte"],
        ["Sichere Wege für Rollator und Rollstuhl an der Walsroder Straße"],
        "laufend",
        True,
        datetime.date(2024, 5, 1),
        datetime.date(2025, 6, 30),
        None,
    ),
    (
        "Nachbarschaftshilfe „Gute Nachbarschaft“",
        "Vermittlung kleiner Hilfen zwischen Nachbar:innen.",
        ["alte-mitte", "stadtpark-viertel"],
        ["Anlaufstelle für Nachbarschaftshilfe"],
        "laufend",
        True,
        datetime.date(2023, 9, 1),
        None,
        Decimal("3500.00"),
    ),
    (
        "Beteiligung Ada-Lessing-Platz",
        "Werkstätten und Umfrage zur Platzgestaltung.",
        ["langenforth-ada-lessing-platz"],
        ["Beteiligung am Umbau des Ada-Lessing-Platzes"],
        "abgeschlossen",
        True,
        datetime.date(2023, 4, 1),
        datetime.date(2024, 3, 31),
        Decimal("12000.00"),
    ),
]


def seed_taxonomien():
    """The standard entries of migration 0003, again: test databases may have been flushed."""
    for position, name in enumerate([HF_DEMOGRAFIE, HF_INTEGRATION, HF_INKLUSION, HF_TEILHABE], 1):
        Handlungsfeld.objects.get_or_create(name=name, defaults={"position": position * 10})
    zielgruppen = [
        ZG_AELTERE,
        ZG_ZUGEWANDERTE,
        ZG_ENGAGIERTE,
        ZG_FAMILIEN,
        ZG_JUGEND,
        ZG_BEHINDERUNG,
    ]
    for position, name in enumerate(zielgruppen, 1):
        Zielgruppe.objects.get_or_create(name=name, defaults={"position": position * 10})


def seed_kennzahlen():
    """Plausible figures for 2019–2024 per Quartier; `quelle` marks them as demo figures."""
    rows = []
    rng = random.Random(2019)  # noqa: S311 - reproducible demo figures, not security
    for quartier in Quartier.objects.filter(slug__in=PROFILE):
        basis, wachstum, nichtdeutsch, transfer = PROFILE[quartier.slug]
        jung, mittel, alt, hochbetagt, allein = ALTERSSTRUKTUR[quartier.typologie]
        for offset, jahr in enumerate(KENNZAHL_JAHRE):
            einwohner = round(basis * (1 + wachstum) ** offset)
            ageing = 1 + 0.01 * offset
            werte = {
                Merkmal.EINWOHNER: einwohner,
                Merkmal.ALTER_0_17: round(einwohner * jung),
                Merkmal.ALTER_18_64: round(einwohner * (mittel - 0.002 * offset)),
                Merkmal.ALTER_65_PLUS: round(einwohner * alt * ageing),
                Merkmal.ALTER_80_PLUS: round(einwohner * hochbetagt * ageing * ageing),
                Merkmal.EINPERSONEN_65_PLUS: round(einwohner * allein * ageing),
                Merkmal.ANTEIL_NICHTDEUTSCH: round(
                    nichtdeutsch + 0.4 * offset + rng.uniform(-0.3, 0.3), 1
                ),
                Merkmal.TRANSFERQUOTE: round(transfer + rng.uniform(-0.4, 0.4), 1),
            }
            rows.extend(
                Kennzahl(
                    quartier=quartier,
                    merkmal=merkmal,
                    jahr=jahr,
                    wert=Decimal(str(wert)),
                    quelle=DEMO_QUELLE,
                )
                for merkmal, wert in werte.items()
            )
    Kennzahl.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["quartier", "merkmal", "jahr"],
        update_fields=["wert", "quelle", "updated_at"],
    )
    return len(rows)


def _authors(koordinationen, quartier, datum, fallback):
    for k in koordinationen.get(quartier.pk, []):
        if k.von <= datum and (k.bis is None or datum <= k.bis):
            return k.user
    return fallback


def seed_aktivitaeten(*, fachstelle, today=None):
    """~200 activities from January 2024 until yesterday; skipped when the demo already has them."""
    if Aktivitaet.objects.filter(ergebnis__contains=DEMO_TAG).exists():
        return 0
    today = today or timezone.localdate()
    start = datetime.date(2024, 1, 2)
    span = (today - start).days
    rng = random.Random(2024)  # noqa: S311 - reproducible demo data, not security
    handlungsfelder = {h.name: h for h in Handlungsfeld.objects.all()}
    zielgruppen = {z.name: z for z in Zielgruppe.objects.all()}
    quartiere = list(Quartier.objects.filter(slug__in=PROFILE).order_by("slug"))
    # Coordinated Quartiere are where most of the work happens.
    weights = [6 if q.koordinationen.exists() else 1 for q in quartiere]
    koordinationen = {}
    for quartier in quartiere:
        koordinationen[quartier.pk] = list(quartier.koordinationen.select_related("user"))
    created = []
    links = []
    for _ in range(AKTIVITAETEN):
        quartier = rng.choices(quartiere, weights)[0]
        datum = start + datetime.timedelta(days=rng.randrange(max(span, 1)))
        art, text, hf, zg, (tmin, tmax), (hmin, hmax) = rng.choice(VORLAGEN)
        aktivitaet = Aktivitaet(
            datum=datum,
            quartier=quartier,
            autor=_authors(koordinationen, quartier, datum, fachstelle),
            art=art,
            kurzbeschreibung=text,
            teilnehmende=rng.randint(tmin, tmax) if tmin else None,
            stunden=Decimal(str(round(rng.uniform(hmin, hmax) * 2) / 2)),
            ergebnis=f"{rng.choice(ERGEBNISSE)} {DEMO_TAG}".strip(),
        )
        created.append(aktivitaet)
        links.append(([handlungsfelder[n] for n in hf], [zielgruppen[n] for n in zg]))
    Aktivitaet.objects.bulk_create(created)
    hf_through = Aktivitaet.handlungsfelder.through
    zg_through = Aktivitaet.zielgruppen.through
    hf_through.objects.bulk_create(
        hf_through(aktivitaet=a, handlungsfeld=h)
        for a, (hfs, _) in zip(created, links, strict=True)
        for h in hfs
    )
    zg_through.objects.bulk_create(
        zg_through(aktivitaet=a, zielgruppe=z)
        for a, (_, zgs) in zip(created, links, strict=True)
        for z in zgs
    )
    return len(created)


def seed_planung(*, erfasst_von):
    """A few Bedarfe and the Maßnahmen answering them; matched by title, so safe to repeat."""
    quartiere = {q.slug: q for q in Quartier.objects.all()}
    handlungsfelder = {h.name: h for h in Handlungsfeld.objects.all()}
    zielgruppen = {z.name: z for z in Zielgruppe.objects.all()}
    bedarfe = {}
    for slug, titel, quelle, hf, zg, prioritaet, status in BEDARFE:
        bedarf, _ = Bedarf.objects.update_or_create(
            quartier=quartiere[slug],
            titel=titel,
            defaults={
                "beschreibung": f"{titel}. {DEMO_TAG}",
                "quelle": quelle,
                "handlungsfeld": handlungsfelder[hf],
                "prioritaet": prioritaet,
                "status": status,
                "erkannt_am": datetime.date(2024, 2, 15),
                "erfasst_von": erfasst_von,
            },
        )
        bedarf.zielgruppen.set([zielgruppen[n] for n in zg])
        bedarfe[titel] = bedarf
    for titel, text, slugs, bedarf_titel, status, public, beginn, ende, budget in MASSNAHMEN:
        massnahme, _ = Massnahme.objects.update_or_create(
            titel=titel,
            defaults={
                "beschreibung": f"{text} {DEMO_TAG}",
                "verantwortlich": "Fachstelle GWA (Demo)",
                "status": status,
                "oeffentlich": public,
                "beginn": beginn,
                "ende": ende,
                "budget": budget,
            },
        )
        massnahme.quartiere.set([quartiere[s] for s in slugs])
        massnahme.bedarfe.set([bedarfe[t] for t in bedarf_titel])
    return len(BEDARFE), len(MASSNAHMEN)
