"""Synthetic city-scale data for the benchmarks: `seed_city --scale N` (bulk inserts, fast).

Scale 1 is roughly one city like Langenhagen: 40 Quartiere, 800 Akteure, 3,000 Personen,
150 Gremien, 10,000 Termine with 60,000 Einladungen, 20,000 Aktivitäten, and 20 Befragungen
with 50,000 Rückmeldungen. Everything it creates is named „Bench …“; it refuses to run twice
on the same database unless given --replace, which first removes the previous bench data.
"""

import datetime
import random
import time
from collections import defaultdict
from decimal import Decimal

from auditlog.context import disable_auditlog, set_actor
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from befragung.models import Antwort, Antwortoption, Befragung, Frage, Rueckmeldung
from gwa_portal.core.audit import log_bulk_create
from gwa_portal.core.models import Role, User
from netzwerk.models import Akteur, Einladung, Gremium, Mitgliedschaft, Ort, Person, Termin
from quartiere.demo import hexagon
from quartiere.models import (
    Aktivitaet,
    Handlungsfeld,
    Koordination,
    Quartier,
    Stadtteil,
    Zielgruppe,
)

PER_SCALE = {
    "quartiere": 40,
    "akteure": 800,
    "personen": 3_000,
    "gremien": 150,
    "termine": 10_000,
    "einladungen_pro_termin": 6,
    "aktivitaeten": 20_000,
    "befragungen": 20,
    "rueckmeldungen": 50_000,
}
PREFIX = "Bench"
BATCH = 5_000


