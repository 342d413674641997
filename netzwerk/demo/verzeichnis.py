"""Demo directory: fictional Akteure modelled on the real mix of partners per place
(`quartiere/data/langenhagen.json`), and fictional contact persons with consent."""

import datetime
import unicodedata

from quartiere.models import Quartier

from ..models import Akteur, Person

DEMO_NOTE = (
    "Demo-Daten (fiktiv): erfundene Organisation, nach dem Vorbild typischer Partner vor Ort."
)
PERSON_NOTE = "Demo-Daten (fiktiv)"
EINWILLIGUNG_AM = datetime.date(2024, 2, 1)
EINWILLIGUNG_ZWECK = "Einladungen, Protokolle und Absprachen im Netzwerk der Gemeinwesenarbeit"

ALL = "*"  # citywide: serves every Quartier

# (name, kind, Quartier slugs or ALL, address line, role of its contacts)
AKTEURE = [
    ("Stadtteiltreff Lindenhof", "initiative", ["wiesenau"], "Lindenhofweg 4", "Treffleitung"),
    ("Wohnen im Quartier e. V.", "verein", ["wiesenau"], "Lindenhofweg 9", "Vorstand"),
    (
        "Ev.-luth. Kirchengemeinde Am Lindenhof",
        "kirche",
        ["wiesenau"],
        "Kirchplatz 1",
        "Diakonin",
    ),
    (
        "Familienzentrum Pusteblume",
        "traeger",
        ["wiesenau", "langenforth-ada-lessing-platz"],
        "Pusteblumenweg 2",
        "Leitung",
    ),
    (
        "Grundschule am Wiesengrund",
        "schule_kita",
        ["wiesenau"],
        "Wiesengrund 12",
        "Schulsozialarbeit",
    ),
    (
        "Ev.-luth. Kirchengemeinde Am Marktplatz",
        "kirche",
        ["alte-mitte", "stadtpark-viertel"],
        "Marktplatz 3",
        "Pastorin",
    ),
    ("Islamische Gemeinde Nord e. V.", "kirche", ["alte-mitte"], "Mühlenstraße 21", "Vorstand"),
    (
        "Begegnungsstätte Lindenbaum",
        "traeger",
        ["alte-mitte", "stadtpark-viertel"],
        "Lindenallee 5",
        "Leitung",
    ),
    (
        "Beratungsstelle Lebenswege",
        "traeger",
        ["alte-mitte", "stadtpark-viertel", "alt-langenhagen"],
        "Am Brunnen 8",
        "Beratung",
    ),
    (
        "Mobile Jugendarbeit Straßenzeit",
        "traeger",
        ["alte-mitte", "wiesenau", "langenforth-ada-lessing-platz"],
        "Bahnhofsweg 2",
        "Streetwork",
    ),
    (
        "Jugendhaus Kompass",
        "traeger",
        ["langenforth-ada-lessing-platz"],
        "Kompassweg 1",
        "Jugendarbeit",
    ),
    (
        "Initiative Langenforth im Dialog",
        "initiative",
        ["langenforth-ada-lessing-platz"],
        "Platz der Nachbarschaft 1",
        "Sprecher:in",
    ),
    ("Diakonisches Werk, Büro Nord", "traeger", ALL, "Hauptstraße 40", "Sozialberatung"),
    ("Freiwilligenbörse Nord e. V.", "verein", ALL, "Hauptstraße 44", "Koordination Ehrenamt"),
    ("Tafel-Laden Nord e. V.", "verein", ALL, "Lagerweg 3", "Ausgabeteam"),
    (
        "Fachbereich Soziales – Seniorenservice",
        "verwaltung",
        ALL,
        "Rathaus, Zimmer 112",
        "Sachbearbeitung",
    ),
    (
        "Fachbereich Bildung – Integrationsbüro",
        "verwaltung",
        ALL,
        "Rathaus, Zimmer 208",
        "Integrationsbeauftragte:r",
    ),
    (
        "Fachbereich Stadtentwicklung – Quartiersplanung",
        "verwaltung",
        ["alte-mitte", "wiesenau"],
        "Rathaus, Zimmer 305",
        "Planung",
    ),
    (
        "Ev.-luth. Kirchengemeinde Zum Hirtenfeld",
        "kirche",
        ["godshorn"],
        "Hirtenfeld 2",
        "Kirchenvorstand",
    ),
    ("Rotkreuz-Ortsgruppe Godshorn", "verein", ["godshorn"], "Feuerwehrweg 6", "Vorsitz"),
    ("Jugendtreff Feldmark", "initiative", ["godshorn"], "Feldmark 10", "Jugendarbeit"),
    (
        "Familienzentrum Weiherblick",
        "traeger",
        ["kaltenweide-weiherfeld", "kaltenweide-ort"],
        "Am Weiher 7",
        "Leitung",
    ),
    ("Kleiderkammer Engelbostel", "verein", ["engelbostel"], "Dorfstraße 15", "Ehrenamt"),
    ("Dorfkirchengemeinde Krähenberg", "kirche", ["kraehenwinkel"], "Kirchweg 2", "Pfarramt"),
    (
        "Miteinander Schulenburg e. V.",
        "verein",
        ["schulenburg"],
        "Schulweg 1",
        "Vorstand",
    ),
    ("Kita Sonnenhügel", "schule_kita", ["brink"], "Hügelweg 3", "Kita-Leitung"),
    (
        "Oberschule am Stadtpark",
        "schule_kita",
        ["stadtpark-viertel"],
        "Parkallee 20",
        "Schulleitung",
    ),
    (
        "Nachbarschaftshilfe Alt-Langenhagen",
        "initiative",
        ["alt-langenhagen", "brink"],
        "Alter Hof 5",
        "Ansprechpartner:in",
    ),
]

