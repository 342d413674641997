"""Demo Gremien with members, Termine (upcoming with invitations, past with attendance,
public ones), a Fortbildung and a Supervision group. All fictional and labelled as demo."""

import datetime
from decimal import Decimal

from django.utils import timezone

from quartiere.models import Handlungsfeld, Quartier

from .. import einladungen
from ..models import (
    Akteur,
    Anmeldung,
    Fortbildung,
    Gremium,
    Mitgliedschaft,
    Ort,
    Person,
    Supervision,
    Tagesordnungspunkt,
    Teilnahme,
    Termin,
)
from .verzeichnis import PERSON_NOTE

DEMO_NOTE = "Demo-Daten (fiktiv)."
MEMBERS_SINCE = datetime.date(2024, 1, 15)

# (name, slug, kind, Quartier slug or None for citywide, Handlungsfelder, member Akteure)
GREMIEN = [
    (
        "Runder Tisch Wiesenau",
        "runder-tisch-wiesenau",
        "runder_tisch",
        "wiesenau",
        ["Soziale Teilhabe", "Integration"],
        [
            "Stadtteiltreff Lindenhof",
            "Wohnen im Quartier e. V.",
            "Ev.-luth. Kirchengemeinde Am Lindenhof",
            "Familienzentrum Pusteblume",
            "Grundschule am Wiesengrund",
            "Mobile Jugendarbeit Straßenzeit",
            "Fachbereich Stadtentwicklung – Quartiersplanung",
        ],
    ),
    (
        "AG Senior:innen",
        "ag-seniorinnen",
        "ag",
        None,
        ["Demografischer Wandel", "Soziale Teilhabe"],
        [
            "Fachbereich Soziales – Seniorenservice",
            "Begegnungsstätte Lindenbaum",
            "Diakonisches Werk, Büro Nord",
            "Nachbarschaftshilfe Alt-Langenhagen",
            "Rotkreuz-Ortsgruppe Godshorn",
        ],
    ),
    (
        "Netzwerktreffen Alte Mitte",
        "netzwerktreffen-alte-mitte",
        "netzwerktreffen",
        "alte-mitte",
        ["Soziale Teilhabe", "Integration"],
        [
            "Ev.-luth. Kirchengemeinde Am Marktplatz",
            "Islamische Gemeinde Nord e. V.",
            "Begegnungsstätte Lindenbaum",
            "Beratungsstelle Lebenswege",
            "Mobile Jugendarbeit Straßenzeit",
        ],
    ),
    (
        "Arbeitskreis Integration",
        "arbeitskreis-integration",
        "arbeitskreis",
        None,
        ["Integration"],
        [
            "Fachbereich Bildung – Integrationsbüro",
            "Islamische Gemeinde Nord e. V.",
            "Freiwilligenbörse Nord e. V.",
            "Familienzentrum Pusteblume",
        ],
    ),
    (
        "Ressortübergreifendes Arbeitstreffen Quartiersentwicklung",
        "arbeitstreffen-quartiersentwicklung",
        "ressortuebergreifend",
        None,
        ["Soziale Teilhabe", "Inklusion"],
        [
            "Fachbereich Soziales – Seniorenservice",
            "Fachbereich Bildung – Integrationsbüro",
            "Fachbereich Stadtentwicklung – Quartiersplanung",
        ],
    ),
    (
        "Bürger:innentreffen Godshorn",
        "buergerinnentreffen-godshorn",
        "buergertreffen",
        "godshorn",
        ["Soziale Teilhabe"],
        [
            "Ev.-luth. Kirchengemeinde Zum Hirtenfeld",
            "Rotkreuz-Ortsgruppe Godshorn",
            "Jugendtreff Feldmark",
        ],
    ),
    (
        "Netzwerktreffen Kaltenweide",
        "netzwerktreffen-kaltenweide",
        "netzwerktreffen",
        "kaltenweide-weiherfeld",
        ["Demografischer Wandel"],
        ["Familienzentrum Weiherblick", "Freiwilligenbörse Nord e. V."],
    ),
]

# (name, street, Quartier slug, step-free, notes)
ORTE = [
    ("Stadtteiltreff Lindenhof", "Lindenhofweg 4", "wiesenau", True, "Eingang ebenerdig."),
    ("Gemeindehaus Am Marktplatz", "Marktplatz 3", "alte-mitte", True, "Rampe am Seiteneingang."),
    ("Rathaus, Sitzungsraum 2", "Marktplatz 1", "alte-mitte", True, "Aufzug im Foyer."),
    ("Gemeindesaal Zum Hirtenfeld", "Hirtenfeld 2", "godshorn", False, "Saal im 1. Stock."),
    ("Wiese am Lindenhof", "Lindenhofweg", "wiesenau", True, "Festwiese, befestigte Wege."),
]

