"""Load the Langenhagen demo: accounts, geography, coordinators, figures, daily work and the
Netzwerk (Akteure, Personen, Gremien, Termine with invitations, Fortbildung, Supervision,
Angebote), the Befragungen (a running survey in six languages with demo answers, and a
code survey for partners) and a saved Sachstandsbericht of last year."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from befragung.demo import seed_befragung
from gwa_portal.core.models import Role, User
from netzwerk import demo as netzwerk_demo
from netzwerk.models import Person
from quartiere.demo import (
    seed_aktivitaeten,
    seed_geography,
    seed_kennzahlen,
    seed_planung,
    seed_taxonomien,
)
from quartiere.models import Koordination, Quartier

from ... import berichtsarchiv, render_bericht
from ...bericht import sachstandsbericht
from ...models import Berichtsfassung

DEMO_PASSWORD = "gwa-demo-2024"  # noqa: S105 - documented demo password, DEBUG-only command

DEMO_ACCOUNTS = [
    ("fachstelle@example.org", "Frieda Fachstelle (Demo)", Role.FACHSTELLE),
    ("koordination@example.org", "Kemal Koordination (Demo)", Role.KOORDINATION),
    ("verwaltung@example.org", "Vera Verwaltung (Demo)", Role.VERWALTUNG),
    ("partner@example.org", "Paula Partner (Demo)", Role.PARTNER),
]

DEMO_KOORDINATION = ["wiesenau", "alte-mitte"]

# Colleagues who appear in the history but cannot log in: (email, name, active, [(slug, von, bis)]).
DEMO_KOLLEG_INNEN = [
    (
        "greta.godshorn@example.org",
        "Greta Godshorn (Demo)",
        True,
        [
            ("godshorn", datetime.date(2023, 6, 1), None),
            ("kaltenweide-weiherfeld", datetime.date(2024, 4, 1), None),
        ],
    ),
    (
        "hanna.frueher@example.org",
        "Hanna Früher (Demo, ausgeschieden)",
        False,
        [("wiesenau", datetime.date(2021, 3, 1), datetime.date(2023, 12, 31))],
    ),
]


class Command(BaseCommand):
    help = (
        "Lädt die Langenhagen-Demo (nur mit DEBUG oder --force). Mehrfaches Ausführen ist sicher."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="auch ohne DEBUG ausführen")

    def handle(self, *args, force=False, **options):
        if not (settings.DEBUG or force):
            raise CommandError(
                "seed_demo legt Demo-Zugänge mit bekanntem Passwort an und läuft deshalb nur "
                "mit DJANGO_DEBUG=1 oder mit --force."
            )
        with transaction.atomic():
            users = self.seed_accounts()
            n_stadtteile, n_quartiere = seed_geography()
            self.seed_koordination(users["koordination@example.org"])
            self.seed_kolleg_innen()
            seed_taxonomien()
            n_kennzahlen = seed_kennzahlen()
            n_aktivitaeten = seed_aktivitaeten(fachstelle=users["fachstelle@example.org"])
            n_bedarfe, n_massnahmen = seed_planung(erfasst_von=users["fachstelle@example.org"])
            netzwerk = self.seed_netzwerk(users)
            befragung = seed_befragung(erstellt_von=users["fachstelle@example.org"])
            n_fassungen = self.seed_berichtsfassung(users["fachstelle@example.org"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo geladen: {n_stadtteile} Stadtteile, {n_quartiere} Quartiere, "
                f"{len(users)} Demo-Zugänge, {n_kennzahlen} Kennzahlen, "
                f"{n_aktivitaeten} neue Aktivitäten, {n_bedarfe} Bedarfe, {n_massnahmen} Maßnahmen."
            )
        )
        self.stdout.write(
            "Netzwerk (neu angelegt): {akteure} Akteur:innen, {personen} Personen, "
            "{gremien} Gremien mit {mitgliedschaften} Mitgliedschaften, {termine} Termine, "
            "{einladungen} Einladungen, {fortbildungen} Fortbildungen, {protokolle} Protokolle, "
            "{supervisionen} Supervisionsgruppe, {angebote} Angebote, {partner} Aktivitäten mit Partner:in.".format(
                **netzwerk
            )
        )
        self.stdout.write(
            "Befragungen (neu angelegt): {befragungen} Befragungen, {fragen} Fragen, "
            "{rueckmeldungen} Rückmeldungen.".format(**befragung)
        )
        self.stdout.write(f"Berichtsfassungen (neu angelegt): {n_fassungen}.")
        self.stdout.write(f"Demo-Anmeldungen (Passwort für alle: {DEMO_PASSWORD}):")
        for email, _name, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<28} {Role(role).label}")

    def seed_accounts(self):
        users = {}
        for email, name, role in DEMO_ACCOUNTS:
            user, _created = User.objects.update_or_create(
                email=email,
                defaults={
                    "name": name,
                    "role": role,
                    "is_active": True,
                    "mfa_exempt": role == Role.FACHSTELLE,
                },
            )
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            users[email] = user
        return users

    def seed_netzwerk(self, users):
        fachstelle = users["fachstelle@example.org"]
        koordination = users["koordination@example.org"]
        partner = users["partner@example.org"]
        verwaltung = users["verwaltung@example.org"]
        greta = User.objects.get(email="greta.godshorn@example.org")
        counts = {"akteure": netzwerk_demo.seed_akteure()}
        counts["personen"] = netzwerk_demo.seed_personen(
            accounts={
                partner: "Wohnen im Quartier e. V.",
                verwaltung: "Fachbereich Soziales – Seniorenservice",
            }
        )
        counts["gremien"], counts["mitgliedschaften"] = netzwerk_demo.seed_gremien(
            organisator=fachstelle,
            extra_members={
                "runder-tisch-wiesenau": [Person.objects.get(user=partner)],
                "ag-seniorinnen": [Person.objects.get(user=verwaltung)],
            },
        )
        counts["termine"], counts["einladungen"] = netzwerk_demo.seed_termine(
            organisator=fachstelle
        )
        counts["fortbildungen"] = netzwerk_demo.seed_fortbildung(
            teilnehmende=[koordination, greta, verwaltung]
        )
        counts["fortbildungen"] += netzwerk_demo.seed_besuchte_fortbildung(
            teilgenommen=[koordination, greta]
        )
        counts["protokolle"] = netzwerk_demo.seed_protokolle(verfasst_von=fachstelle)
        counts["supervisionen"] = netzwerk_demo.seed_supervision(mitglieder=[koordination, greta])
        counts["angebote"] = netzwerk_demo.seed_angebote()
        counts["partner"] = netzwerk_demo.seed_aktivitaet_partner()
        return counts

    def seed_berichtsfassung(self, fachstelle):
        """Last year's report for all Quartiere, saved as the Fachstelle would for a committee."""
        today = timezone.localdate()
        jahr = today.year - 1
        titel = f"Sachstandsbericht {jahr} (Demo)"
        if Berichtsfassung.objects.filter(titel=titel).exists():
            return 0
        bericht = sachstandsbericht(
            von=datetime.date(jahr, 1, 1),
            bis=datetime.date(jahr, 12, 31),
            quartiere=[],
            today=today,
        )
        fassung = {"titel": titel, "anlass": "Sozialausschuss, Sitzung im Februar (Demo-Daten)"}
        berichtsarchiv.fassung_speichern(
            bericht=bericht,
            **fassung,
            inhalt_html=render_bericht.render_inhalt(bericht, fassung),
            by=fachstelle,
        )
        return 1

    def seed_koordination(self, user):
        start = datetime.date(2024, 1, 1)
        for slug in DEMO_KOORDINATION:
            quartier = Quartier.objects.get(slug=slug)
            Koordination.objects.get_or_create(quartier=quartier, user=user, von=start)

    def seed_kolleg_innen(self):
        for email, name, active, assignments in DEMO_KOLLEG_INNEN:
            user, created = User.objects.get_or_create(
                email=email,
                defaults={"name": name, "role": Role.KOORDINATION, "is_active": active},
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            for slug, von, bis in assignments:
                Koordination.objects.get_or_create(
                    quartier=Quartier.objects.get(slug=slug),
                    user=user,
                    von=von,
                    defaults={"bis": bis},
                )
