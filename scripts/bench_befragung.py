"""Benchmark of survey results and exports: 15 questions, 50,000 Rueckmeldungen (bulk_create).

    createdb -h 127.0.0.1 -U postgres gwa_bench_bf
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gwa_bench_bf .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gwa_bench_bf \
        .venv/bin/python scripts/bench_befragung.py [--rueckmeldungen 50000] [--fresh]

The survey `bench-befragung` is created once and reused (`--fresh` rebuilds it). Prints a
Markdown table: wall time, queries and the peak memory (RSS above the level before the
operation) of each operation, each run in a fresh process.
"""

import argparse
import datetime
import json
import os
import random
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gwa_portal.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from befragung import auswertung, exporte  # noqa: E402
from befragung.models import (  # noqa: E402
    Antwort,
    Antwortoption,
    Befragung,
    Frage,
    Matrixzeile,
    Rueckmeldung,
)
from gwa_portal.core.csv_export import streamed_csv  # noqa: E402
from gwa_portal.core.models import Role, User  # noqa: E402
from gwa_portal.core.xlsx_stream import streamed_xlsx  # noqa: E402
from quartiere.models import Quartier, Stadtteil  # noqa: E402

SLUG = "bench-befragung"
BATCH = 2000
QUESTIONS = [
    ("wohndauer", Frage.Typ.EINFACH, 5),
    ("wohnform", Frage.Typ.EINFACH, 4),
    ("alter_gruppe", Frage.Typ.EINFACH, 6),
    ("sicherheit", Frage.Typ.EINFACH, 4),
    ("gern", Frage.Typ.JANEIN, 2),
    ("orte", Frage.Typ.MEHRFACH, 8),
    ("angebote", Frage.Typ.MEHRFACH, 6),
    ("zufrieden", Frage.Typ.SKALA, 0),
    ("nachbarschaft", Frage.Typ.SKALA, 0),
    ("wunsch", Frage.Typ.TEXT, 0),
    ("kritik", Frage.Typ.TEXT, 0),
    ("alter", Frage.Typ.ZAHL, 0),
    ("quartier", Frage.Typ.QUARTIER, 0),
    ("bewertung", Frage.Typ.MATRIX, 3),
    ("wege", Frage.Typ.MATRIX, 3),
]


def quartiere():
    existing = list(Quartier.objects.all()[:12])
    if len(existing) >= 5:
        return existing
    stadtteil, _ = Stadtteil.objects.get_or_create(
        slug="bench", defaults={"name": "Bench", "art": Stadtteil.Art.values[0]}
    )
    return [
        Quartier.objects.get_or_create(
            slug=f"bench-{i}",
            defaults={
                "name": f"Bench-Quartier {i}",
                "stadtteil": stadtteil,
                "typologie": Quartier.Typologie.values[0],
            },
        )[0]
        for i in range(8)
    ]


