"""Demo Angebote of the fictional Akteure, and partners on a third of the demo Aktivitäten."""

from quartiere.models import Aktivitaet, Handlungsfeld, Quartier, Zielgruppe

from ..models import Akteur, Angebot

DEMO_NOTE = "Demo-Daten (fiktiv)."

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

EBENERDIG = "Ebenerdiger Eingang, barrierefreies WC."
TREPPE = "Raum im 1. Stock, kein Aufzug. Bitte melden Sie sich, wir finden eine Lösung."

# (title, Akteur, Quartier slug, when, where, languages, accessibility, Handlungsfelder,
#  Zielgruppen, active)
ANGEBOTE = [
    ("Erzählcafé", "Stadtteiltreff Lindenhof", "wiesenau", "jeden Dienstag, 15–17 Uhr",
     "Stadtteiltreff Lindenhof", "Deutsch, Türkisch", EBENERDIG, [HF_DEMOGRAFIE, HF_TEILHABE],
     [ZG_AELTERE], True),
    ("Sprachcafé", "Stadtteiltreff Lindenhof", "wiesenau", "jeden Mittwoch, 16–18 Uhr",
     "Stadtteiltreff Lindenhof", "Deutsch, Arabisch, Ukrainisch, Farsi", EBENERDIG,
     [HF_INTEGRATION], [ZG_ZUGEWANDERTE, ZG_ENGAGIERTE], True),
    ("Hausaufgabenhilfe", "Grundschule am Wiesengrund", "wiesenau",
     "montags bis donnerstags, 13:30–15 Uhr (nicht in den Ferien)", "Grundschule, Raum 4",
     "Deutsch", EBENERDIG, [HF_INTEGRATION, HF_TEILHABE], [ZG_JUGEND], True),
    ("Mieter:innensprechstunde", "Wohnen im Quartier e. V.", "wiesenau",
     "jeden 1. Donnerstag im Monat, 17–19 Uhr", "Lindenhofweg 9", "Deutsch, Russisch", TREPPE,
     [HF_TEILHABE], [ZG_FAMILIEN, ZG_AELTERE], True),
    ("Eltern-Kind-Frühstück", "Familienzentrum Pusteblume", "wiesenau",
     "freitags, 9–11 Uhr", "Familienzentrum Pusteblume", "Deutsch, Türkisch, Arabisch",
     EBENERDIG, [HF_INTEGRATION, HF_TEILHABE], [ZG_FAMILIEN], True),
    ("Sommer-Ferienprogramm", "Mobile Jugendarbeit Straßenzeit", "wiesenau",
     "in den Sommerferien, werktags 10–16 Uhr", "Treffpunkt Bolzplatz", "Deutsch", "",
     [HF_TEILHABE], [ZG_JUGEND], False),
    ("Mittagstisch", "Begegnungsstätte Lindenbaum", "alte-mitte",
     "montags bis freitags, 12–13:30 Uhr", "Begegnungsstätte Lindenbaum", "Deutsch", EBENERDIG,
     [HF_DEMOGRAFIE, HF_TEILHABE], [ZG_AELTERE], True),
    ("Offene Sozialberatung", "Beratungsstelle Lebenswege", "alte-mitte",
     "dienstags 9–12 Uhr und donnerstags 14–17 Uhr", "Am Brunnen 8",
     "Deutsch, Englisch, Polnisch", EBENERDIG, [HF_TEILHABE, HF_INKLUSION],
     [ZG_FAMILIEN, ZG_BEHINDERUNG], True),
    ("Interkulturelles Frauenfrühstück", "Islamische Gemeinde Nord e. V.", "alte-mitte",
     "jeden 2. Samstag im Monat, 10–12 Uhr", "Gemeinderaum, Mühlenstraße 21",
     "Deutsch, Türkisch, Arabisch", TREPPE, [HF_INTEGRATION], [ZG_ZUGEWANDERTE], True),
    ("Spielenachmittag für Senior:innen", "Ev.-luth. Kirchengemeinde Am Marktplatz",
     "alte-mitte", "jeden Donnerstag, 14:30–16:30 Uhr", "Gemeindehaus Am Marktplatz", "Deutsch",
     "Rampe am Seiteneingang, barrierefreies WC.", [HF_DEMOGRAFIE], [ZG_AELTERE], True),
    ("Computer-Sprechstunde", "Begegnungsstätte Lindenbaum", "stadtpark-viertel",
     "mittwochs, 10–12 Uhr", "Begegnungsstätte Lindenbaum", "Deutsch, Russisch", EBENERDIG,
     [HF_DEMOGRAFIE, HF_TEILHABE], [ZG_AELTERE], True),
    ("Lernwerkstatt", "Oberschule am Stadtpark", "stadtpark-viertel",
     "dienstags und donnerstags, 14–16 Uhr", "Oberschule am Stadtpark, Bibliothek",
     "Deutsch, Englisch", EBENERDIG, [HF_INTEGRATION], [ZG_JUGEND], True),
    ("Nachbarschaftshilfe-Telefon", "Nachbarschaftshilfe Alt-Langenhagen", "alt-langenhagen",
     "montags bis freitags, 9–12 Uhr", "telefonisch", "Deutsch", "Telefonisch erreichbar.",
     [HF_DEMOGRAFIE, HF_INKLUSION], [ZG_AELTERE, ZG_BEHINDERUNG], True),
    ("Bewegungstreff im Park", "Nachbarschaftshilfe Alt-Langenhagen", "brink",
     "jeden Samstag, 10 Uhr (bei jedem Wetter)", "Treffpunkt Parkeingang Hügelweg", "Deutsch",
     "Befestigte Wege, Bänke unterwegs.", [HF_DEMOGRAFIE], [ZG_AELTERE], True),
    ("Jugendcafé", "Jugendhaus Kompass", "langenforth-ada-lessing-platz",
     "dienstags bis freitags, 15–20 Uhr", "Jugendhaus Kompass", "Deutsch, Türkisch, Arabisch",
     EBENERDIG, [HF_TEILHABE, HF_INTEGRATION], [ZG_JUGEND], True),
    ("Platzgespräch", "Initiative Langenforth im Dialog", "langenforth-ada-lessing-platz",
     "jeden letzten Mittwoch im Monat, 18 Uhr", "Ada-Lessing-Platz (bei Regen im Jugendhaus)",
     "Deutsch", "Draußen auf dem Platz, ebenerdig.", [HF_TEILHABE], [ZG_ENGAGIERTE], True),
    ("Kinder-Mittagstisch", "Ev.-luth. Kirchengemeinde Zum Hirtenfeld", "godshorn",
     "montags bis donnerstags, 12:30–14 Uhr", "Gemeindesaal Zum Hirtenfeld", "Deutsch", TREPPE,
     [HF_TEILHABE], [ZG_JUGEND, ZG_FAMILIEN], True),
    ("Begegnungscafé", "Rotkreuz-Ortsgruppe Godshorn", "godshorn",
     "jeden 1. und 3. Sonntag, 15–17 Uhr", "Feuerwehrweg 6", "Deutsch", EBENERDIG,
     [HF_DEMOGRAFIE, HF_TEILHABE], [ZG_AELTERE], True),
    ("Krabbelgruppe", "Familienzentrum Weiherblick", "kaltenweide-weiherfeld",
     "montags und mittwochs, 9:30–11 Uhr", "Familienzentrum Weiherblick", "Deutsch, Englisch",
     EBENERDIG, [HF_TEILHABE], [ZG_FAMILIEN], True),
    ("Kleiderstube", "Kleiderkammer Engelbostel", "engelbostel",
     "dienstags 15–18 Uhr, samstags 10–12 Uhr", "Dorfstraße 15", "Deutsch", TREPPE,
     [HF_TEILHABE], [ZG_FAMILIEN, ZG_ZUGEWANDERTE], True),
    ("Dorfcafé", "Miteinander Schulenburg e. V.", "schulenburg", "jeden Freitag, 15–17 Uhr",
     "Alte Schule, Schulweg 1", "Deutsch", EBENERDIG, [HF_DEMOGRAFIE, HF_TEILHABE],
     [ZG_AELTERE], True),
]  # fmt: skip


