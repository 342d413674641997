"""Demo follow-up of past meetings: released Protokolle with open, overdue and done Aufgaben,
and a Fortbildung the coordinators attended this year, so that every dashboard section of the
demo has something to show. Fictional and labelled as demo, like the rest."""

import datetime
from decimal import Decimal

from django.utils import timezone

from ..models import Anmeldung, Aufgabe, Fortbildung, Ort, Protokoll, Termin
from .treffen import DEMO_NOTE, at, demo_uid

BESUCHTE_FORTBILDUNG_SLUG = "gespraechsfuehrung-in-der-beratung"

# Termin key -> (Verlauf, Beschlüsse, [(Aufgabe, due in days from today or None, done)])
PROTOKOLLE = {
    "rt-wiesenau-past-1": (
        "Der Stadtteiltreff berichtete über das neue Sprachcafé. Die Planung des "
        "Stadtteilfests wurde besprochen: Bühne, Stände der Vereine, Kinderprogramm.",
        "Das Stadtteilfest findet auf der Wiese am Lindenhof statt. Die Einladung erscheint "
        "in vier Sprachen.",
        [
            ("Einladung zum Stadtteilfest übersetzen lassen (tr, ar, uk)", -6, False),
            ("Standanmeldungen der Vereine sammeln", 5, False),
            ("Raum im Stadtteiltreff für das Vortreffen reservieren", -20, True),
        ],
    ),
    "ag-senioren-past": (
        "Die AG sprach über Einsamkeit im Alter und den Besuchsdienst. Der Seniorenservice "
        "stellte die Zahlen der Beratungen vor.",
        "Der Besuchsdienst wird in Godshorn erprobt.",
        [
            ("Ehrenamtliche für den Besuchsdienst ansprechen", 12, False),
            ("Flyer zum Tag der älteren Generation abstimmen", -2, False),
        ],
    ),
}


def seed_protokolle(*, verfasst_von, today=None):
    """Released minutes for two past meetings; returns the number of Protokolle created."""
    today = today or timezone.localdate()
    created_count = 0
    for key, (text, beschluesse, aufgaben) in PROTOKOLLE.items():
        termin = Termin.objects.filter(uid=demo_uid(key)).select_related("gremium").first()
        if termin is None:
            continue
        protokoll, created = Protokoll.objects.get_or_create(
            termin=termin,
            defaults={
                "text": f"{text} {DEMO_NOTE}",
                "beschluesse": beschluesse,
                "verfasst_von": verfasst_von,
                # Released directly: the demo sends no minutes by mail.
                "freigegeben_am": termin.ende + datetime.timedelta(days=2),
            },
        )
        if not created:
            continue
        created_count += 1
        members = [
            m.person
            for m in termin.gremium.mitgliedschaften.current()
            .select_related("person")
            .order_by("person__name", "pk")
        ]
        for index, (beschreibung, due_in, done) in enumerate(aufgaben):
            Aufgabe.objects.create(
                protokoll=protokoll,
                beschreibung=beschreibung,
                verantwortlich=members[index % len(members)],
                faellig_am=today + datetime.timedelta(days=due_in),
                erledigt=done,
                erledigt_am=today + datetime.timedelta(days=due_in) if done else None,
            )
    return created_count


def seed_besuchte_fortbildung(*, teilgenommen, today=None):
    """„Gesprächsführung in der Beratung“ (3 hours), held earlier this year; `teilgenommen`
    (users) took part. Returns the number of Fortbildungen created."""
    today = today or timezone.localdate()
    fortbildung, created = Fortbildung.objects.get_or_create(
        slug=BESUCHTE_FORTBILDUNG_SLUG,
        defaults={
            "thema": "Gesprächsführung in der Beratung",
            "referent": "Team der Fachstelle GWA",
            "beschreibung": "Aktiv zuhören, nachfragen, Grenzen setzen. " + DEMO_NOTE,
            "stunden": Decimal("3"),
            "kapazitaet": 10,
        },
    )
    # Earlier this year, so that it counts for this year's training hours.
    days_back = min(40, today.timetuple().tm_yday - 1)
    beginn = at(today, -days_back, 9)
    Termin.objects.get_or_create(
        uid=demo_uid("fortbildung-gespraechsfuehrung"),
        defaults={
            "titel": "Gesprächsführung in der Beratung",
            "beginn": beginn,
            "ende": beginn + datetime.timedelta(hours=3),
            "fortbildung": fortbildung,
            "ort": Ort.objects.get(name="Rathaus, Sitzungsraum 2"),
            "status": Termin.Status.STATTGEFUNDEN,
            "beschreibung": DEMO_NOTE,
        },
    )
    for user in teilgenommen:
        Anmeldung.objects.get_or_create(
            fortbildung=fortbildung, user=user, defaults={"status": Anmeldung.Status.TEILGENOMMEN}
        )
    return int(created)