def build(n):
    rng = random.Random(42)  # noqa: S311 - reproducible test data, not a secret
    qs = quartiere()
    with transaction.atomic():
        befragung = Befragung.objects.create(
            slug=SLUG, titel={"de": "Benchmark-Befragung"}, status=Befragung.Status.LAEUFT
        )
        fragen = []
        for position, (name, typ, n_options) in enumerate(QUESTIONS, start=1):
            extra = {"skala_min": 1, "skala_max": 5} if typ == Frage.Typ.SKALA else {}
            frage = Frage.objects.create(
                befragung=befragung,
                position=position,
                name=name,
                typ=typ,
                text={"de": f"Frage {name}"},
                **extra,
            )
            names = (
                ["ja", "nein"] if typ == Frage.Typ.JANEIN else [f"o{i}" for i in range(n_options)]
            )
            if typ == Frage.Typ.MATRIX:
                names = ["gut", "mittel", "schlecht"]
                frage.bench_zeilen = Matrixzeile.objects.bulk_create(
                    Matrixzeile(frage=frage, position=i, name=f"z{i}", text={"de": f"Zeile {i}"})
                    for i in range(1, 5)
                )
            frage.bench_options = Antwortoption.objects.bulk_create(
                Antwortoption(frage=frage, position=i, name=nm, text={"de": nm.title()})
                for i, nm in enumerate(names, start=1)
            )
            fragen.append(frage)
    start = datetime.date(2024, 5, 1)
    for offset in range(0, n, BATCH):
        rueckmeldungen = [
            Rueckmeldung(
                id=uuid.uuid4(),
                befragung=befragung,
                sprache=rng.choice(["de", "de", "de", "en", "tr", "ar"]),
                kanal=rng.choice(["online", "online", "papier"]),
                eingereicht_am=start + datetime.timedelta(days=rng.randrange(60)),
                quartier=rng.choice(qs),
            )
            for _ in range(min(BATCH, n - offset))
        ]
        antworten = []
        for r in rueckmeldungen:
            for frage in fragen:
                if rng.random() < 0.1:  # skipped
                    continue
                if frage.typ in (Frage.Typ.EINFACH, Frage.Typ.JANEIN):
                    antworten.append(
                        Antwort(rueckmeldung=r, frage=frage, option=rng.choice(frage.bench_options))
                    )
                elif frage.typ == Frage.Typ.MEHRFACH:
                    for option in rng.sample(frage.bench_options, rng.randint(1, 3)):
                        antworten.append(Antwort(rueckmeldung=r, frage=frage, option=option))
                elif frage.typ == Frage.Typ.SKALA:
                    antworten.append(Antwort(rueckmeldung=r, frage=frage, zahl=rng.randint(1, 5)))
                elif frage.typ == Frage.Typ.TEXT:
                    if rng.random() < 0.3:
                        antworten.append(
                            Antwort(
                                rueckmeldung=r, frage=frage, text=f"Freitext {rng.random():.6f}"
                            )
                        )
                elif frage.typ == Frage.Typ.ZAHL:
                    antworten.append(Antwort(rueckmeldung=r, frage=frage, zahl=rng.randint(16, 95)))
                elif frage.typ == Frage.Typ.QUARTIER:
                    antworten.append(Antwort(rueckmeldung=r, frage=frage, quartier=rng.choice(qs)))
                elif frage.typ == Frage.Typ.MATRIX:
                    for zeile in frage.bench_zeilen:
                        antworten.append(
                            Antwort(
                                rueckmeldung=r,
                                frage=frage,
                                zeile=zeile,
                                option=rng.choice(frage.bench_options),
                            )
                        )
        with transaction.atomic():
            Rueckmeldung.objects.bulk_create(rueckmeldungen)
            Antwort.objects.bulk_create(antworten, batch_size=5000)
    if connection.vendor == "postgresql":
        # What autovacuum does after a batch: statistics, and the visibility map that lets the
        # results read the covering index alone (an index-only scan).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE befragung_rueckmeldung, befragung_antwort")
    return befragung


