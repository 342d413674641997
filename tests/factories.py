"""factory-boy factories for the portal's models."""

import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify

from befragung.models import (
    Antwort,
    Antwortoption,
    Befragung,
    Frage,
    Matrixzeile,
    Rueckmeldung,
    Zugangscode,
)
from befragung.models.zugang import hash_code
from cockpit.models import Berichtsfassung
from gwa_portal.core.models import Role, User
from netzwerk.models import (
    Akteur,
    Angebot,
    Anmeldung,
    Aufgabe,
    Einladung,
    Fortbildung,
    Gremium,
    Mitgliedschaft,
    Ort,
    Person,
    Protokoll,
    Supervision,
    Tagesordnungspunkt,
    Teilnahme,
    Termin,
)
from quartiere.demo import hexagon
from quartiere.models import (
    Aktivitaet,
    Bedarf,
    Handlungsfeld,
    Kennzahl,
    Koordination,
    Massnahme,
    Merkmal,
    Quartier,
    Stadtteil,
    Zielgruppe,
)

PASSWORD = "Sicheres-Testpasswort-1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")
    role = Role.KOORDINATION
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StadtteilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stadtteil

    name = factory.Sequence(lambda n: f"Stadtteil {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    art = Stadtteil.Art.KERNSTADT


class QuartierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quartier

    name = factory.Sequence(lambda n: f"Quartier {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    stadtteil = factory.SubFactory(StadtteilFactory)
    typologie = Quartier.Typologie.URBAN
    beschreibung = "Ein Quartier für Tests."
    grenze = factory.LazyFunction(lambda: hexagon(52.44, 9.74, 0.5))


class KoordinationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Koordination

    quartier = factory.SubFactory(QuartierFactory)
    user = factory.SubFactory(UserFactory, role=Role.KOORDINATION)
    von = datetime.date(2024, 1, 1)
    bis = None


class HandlungsfeldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Handlungsfeld
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Handlungsfeld {n}")


class ZielgruppeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zielgruppe
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Zielgruppe {n}")


class KennzahlFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kennzahl

    quartier = factory.SubFactory(QuartierFactory)
    jahr = factory.Sequence(lambda n: 2000 + n % 25)
    merkmal = Merkmal.EINWOHNER
    wert = 1234


class AktivitaetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aktivitaet
        skip_postgeneration_save = True

    datum = datetime.date(2024, 5, 14)
    quartier = factory.SubFactory(QuartierFactory)
    autor = factory.SubFactory(UserFactory, role=Role.KOORDINATION)
    art = Aktivitaet.Art.TREFFEN
    kurzbeschreibung = factory.Sequence(lambda n: f"Aktivität {n}")
    teilnehmende = 8
    stunden = 2

    @factory.post_generation
    def handlungsfelder(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.handlungsfelder.set(extracted)

    @factory.post_generation
    def zielgruppen(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.zielgruppen.set(extracted)


class BedarfFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bedarf
        skip_postgeneration_save = True

    quartier = factory.SubFactory(QuartierFactory)
    titel = factory.Sequence(lambda n: f"Bedarf {n}")
    quelle = Bedarf.Quelle.KOORDINATION
    handlungsfeld = factory.SubFactory(HandlungsfeldFactory)

    @factory.post_generation
    def zielgruppen(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.zielgruppen.set(extracted)


class MassnahmeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Massnahme
        skip_postgeneration_save = True

    titel = factory.Sequence(lambda n: f"Maßnahme {n}")
    status = Massnahme.Status.LAUFEND

    @factory.post_generation
    def quartiere(obj, create, extracted, **kwargs):
        if create:
            obj.quartiere.set(extracted if extracted is not None else [QuartierFactory()])

    @factory.post_generation
    def bedarfe(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.bedarfe.set(extracted)


# --- netzwerk ------------------------------------------------------------------------------


def in_days(days, hour=18):
    """An aware datetime `days` from today at `hour` o'clock, Berlin time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class AkteurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Akteur
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Verein {n} e. V.")
    art = Akteur.Art.VEREIN

    @factory.post_generation
    def quartiere(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.quartiere.set(extracted)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Kontakt {n}")
    email = factory.Sequence(lambda n: f"kontakt{n}@example.org")
    akteur = factory.SubFactory(AkteurFactory)
    einwilligung_am = datetime.date(2024, 3, 1)
    einwilligung_zweck = "Einladungen und Protokolle der Gremien"


class GremiumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gremium
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Runder Tisch {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    art = Gremium.Art.RUNDER_TISCH
    quartier = factory.SubFactory(QuartierFactory)

    @factory.post_generation
    def handlungsfelder(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.handlungsfelder.set(extracted)


class MitgliedschaftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mitgliedschaft

    gremium = factory.SubFactory(GremiumFactory)
    person = factory.SubFactory(PersonFactory)
    rolle = Mitgliedschaft.Rolle.MITGLIED


class OrtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ort

    name = factory.Sequence(lambda n: f"Gemeindehaus {n}")
    strasse = factory.Sequence(lambda n: f"Walsroder Straße {n}")
    plz = "30851"


class TerminFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Termin

    titel = factory.Sequence(lambda n: f"Sitzung {n}")
    beginn = factory.LazyFunction(lambda: in_days(7))
    ende = factory.LazyAttribute(lambda o: o.beginn + datetime.timedelta(hours=2))
    ort = factory.SubFactory(OrtFactory)
    gremium = factory.SubFactory(GremiumFactory)


class TagesordnungspunktFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tagesordnungspunkt

    termin = factory.SubFactory(TerminFactory)
    position = factory.Sequence(lambda n: n + 1)
    titel = factory.Sequence(lambda n: f"Punkt {n}")


class EinladungFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Einladung

    termin = factory.SubFactory(TerminFactory)
    person = factory.SubFactory(PersonFactory)


class TeilnahmeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Teilnahme

    termin = factory.SubFactory(TerminFactory)
    person = factory.SubFactory(PersonFactory)


class ProtokollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Protokoll

    termin = factory.SubFactory(TerminFactory)
    text = "Begrüßung und Bericht aus dem Quartier."
    beschluesse = "Das nächste Treffen findet im Gemeindehaus statt."


class AufgabeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aufgabe

    protokoll = factory.SubFactory(ProtokollFactory)
    beschreibung = factory.Sequence(lambda n: f"Aufgabe {n}")
    verantwortlich = factory.SubFactory(PersonFactory)
    faellig_am = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))


class FortbildungFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fortbildung

    thema = factory.Sequence(lambda n: f"Moderation {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.thema))
    referent = "Dr. Mia Beispiel"
    stunden = 6
    kapazitaet = 12


class AnmeldungFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Anmeldung

    fortbildung = factory.SubFactory(FortbildungFactory)
    user = factory.SubFactory(UserFactory, role=Role.KOORDINATION)
    status = Anmeldung.Status.ANGEMELDET


class SupervisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supervision
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Supervisionsgruppe {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    supervisor = "Jo Beispiel"

    @factory.post_generation
    def mitglieder(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.mitglieder.set(extracted)


class AngebotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Angebot
        skip_postgeneration_save = True

    titel = factory.Sequence(lambda n: f"Erzählcafé {n}")
    akteur = factory.SubFactory(AkteurFactory)
    quartier = factory.SubFactory(QuartierFactory)
    zeitplan = "jeden Dienstag, 15–17 Uhr"

    @factory.post_generation
    def handlungsfelder(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.handlungsfelder.set(extracted)

    @factory.post_generation
    def zielgruppen(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.zielgruppen.set(extracted)


# --- befragung -----------------------------------------------------------------------------


class BefragungFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Befragung
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"befragung-{n}")
    titel = factory.Sequence(lambda n: {"de": f"Befragung {n}", "en": f"Survey {n}"})
    beschreibung = factory.LazyFunction(lambda: {"de": "Sagen Sie uns Ihre Meinung."})
    datenschutz = factory.LazyFunction(lambda: {"de": "Ihre Antworten werden anonym gespeichert."})
    sprachen = factory.LazyFunction(lambda: ["de", "en"])
    status = Befragung.Status.LAEUFT
    beginn = datetime.date(2024, 1, 1)
    ende = None

    @factory.post_generation
    def quartiere(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.quartiere.set(extracted)


class FrageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Frage

    befragung = factory.SubFactory(BefragungFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"frage_{n}")
    typ = Frage.Typ.EINFACH
    text = factory.Sequence(lambda n: {"de": f"Frage {n}?", "en": f"Question {n}?"})


class AntwortoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Antwortoption

    frage = factory.SubFactory(FrageFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"option_{n}")
    text = factory.Sequence(lambda n: {"de": f"Antwort {n}", "en": f"Answer {n}"})


class MatrixzeileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Matrixzeile

    frage = factory.SubFactory(FrageFactory, typ=Frage.Typ.MATRIX)
    position = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"zeile_{n}")
    text = factory.Sequence(lambda n: {"de": f"Aussage {n}", "en": f"Statement {n}"})


class RueckmeldungFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rueckmeldung

    befragung = factory.SubFactory(BefragungFactory)
    sprache = "de"
    kanal = Rueckmeldung.Kanal.ONLINE
    eingereicht_am = datetime.date(2024, 6, 1)


class AntwortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Antwort

    rueckmeldung = factory.SubFactory(RueckmeldungFactory)
    frage = factory.SubFactory(FrageFactory)


class ZugangscodeFactory(factory.django.DjangoModelFactory):
    """`ZugangscodeFactory(code="ABCD-EFGH")` stores the hash of that code."""

    class Meta:
        model = Zugangscode
        exclude = ["code"]

    befragung = factory.SubFactory(BefragungFactory, modus=Befragung.Modus.ZUGANGSCODE)
    code = factory.Sequence(lambda n: f"CODE{n:06d}")
    code_hash = factory.LazyAttribute(lambda o: hash_code(o.befragung.pk, o.code))


# zugang


class BefragungseinladungFactory(factory.django.DjangoModelFactory):
    """An invitation row as the invite form writes it: not sent yet, no code."""

    class Meta:
        model = "befragung.Befragungseinladung"

    befragung = factory.SubFactory(BefragungFactory, modus=Befragung.Modus.ZUGANGSCODE)
    person = factory.SubFactory(PersonFactory)


# formular
FORMULAR_SPRACHEN = ["de", "ls", "en", "tr", "ar", "uk"]


def texte_in_allen_sprachen(de, en, ar):
    """A text in the six languages of the test survey (tr, uk and ls marked, not translated)."""
    return {
        "de": de,
        "ls": f"{de} (einfach)",
        "en": en,
        "tr": f"[tr] {en}",
        "ar": ar,
        "uk": f"[uk] {en}",
    }


def befragung_mit_allen_fragetypen(**kwargs):
    """A running survey with every question type on four steps and two conditions:
    step 1: verkehrsmittel (einfach, required) and rad_wunsch (text, required, only if „Rad“);
    step 2: angebote (mehrfach), zufriedenheit (skala 1–5, required), aussagen (matrix);
    step 3: alter (zahl 0–120), wohnort (quartier), ehrenamt (janein, required);
    step 4: bereich (einfach, required, only if ehrenamt = „ja“)."""
    t = texte_in_allen_sprachen
    kwargs.setdefault("sprachen", FORMULAR_SPRACHEN)
    kwargs.setdefault(
        "titel", t("Leben im Quartier", "Life in the neighbourhood", "الحياة في الحي")
    )
    kwargs.setdefault(
        "beschreibung", t("Sagen Sie uns Ihre Meinung.", "Tell us what you think.", "أخبرنا برأيك.")
    )
    kwargs.setdefault(
        "datenschutz",
        t("Die Teilnahme ist freiwillig.", "Taking part is voluntary.", "المشاركة طوعية."),
    )
    befragung = BefragungFactory(**kwargs)

    def frage(name, typ, seite, text, **extra):
        return FrageFactory(
            befragung=befragung, name=name, typ=typ, seite=seite, text=text, **extra
        )

    def optionen(f, *namen_texte):
        return {
            name: AntwortoptionFactory(frage=f, position=i, name=name, text=text)
            for i, (name, text) in enumerate(namen_texte, start=1)
        }

    fragen = {}
    fragen["verkehrsmittel"] = frage(
        "verkehrsmittel",
        Frage.Typ.EINFACH,
        1,
        t("Wie sind Sie meist unterwegs?", "How do you usually get around?", "كيف تتنقل عادةً؟"),
        pflicht=True,
    )
    o_vm = optionen(
        fragen["verkehrsmittel"],
        ("bus", t("Mit Bus und Bahn", "By bus and train", "بالحافلة والقطار")),
        ("rad", t("Mit dem Rad", "By bike", "بالدراجة")),
        ("auto", t("Mit dem Auto", "By car", "بالسيارة")),
    )
    fragen["rad_wunsch"] = frage(
        "rad_wunsch",
        Frage.Typ.TEXT,
        1,
        t(
            "Was wünschen Sie sich für das Radfahren?",
            "What would help you cycle?",
            "ما الذي يساعدك على ركوب الدراجة؟",
        ),
        pflicht=True,
        bedingung_option=o_vm["rad"],
    )
    fragen["angebote"] = frage(
        "angebote",
        Frage.Typ.MEHRFACH,
        2,
        t("Welche Angebote nutzen Sie?", "Which services do you use?", "ما الخدمات التي تستخدمها؟"),
    )
    optionen(
        fragen["angebote"],
        ("sport", t("Sport", "Sports", "الرياضة")),
        ("kultur", t("Kultur", "Culture", "الثقافة")),
        ("beratung", t("Beratung", "Advice", "الاستشارة")),
    )
    fragen["zufriedenheit"] = frage(
        "zufriedenheit",
        Frage.Typ.SKALA,
        2,
        t(
            "Wie zufrieden sind Sie mit Ihrem Quartier?",
            "How satisfied are you with your neighbourhood?",
            "ما مدى رضاك عن حيّك؟",
        ),
        pflicht=True,
        skala_min=1,
        skala_max=5,
        skala_links=t("gar nicht zufrieden", "not at all satisfied", "غير راضٍ إطلاقًا"),
        skala_rechts=t("sehr zufrieden", "very satisfied", "راضٍ جدًا"),
        hilfe=t("1 ist der niedrigste Wert.", "1 is the lowest value.", "1 هي أدنى قيمة."),
    )
    fragen["aussagen"] = frage(
        "aussagen",
        Frage.Typ.MATRIX,
        2,
        t("Wie sehr stimmen Sie zu?", "How much do you agree?", "إلى أي مدى توافق؟"),
    )
    optionen(
        fragen["aussagen"],
        ("ja", t("stimme zu", "agree", "أوافق")),
        ("teils", t("teils, teils", "partly", "جزئيًا")),
        ("nein", t("stimme nicht zu", "disagree", "لا أوافق")),
    )
    for i, (name, text) in enumerate(
        [
            ("sicher", t("Ich fühle mich sicher.", "I feel safe.", "أشعر بالأمان.")),
            ("sauber", t("Die Straßen sind sauber.", "The streets are clean.", "الشوارع نظيفة.")),
        ],
        start=1,
    ):
        MatrixzeileFactory(frage=fragen["aussagen"], position=i, name=name, text=text)
    fragen["alter"] = frage(
        "alter",
        Frage.Typ.ZAHL,
        3,
        t("Wie alt sind Sie?", "How old are you?", "كم عمرك؟"),
        zahl_min=0,
        zahl_max=120,
    )
    fragen["wohnort"] = frage(
        "wohnort",
        Frage.Typ.QUARTIER,
        3,
        t(
            "In welchem Quartier wohnen Sie?",
            "Which neighbourhood do you live in?",
            "في أي حي تسكن؟",
        ),
    )
    fragen["ehrenamt"] = frage(
        "ehrenamt",
        Frage.Typ.JANEIN,
        3,
        t("Engagieren Sie sich ehrenamtlich?", "Do you volunteer?", "هل تتطوع؟"),
        pflicht=True,
    )
    o_ea = optionen(
        fragen["ehrenamt"], ("ja", t("Ja", "Yes", "نعم")), ("nein", t("Nein", "No", "لا"))
    )
    fragen["bereich"] = frage(
        "bereich",
        Frage.Typ.EINFACH,
        4,
        t("In welchem Bereich?", "In which field?", "في أي مجال؟"),
        pflicht=True,
        bedingung_option=o_ea["ja"],
    )
    optionen(
        fragen["bereich"],
        ("sozial", t("Soziales", "Social", "اجتماعي")),
        ("umwelt", t("Umwelt", "Environment", "البيئة")),
    )
    befragung.testfragen = fragen
    return befragung


class BerichtsfassungFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Berichtsfassung

    titel = factory.Sequence(lambda n: f"Sachstandsbericht Fassung {n}")
    von = datetime.date(2024, 1, 1)
    bis = datetime.date(2024, 12, 31)
    quartiere_text = "alle Quartiere"
    erstellt_am = datetime.date(2025, 1, 15)
    erstellt_von = factory.SubFactory(UserFactory, role=Role.FACHSTELLE)
    inhalt_html = '<article class="portal-bericht"><h1>Sachstandsbericht</h1></article>'
    tabellen = factory.LazyFunction(
        lambda: [
            {"titel": "Bericht", "kopf": ["Angabe", "Wert"], "zeilen": [["Quartiere", "alle"]]}
        ]
    )