VORNAMEN = [
    "Anna", "Ben", "Cem", "Doris", "Elif", "Finn", "Gül", "Hannes", "Ina", "Jamal",
    "Katja", "Lars", "Mira", "Nils", "Olga", "Peter", "Rana", "Sven", "Tanja", "Ugur",
    "Vesna", "Wolf", "Yasmin", "Zoran", "Agnes",
]  # fmt: skip
NACHNAMEN = [
    "Albers", "Brandt", "Celik", "Dietrich", "Ewert", "Fischer", "Gerdes", "Hoffmann",
    "Imhoff", "Jansen", "Kowalski", "Lange", "Meyer", "Nowak", "Ohlsen", "Petersen",
    "Quast", "Richter", "Schulz", "Timm", "Uhde", "Vogt", "Wagner", "Yilmaz", "Ziegler",
]  # fmt: skip


def _ascii(text):
    text = text.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae").replace("ß", "ss")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def demo_personen():
    """Two contacts per Akteur: (name, email, Akteur name, function), the same on every run."""
    result = []
    for index, (akteur, _kind, _where, _address, funktion) in enumerate(AKTEURE):
        for offset in (0, 1):
            n = 2 * index + offset
            vorname, nachname = (
                VORNAMEN[n % len(VORNAMEN)],
                NACHNAMEN[(7 * n + n // 25) % len(NACHNAMEN)],
            )
            email = f"{_ascii(vorname)}.{_ascii(nachname)}@example.org"
            result.append((f"{vorname} {nachname}", email, akteur, funktion))
    return result


def seed_akteure():
    """The demo Akteure; returns how many were created."""
    quartiere = {q.slug: q for q in Quartier.objects.all()}
    created = 0
    for name, art, where, adresse, _funktion in AKTEURE:
        akteur, new = Akteur.objects.get_or_create(
            name=name,
            defaults={
                "art": art,
                "beschreibung": DEMO_NOTE,
                "adresse": f"{adresse}\n30851 Langenhagen",
                "telefon": f"0511 000 {100 + len(name):03d}",
            },
        )
        if new:
            created += 1
            akteur.quartiere.set(
                quartiere.values() if where == ALL else [quartiere[s] for s in where]
            )
    return created


def seed_personen(*, accounts):
    """~56 contacts (two per Akteur) plus a Person for each demo account in `accounts`
    ({user: Akteur name}); returns how many were created."""
    akteure = {a.name: a for a in Akteur.objects.all()}
    created = 0
    for name, email, akteur, funktion in demo_personen():
        _person, new = Person.objects.get_or_create(
            email=email,
            defaults={
                "name": name,
                "akteur": akteure[akteur],
                "funktion": f"{funktion} ({PERSON_NOTE})",
                "einwilligung_am": EINWILLIGUNG_AM,
                "einwilligung_zweck": EINWILLIGUNG_ZWECK,
            },
        )
        created += new
    for user, akteur in accounts.items():
        _person, new = Person.objects.get_or_create(
            user=user,
            defaults={
                "name": user.name,
                "email": user.email,
                "akteur": akteure[akteur],
                "funktion": PERSON_NOTE,
                "einwilligung_am": EINWILLIGUNG_AM,
                "einwilligung_zweck": EINWILLIGUNG_ZWECK,
            },
        )
        created += new
    return created