# (key, title, Gremium slug or None, Quartier slug or None, days from today, start hour,
#  hours, public, Ort name or None for online)
TERMINE = [
    ("rt-wiesenau-next", "Runder Tisch Wiesenau", "runder-tisch-wiesenau", None, 10, 17, 2, False,
     "Stadtteiltreff Lindenhof"),
    ("rt-wiesenau-past-1", "Runder Tisch Wiesenau", "runder-tisch-wiesenau", None, -35, 17, 2,
     False, "Stadtteiltreff Lindenhof"),
    ("rt-wiesenau-past-2", "Runder Tisch Wiesenau", "runder-tisch-wiesenau", None, -98, 17, 2,
     False, "Stadtteiltreff Lindenhof"),
    ("ag-senioren-next", "AG Senior:innen", "ag-seniorinnen", None, 14, 10, 2, False,
     "Rathaus, Sitzungsraum 2"),
    ("ag-senioren-past", "AG Senior:innen", "ag-seniorinnen", None, -28, 10, 2, False,
     "Rathaus, Sitzungsraum 2"),
    ("nt-alte-mitte-next", "Netzwerktreffen Alte Mitte", "netzwerktreffen-alte-mitte", None, 21,
     15, 2, False, "Gemeindehaus Am Marktplatz"),
    ("nt-alte-mitte-past", "Netzwerktreffen Alte Mitte", "netzwerktreffen-alte-mitte", None, -42,
     15, 2, False, "Gemeindehaus Am Marktplatz"),
    ("ak-integration-next", "Arbeitskreis Integration", "arbeitskreis-integration", None, 6, 16, 1,
     False, None),
    ("stadtteilfest-wiesenau", "Stadtteilfest Wiesenau", None, "wiesenau", 24, 14, 4, True,
     "Wiese am Lindenhof"),
    ("tag-der-aelteren", "Tag der älteren Generation", "ag-seniorinnen", "alte-mitte", 30, 11, 4,
     True, "Gemeindehaus Am Marktplatz"),
    ("buergertreffen-godshorn", "Offenes Bürger:innentreffen Godshorn",
     "buergerinnentreffen-godshorn", None, 12, 18, 2, True, "Gemeindesaal Zum Hirtenfeld"),
]  # fmt: skip

TAGESORDNUNG = [
    "Begrüßung und Protokoll der letzten Sitzung",
    "Bericht aus dem Stadtteiltreff",
    "Planung Stadtteilfest",
    "Verschiedenes",
]

FORTBILDUNG_SLUG = "moderation-von-buergerinnentreffen"
SUPERVISION_SLUG = "supervision-koordination"


def at(today, days, hour):
    """An aware datetime `days` from `today` at `hour` o'clock, Berlin time."""
    day = today + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def demo_uid(key):
    return f"demo-{key}@gwa-portal"


def seed_gremien(*, organisator, extra_members):
    """The demo Gremien with their members; `extra_members` is {Gremium slug: [Person]}.
    Returns (Gremien created, Mitgliedschaften created)."""
    quartiere = {q.slug: q for q in Quartier.objects.all()}
    handlungsfelder = {h.name: h for h in Handlungsfeld.objects.all()}
    personen_by_akteur = {}
    for person in Person.objects.filter(user__isnull=True, akteur__isnull=False).order_by("pk"):
        personen_by_akteur.setdefault(person.akteur_id, []).append(person)
    akteure = {a.name: a for a in Akteur.objects.all()}
    n_gremien = n_mitglieder = 0
    for name, slug, art, quartier, felder, member_akteure in GREMIEN:
        gremium, created = Gremium.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "art": art,
                "quartier": quartiere[quartier] if quartier else None,
                "beschreibung": DEMO_NOTE,
                "organisator": organisator,
            },
        )
        if created:
            n_gremien += 1
            gremium.handlungsfelder.set(handlungsfelder[f] for f in felder)
        members = [p for a in member_akteure for p in personen_by_akteur[akteure[a].pk]]
        members += extra_members.get(slug, [])
        for index, person in enumerate(members):
            _m, new = Mitgliedschaft.objects.get_or_create(
                gremium=gremium,
                person=person,
                bis=None,
                defaults={
                    "rolle": Mitgliedschaft.Rolle.SPRECHER
                    if index == 0
                    else Mitgliedschaft.Rolle.MITGLIED,
                    "von": MEMBERS_SINCE,
                },
            )
            n_mitglieder += new
    return n_gremien, n_mitglieder


def seed_orte():
    quartiere = {q.slug: q for q in Quartier.objects.all()}
    for name, strasse, quartier, barrierefrei, hinweise in ORTE:
        Ort.objects.get_or_create(
            name=name,
            defaults={
                "strasse": strasse,
                "plz": "30851",
                "quartier": quartiere[quartier],
                "barrierefrei": barrierefrei,
                "hinweise": hinweise,
            },
        )