def status_mb(key):
    """VmRSS (now) or VmHWM (peak) of this process from /proc (Linux). Not getrusage():
    its ru_maxrss survives exec, so it would report the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(label, func):
    """Run one operation in this fresh process: time, queries, and peak memory above the
    memory before it (peak RSS, so no tracemalloc overhead distorts the time)."""
    baseline = status_mb("VmRSS")
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        detail = func()
        seconds = time.perf_counter() - began
    peak = status_mb("VmHWM")
    return {
        "label": label,
        "seconds": seconds,
        "peak": max(0.0, peak - baseline),
        "queries": len(queries.captured_queries),
        "detail": detail,
    }


def consume(response):
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    return f"{size / 2**20:.1f} MB"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rueckmeldungen", type=int, default=50_000)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--operation", choices=OPERATIONS)
    args = parser.parse_args()
    if args.operation:
        operation(args.operation)
        return
    print(f"Datenbank: {connection.vendor} ({connection.settings_dict['NAME']})")
    befragung = Befragung.objects.filter(slug=SLUG).first()
    if befragung and (args.fresh or befragung.rueckmeldungen.count() != args.rueckmeldungen):
        befragung.delete()
        befragung = None
    if befragung is None:
        began = time.perf_counter()
        befragung = build(args.rueckmeldungen)
        print(f"Aufgebaut in {time.perf_counter() - began:.1f} s")
    n_r = befragung.rueckmeldungen.count()
    n_a = Antwort.objects.filter(rueckmeldung__befragung=befragung).count()
    print(f"{n_r} Rückmeldungen, {n_a} Antworten, {befragung.fragen.count()} Fragen\n")

    print("| Vorgang | Zeit (s) | zusätzlicher Spitzen-RSS (MB) | Abfragen | Ergebnis |")
    print("|---|---:|---:|---:|---|")
    for name in OPERATIONS:
        # Each operation in its own process, so that one's peak memory does not hide another's.
        output = subprocess.run(  # noqa: S603 - this script with a fixed operation name
            [sys.executable, __file__, "--operation", name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        r = json.loads(output.strip().splitlines()[-1])
        print(
            f"| {r['label']} | {r['seconds']:.2f} | {r['peak']:.0f} | {r['queries']} | {r['detail']} |"
        )


def operation(name):
    setup_test_environment()
    befragung = Befragung.objects.get(slug=SLUG)
    kreuz = befragung.fragen.get(name="gern")
    quartier = Quartier.objects.filter(pk__in=befragung.rueckmeldungen.values("quartier")).first()
    user, _ = User.objects.get_or_create(
        email="bench-verwaltung@example.org", defaults={"name": "Bench", "role": Role.VERWALTUNG}
    )
    client = Client()
    client.force_login(user)
    # gunicorn's WSGIHandler loads the middleware when a worker boots, never in a request; the
    # test client would do it in the measured request (whitenoise then scans every static
    # file, about 0.2 s), so it is done here.
    client.handler.load_middleware()
    # Cold: no result counts from an earlier run in a Redis that kept them.
    auswertung.daten_geaendert(befragung)
    url = reverse("befragung:ergebnisse", args=[befragung.slug])
    warm = {"seite_warm": url, "seite_kreuz_warm": f"{url}?kreuz={kreuz.pk}"}
    label, func = {
        "auswerten": (
            "auswerten() ohne Filter",
            lambda: f"{auswertung.auswerten(befragung).gesamt_zelle.n} Rückmeldungen",
        ),
        "quartier": (
            "auswerten() mit Quartier-Filter",
            lambda: (
                f"{auswertung.auswerten(befragung, auswertung.Filter(quartier=quartier)).gesamt_zelle.n} Rückmeldungen"
            ),
        ),
        "kreuz": (
            "auswerten() mit Kreuztabelle",
            lambda: (
                f"{len(auswertung.auswerten(befragung, auswertung.Filter(kreuz=kreuz)).spalten)} Spalten"
            ),
        ),
        "seite": ("Ergebnisseite (HTTP, gerendert)", lambda: f"HTTP {client.get(url).status_code}"),
        "seite_kreuz": (
            "Ergebnisseite mit Kreuztabelle",
            lambda: f"HTTP {client.get(f'{url}?kreuz={kreuz.pk}').status_code}",
        ),
        "seite_warm": (
            "Zweiter Aufruf der Ergebnisseite (Zählung aus dem Cache)",
            lambda: f"HTTP {client.get(warm[name]).status_code}",
        ),
        "seite_kreuz_warm": (
            "Zweiter Aufruf mit Kreuztabelle (Zählung aus dem Cache)",
            lambda: f"HTTP {client.get(warm[name]).status_code}",
        ),
        "csv": (
            "CSV-Export (gestreamt)",
            lambda: consume(streamed_csv("export.csv", *exporte.table(befragung))),
        ),
        "xlsx": (
            "XLSX-Export (gestreamt)",
            lambda: consume(streamed_xlsx("export.xlsx", exporte.sheets(befragung))),
        ),
    }[name]
    if name in warm:
        client.get(warm[name])  # not measured: counts the answers into the cache
    print(json.dumps(measure(label, func)))


OPERATIONS = [
    "auswerten",
    "quartier",
    "kreuz",
    "seite",
    "seite_kreuz",
    "seite_warm",
    "seite_kreuz_warm",
    "csv",
    "xlsx",
]


if __name__ == "__main__":
    main()