class Command(BaseCommand):
    help = "Erzeugt synthetische Daten in Stadtgröße für die Benchmarks (Skala 1 ≈ Langenhagen)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Vielfaches einer Stadt (1–20)")
        parser.add_argument(
            "--replace", action="store_true", help="vorhandene Bench-Daten vorher löschen"
        )
        parser.add_argument("--force", action="store_true", help="auch ohne DEBUG ausführen")

    def handle(self, *args, scale, replace, force, **options):
        if not (settings.DEBUG or force):
            raise CommandError("seed_city läuft nur mit DJANGO_DEBUG=1 oder mit --force.")
        if not 1 <= scale <= 20:
            raise CommandError("--scale muss zwischen 1 und 20 liegen.")
        if Stadtteil.objects.filter(name__startswith=PREFIX).exists():
            if not replace:
                raise CommandError("Es gibt schon Bench-Daten. Mit --replace werden sie ersetzt.")
            self.remove()
        started = time.monotonic()
        counts = {key: value * scale for key, value in PER_SCALE.items()}
        counts["einladungen_pro_termin"] = PER_SCALE["einladungen_pro_termin"]
        rng = random.Random(4711 + scale)
        with transaction.atomic():
            created = self.seed(counts, rng)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Fresh statistics and no dead rows from --replace, as a database in use would have
            # after autovacuum; otherwise the benchmarks measure stale plans. (VACUUM cannot
            # run inside a transaction, e.g. in a test.)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        seconds = time.monotonic() - started
        summary = ", ".join(f"{n} {label}" for label, n in created.items())
        self.stdout.write(self.style.SUCCESS(f"Skala {scale}: {summary} in {seconds:.0f} s."))

    def remove(self):
        # Removing bench data is no user action: its deletions are not logged, and the bench's
        # own entries (by bench users, or about bench objects) go too.
        with transaction.atomic(), disable_auditlog():
            LogEntry.objects.filter(actor__email__startswith="bench-").delete()
            LogEntry.objects.filter(object_repr__contains=f"{PREFIX} ").delete()
            Befragung.objects.filter(slug__startswith="bench-").delete()
            Einladung.objects.filter(termin__titel__startswith=PREFIX).delete()
            Termin.objects.filter(titel__startswith=PREFIX).delete()
            Gremium.objects.filter(name__startswith=PREFIX).delete()
            Person.objects.filter(name__startswith=PREFIX).delete()
            Aktivitaet.objects.filter(kurzbeschreibung__startswith=PREFIX).delete()
            Akteur.objects.filter(name__startswith=PREFIX).delete()
            Ort.objects.filter(name__startswith=PREFIX).delete()
            Koordination.objects.filter(quartier__name__startswith=PREFIX).delete()
            Quartier.objects.filter(name__startswith=PREFIX).delete()
            Stadtteil.objects.filter(name__startswith=PREFIX).delete()
            User.objects.filter(email__startswith="bench-").delete()

    def seed(self, counts, rng):
        today = timezone.localdate()
        handlungsfelder = list(Handlungsfeld.objects.all())
        zielgruppen = list(Zielgruppe.objects.all())

        stadtteile = Stadtteil.objects.bulk_create(
            Stadtteil(name=f"{PREFIX} Stadtteil {i}", slug=f"bench-stadtteil-{i}", art="kernstadt")
            for i in range(max(1, counts["quartiere"] // 4))
        )
        quartiere = Quartier.objects.bulk_create(
            Quartier(
                name=f"{PREFIX} Quartier {i}",
                slug=f"bench-quartier-{i}",
                stadtteil=stadtteile[i % len(stadtteile)],
                typologie=rng.choice(["urban", "suburban", "doerflich"]),
                beschreibung="Synthetische Daten für Benchmarks.",
                grenze=hexagon(52.40 + (i % 20) * 0.01, 9.70 + (i // 20) * 0.01, 0.4),
            )
            for i in range(counts["quartiere"])
        )
        koordinatorinnen = User.objects.bulk_create(
            User(
                email=f"bench-koordination-{i}@example.org",
                name=f"{PREFIX} Koordination {i}",
                role=Role.KOORDINATION,
                password=make_password(None),  # unusable: bench accounts cannot log in
            )
            for i in range(max(1, counts["quartiere"] // 2))
        )
        Koordination.objects.bulk_create(
            Koordination(
                quartier=q,
                user=koordinatorinnen[i % len(koordinatorinnen)],
                von=datetime.date(2022, 1, 1),
            )
            for i, q in enumerate(quartiere)
        )

        aktivitaeten = Aktivitaet.objects.bulk_create(
            (
                Aktivitaet(
                    datum=today - datetime.timedelta(days=rng.randrange(730)),
                    quartier=quartiere[i % len(quartiere)],
                    autor=koordinatorinnen[i % len(koordinatorinnen)],
                    art=rng.choice(Aktivitaet.Art.values),
                    kurzbeschreibung=f"{PREFIX} Aktivität {i}",
                    teilnehmende=rng.randrange(0, 40),
                    stunden=Decimal(rng.choice(["0.5", "1", "1.5", "2", "3"])),
                )
                for i in range(counts["aktivitaeten"])
            ),
            batch_size=BATCH,
        )
        hf_through = Aktivitaet.handlungsfelder.through
        zg_through = Aktivitaet.zielgruppen.through
        hf_through.objects.bulk_create(
            (
                hf_through(aktivitaet_id=a.pk, handlungsfeld_id=rng.choice(handlungsfelder).pk)
                for a in aktivitaeten
            ),
            batch_size=BATCH,
            ignore_conflicts=True,
        )
        zg_through.objects.bulk_create(
            (
                zg_through(aktivitaet_id=a.pk, zielgruppe_id=rng.choice(zielgruppen).pk)
                for a in aktivitaeten
            ),
            batch_size=BATCH,
            ignore_conflicts=True,
        )

        akteure = Akteur.objects.bulk_create(
            Akteur(name=f"{PREFIX} Akteur {i}", art=rng.choice(Akteur.Art.values))
            for i in range(counts["akteure"])
        )
        akteur_quartiere = Akteur.quartiere.through
        akteur_quartiere.objects.bulk_create(
            akteur_quartiere(akteur_id=a.pk, quartier_id=quartiere[i % len(quartiere)].pk)
            for i, a in enumerate(akteure)
        )
        personen = Person.objects.bulk_create(
            (
                Person(
                    name=f"{PREFIX} Person {i}",
                    email=f"bench-person-{i}@example.org",
                    akteur=akteure[i % len(akteure)],
                    einwilligung_am=datetime.date(2024, 1, 1),
                    einwilligung_zweck="Benchmark",
                    kalender_token=f"bench-{i}-{rng.getrandbits(64):x}",
                )
                for i in range(counts["personen"])
            ),
            batch_size=BATCH,
        )
        gremien = Gremium.objects.bulk_create(
            Gremium(
                name=f"{PREFIX} Gremium {i}",
                slug=f"bench-gremium-{i}",
                art=rng.choice(Gremium.Art.values),
                quartier=quartiere[i % len(quartiere)] if i % 5 else None,
            )
            for i in range(counts["gremien"])
        )
        per_gremium = counts["einladungen_pro_termin"]
        members = {g.pk: rng.sample(personen, per_gremium) for g in gremien}
        Mitgliedschaft.objects.bulk_create(
            (Mitgliedschaft(gremium_id=g, person=p) for g, ps in members.items() for p in ps),
            batch_size=BATCH,
        )
        orte = Ort.objects.bulk_create(
            Ort(name=f"{PREFIX} Ort {i}", strasse=f"Bench-Straße {i}", plz="30851")
            for i in range(max(1, counts["quartiere"]))
        )
        now = timezone.now()
        termine = Termin.objects.bulk_create(
            (
                Termin(
                    titel=f"{PREFIX} Termin {i}",
                    beginn=(
                        start := now + datetime.timedelta(hours=rng.randrange(-24 * 365, 24 * 180))
                    ),
                    ende=start + datetime.timedelta(hours=2),
                    ort=orte[i % len(orte)],
                    gremium=gremien[i % len(gremien)],
                    oeffentlich=i % 7 == 0,
                    uid=f"bench-{i}-{rng.getrandbits(64):x}@gwa-portal",
                )
                for i in range(counts["termine"])
            ),
            batch_size=BATCH,
        )
        einladungen = Einladung.objects.bulk_create(
            (
                Einladung(
                    termin=t,
                    person=p,
                    antwort=rng.choice(Einladung.Antwort.values),
                    sent_sequence=0,
                    sent_at=now,
                )
                for t in termine
                for p in members[t.gremium_id]
            ),
            batch_size=BATCH,
        )

        n_befragungen, n_rueckmeldungen = self.seed_befragungen(counts, quartiere, rng, today)
        # Last, so that the newest entries (the audit list's first page) are of the same kind
        # at every scale.
        n_protokoll = self.seed_audit(aktivitaeten)
        return {
            "Quartiere": len(quartiere),
            "Aktivitäten": len(aktivitaeten),
            "Einträge im Änderungsprotokoll": n_protokoll,
            "Akteure": len(akteure),
            "Personen": len(personen),
            "Gremien": len(gremien),
            "Termine": len(termine),
            "Einladungen": len(einladungen),
            "Befragungen": n_befragungen,
            "Rückmeldungen": n_rueckmeldungen,
        }

    def seed_audit(self, aktivitaeten):
        """The trail a city builds up: a „created“ entry per Aktivität by its author, so that
        the audit list is measured on a log of city size (one INSERT batch per author)."""
        by_author = defaultdict(list)
        for aktivitaet in aktivitaeten:
            by_author[aktivitaet.autor].append(aktivitaet)
        created = 0
        for author, rows in by_author.items():
            with set_actor(author):
                created += len(log_bulk_create(rows))
        return created

    def seed_befragungen(self, counts, quartiere, rng, today):
        """Surveys of five option questions, a scale, a number and a text question each."""
        per_survey = counts["rueckmeldungen"] // counts["befragungen"]
        total = 0
        for b in range(counts["befragungen"]):
            befragung = Befragung.objects.create(
                slug=f"bench-befragung-{b}",
                titel={"de": f"{PREFIX} Befragung {b}"},
                status=Befragung.Status.LAEUFT,
                beginn=datetime.date(2024, 1, 1),
            )
            fragen = Frage.objects.bulk_create(
                [
                    Frage(
                        befragung=befragung,
                        position=i + 1,
                        name=f"f{i + 1}",
                        typ=Frage.Typ.EINFACH,
                        text={"de": f"Frage {i + 1}"},
                    )
                    for i in range(5)
                ]
                + [
                    Frage(
                        befragung=befragung,
                        position=6,
                        name="skala",
                        typ=Frage.Typ.SKALA,
                        skala_min=1,
                        skala_max=5,
                        text={"de": "Zufriedenheit"},
                    ),
                    Frage(
                        befragung=befragung,
                        position=7,
                        name="alter",
                        typ=Frage.Typ.ZAHL,
                        zahl_min=14,
                        zahl_max=110,
                        text={"de": "Alter"},
                    ),
                    Frage(
                        befragung=befragung,
                        position=8,
                        name="anmerkung",
                        typ=Frage.Typ.TEXT,
                        text={"de": "Anmerkungen"},
                    ),
                ]
            )
            optionen = {
                f.pk: Antwortoption.objects.bulk_create(
                    Antwortoption(
                        frage=f, position=j + 1, name=f"o{j + 1}", text={"de": f"Antwort {j + 1}"}
                    )
                    for j in range(4)
                )
                for f in fragen[:5]
            }
            rueckmeldungen = Rueckmeldung.objects.bulk_create(
                (
                    Rueckmeldung(
                        befragung=befragung,
                        sprache="de",
                        kanal="online" if i % 10 else "papier",
                        eingereicht_am=today - datetime.timedelta(days=rng.randrange(300)),
                        quartier=quartiere[rng.randrange(len(quartiere))],
                    )
                    for i in range(per_survey)
                ),
                batch_size=BATCH,
            )

            Antwort.objects.bulk_create(
                generate_antworten(rueckmeldungen, fragen, optionen, rng), batch_size=BATCH
            )
            total += len(rueckmeldungen)
        return counts["befragungen"], total


def generate_antworten(rueckmeldungen, fragen, optionen, rng):
    for r in rueckmeldungen:
        for f in fragen[:5]:
            yield Antwort(rueckmeldung=r, frage=f, option=rng.choice(optionen[f.pk]))
        yield Antwort(rueckmeldung=r, frage=fragen[5], zahl=rng.randint(1, 5))
        yield Antwort(rueckmeldung=r, frage=fragen[6], zahl=rng.randint(14, 95))
        if rng.random() < 0.2:
            yield Antwort(rueckmeldung=r, frage=fragen[7], text="Mehr Bänke im Park.")