def seed_termine(*, organisator, today=None):
    """Upcoming and past Termine. The next Runder Tisch Wiesenau invites all members (mails go
    out after commit, as for any Termin); past Termine record attendance. Returns
    (Termine created, Einladungen created)."""
    today = today or timezone.localdate()
    seed_orte()
    orte = {o.name: o for o in Ort.objects.all()}
    quartiere = {q.slug: q for q in Quartier.objects.all()}
    gremien = {g.slug: g for g in Gremium.objects.all()}
    n_termine = n_einladungen = 0
    for key, titel, gremium, quartier, days, hour, hours, public, ort in TERMINE:
        beginn = at(today, days, hour)
        termin, created = Termin.objects.get_or_create(
            uid=demo_uid(key),
            defaults={
                "titel": titel,
                "beschreibung": DEMO_NOTE,
                "beginn": beginn,
                "ende": beginn + datetime.timedelta(hours=hours),
                "gremium": gremien[gremium] if gremium else None,
                "quartier": quartiere[quartier] if quartier else None,
                "oeffentlich": public,
                "ort": orte[ort] if ort else None,
                "online_link": "" if ort else "https://meet.example.org/demo-ak-integration",
                "status": Termin.Status.STATTGEFUNDEN if days < 0 else Termin.Status.GEPLANT,
                "organisator": organisator,
            },
        )
        n_termine += created
        members = (
            [m.person for m in termin.gremium.mitgliedschaften.current().select_related("person")]
            if termin.gremium_id
            else []
        )
        if key == "rt-wiesenau-next":
            for position, top in enumerate(TAGESORDNUNG, start=1):
                Tagesordnungspunkt.objects.get_or_create(
                    termin=termin, position=position, defaults={"titel": top}
                )
            n_einladungen += len(einladungen.invite(termin=termin, personen=members))
        if days < 0 and created:
            # About three in four members came.
            Teilnahme.objects.bulk_create(
                Teilnahme(termin=termin, person=p) for i, p in enumerate(members) if i % 4 != 3
            )
    return n_termine, n_einladungen


def seed_fortbildung(*, teilnehmende, today=None):
    """„Moderation von Bürger:innentreffen“: 12 places, 6 hours, two Termine; `teilnehmende`
    (users) are registered. Returns the number of Fortbildungen created."""
    today = today or timezone.localdate()
    fortbildung, created = Fortbildung.objects.get_or_create(
        slug=FORTBILDUNG_SLUG,
        defaults={
            "thema": "Moderation von Bürger:innentreffen",
            "referent": f"Dr. Mara Beispiel ({PERSON_NOTE})",
            "beschreibung": "Methoden für offene Versammlungen: Ablauf planen, alle zu Wort "
            "kommen lassen, Ergebnisse sichern. " + DEMO_NOTE,
            "stunden": Decimal("6"),
            "kapazitaet": 12,
            "anmeldeschluss": today + datetime.timedelta(days=14),
        },
    )
    ort = Ort.objects.get(name="Rathaus, Sitzungsraum 2")
    for number, days in enumerate([20, 27], start=1):
        beginn = at(today, days, 9)
        Termin.objects.get_or_create(
            uid=demo_uid(f"fortbildung-moderation-{number}"),
            defaults={
                "titel": f"Moderation von Bürger:innentreffen (Teil {number})",
                "beginn": beginn,
                "ende": beginn + datetime.timedelta(hours=3),
                "fortbildung": fortbildung,
                "ort": ort,
                "beschreibung": DEMO_NOTE,
            },
        )
    for user in teilnehmende:
        Anmeldung.objects.get_or_create(
            fortbildung=fortbildung, user=user, defaults={"status": Anmeldung.Status.ANGEMELDET}
        )
    return int(created)


def seed_supervision(*, mitglieder, today=None):
    """A Supervision group with three dates (one past). No content is stored, by design."""
    today = today or timezone.localdate()
    gruppe, created = Supervision.objects.get_or_create(
        slug=SUPERVISION_SLUG,
        defaults={
            "name": "Supervisionsgruppe Koordination",
            "supervisor": f"Jonas Muster ({PERSON_NOTE})",
        },
    )
    gruppe.mitglieder.add(*mitglieder)
    ort = Ort.objects.get(name="Gemeindehaus Am Marktplatz")
    for number, days in enumerate([-30, 15, 45], start=1):
        beginn = at(today, days, 14)
        Termin.objects.get_or_create(
            uid=demo_uid(f"supervision-{number}"),
            defaults={
                "titel": "Supervision Koordination",
                "beginn": beginn,
                "ende": beginn + datetime.timedelta(hours=2),
                "supervision": gruppe,
                "ort": ort,
                "status": Termin.Status.STATTGEFUNDEN if days < 0 else Termin.Status.GEPLANT,
            },
        )
    return int(created)