def seed_angebote():
    """~20 Angebote; returns how many were created."""
    akteure = {a.name: a for a in Akteur.objects.all()}
    quartiere = {q.slug: q for q in Quartier.objects.all()}
    handlungsfelder = {h.name: h for h in Handlungsfeld.objects.all()}
    zielgruppen = {z.name: z for z in Zielgruppe.objects.all()}
    created = 0
    for titel, akteur, quartier, zeitplan, ort, sprachen, barriere, hf, zg, aktiv in ANGEBOTE:
        angebot, new = Angebot.objects.get_or_create(
            titel=titel,
            quartier=quartiere[quartier],
            defaults={
                "akteur": akteure[akteur],
                "beschreibung": DEMO_NOTE,
                "zeitplan": zeitplan,
                "ort": ort,
                "sprachen": sprachen,
                "barrierefreiheit": barriere,
                "kontakt": f"{akteur}, Tel. 0511 000 000 ({DEMO_NOTE[:-1]})",
                "aktiv": aktiv,
            },
        )
        if new:
            created += 1
            angebot.handlungsfelder.set(handlungsfelder[n] for n in hf)
            angebot.zielgruppen.set(zielgruppen[n] for n in zg)
    return created


def seed_aktivitaet_partner():
    """Every third demo Aktivität names a partner: an Akteur working in its Quartier.
    Runs once: Aktivitäten that already have partners are left alone."""
    through = Aktivitaet.partner.through
    if through.objects.exists():
        return 0
    by_quartier = {}
    for akteur in Akteur.objects.prefetch_related("quartiere").order_by("name"):
        for quartier in akteur.quartiere.all():
            by_quartier.setdefault(quartier.pk, []).append(akteur)
    rows = []
    for index, aktivitaet in enumerate(Aktivitaet.objects.order_by("datum", "pk")):
        candidates = by_quartier.get(aktivitaet.quartier_id)
        if index % 3 == 0 and candidates:
            akteur = candidates[index % len(candidates)]
            rows.append(through(aktivitaet_id=aktivitaet.pk, akteur_id=akteur.pk))
    through.objects.bulk_create(rows)
    return len(rows)
