"""Creating the demo surveys and their invented Rueckmeldungen (bulk, seeded random)."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from quartiere.models import Quartier

from ..models import Antwort, Antwortoption, Befragung, Frage, Matrixzeile, Rueckmeldung
from .texte import (
    BEGINN,
    FRAGEN,
    JA_NEIN,
    LANGS,
    N_RUECKMELDUNGEN,
    PARTNER,
    PARTNER_FRAGEN,
    PARTNER_SLUG,
    SLUG,
    SURVEY,
    WUENSCHE,
)


def create_fragen(befragung, specs):
    """The questions with their options and matrix rows; returns {name: Frage}."""
    fragen, optionen = {}, {}
    for position, spec in enumerate(specs, start=1):
        bedingung = None
        if spec.get("bedingung"):
            frage_name, option_name = spec["bedingung"].split(":")
            bedingung = optionen[frage_name][option_name]
        skala = spec.get("skala")
        zahl = spec.get("zahl")
        frage = Frage.objects.create(
            befragung=befragung,
            position=position,
            seite=spec["seite"],
            name=spec["name"],
            typ=spec["typ"],
            text=spec["text"],
            hilfe=spec.get("hilfe", {}),
            pflicht=spec.get("pflicht", False),
            skala_min=1 if skala else None,
            skala_max=5 if skala else None,
            skala_links=skala[0] if skala else {},
            skala_rechts=skala[1] if skala else {},
            zahl_min=zahl[0] if zahl else None,
            zahl_max=zahl[1] if zahl else None,
            bedingung_option=bedingung,
        )
        choices = JA_NEIN if spec["typ"] == Frage.Typ.JANEIN else spec.get("optionen", [])
        optionen[spec["name"]] = {
            name: Antwortoption.objects.create(frage=frage, position=i, name=name, text=text)
            for i, (name, text) in enumerate(choices, start=1)
        }
        for i, (name, text, _weights) in enumerate(spec.get("zeilen", []), start=1):
            Matrixzeile.objects.create(frage=frage, position=i, name=name, text=text)
        fragen[spec["name"]] = frage
    return fragen


def _answers(rng, rueckmeldung, fragen, quartiere):
    """One plausible questionnaire; conditional questions only when their condition holds."""
    specs = {spec["name"]: spec for spec in FRAGEN}
    chosen = set()  # option pks chosen so far
    rows = []
    for name, frage in fragen.items():
        spec = specs[name]
        if frage.bedingung_option_id and frage.bedingung_option_id not in chosen:
            continue
        if not frage.pflicht and rng.random() < 0.07:
            continue  # left out
        optionen = list(frage.optionen.all())
        weights = spec.get("gewichte")
        if frage.typ == Frage.Typ.QUARTIER:
            rueckmeldung.quartier = rng.choice(quartiere)
            rows.append(Antwort(frage=frage, quartier=rueckmeldung.quartier))
        elif frage.typ in (Frage.Typ.EINFACH, Frage.Typ.JANEIN):
            option = rng.choices(optionen, weights=weights)[0]
            chosen.add(option.pk)
            rows.append(Antwort(frage=frage, option=option))
        elif frage.typ == Frage.Typ.MEHRFACH:
            picked = [o for o, w in zip(optionen, weights, strict=True) if rng.random() < w / 100]
            for option in picked or [rng.choices(optionen, weights=weights)[0]]:
                rows.append(Antwort(frage=frage, option=option))
        elif frage.typ == Frage.Typ.SKALA:
            rows.append(Antwort(frage=frage, zahl=rng.choices(range(1, 6), weights=weights)[0]))
        elif frage.typ == Frage.Typ.MATRIX:
            row_weights = {n: w for n, _t, w in spec["zeilen"]}
            for zeile in frage.zeilen.all():
                option = rng.choices(optionen, weights=row_weights[zeile.name])[0]
                rows.append(Antwort(frage=frage, zeile=zeile, option=option))
        elif frage.typ == Frage.Typ.ZAHL:
            rows.append(
                Antwort(frage=frage, zahl=max(14, min(110, int(rng.triangular(16, 92, 52)))))
            )
        elif frage.typ == Frage.Typ.TEXT and rng.random() < 0.3:
            wuensche = WUENSCHE.get(rueckmeldung.sprache) or WUENSCHE["de"]
            rows.append(Antwort(frage=frage, text=rng.choice(wuensche)))
    for row in rows:
        row.rueckmeldung = rueckmeldung
    return rows


def seed_rueckmeldungen(befragung, *, today=None, anzahl=N_RUECKMELDUNGEN):
    """About 300 demo questionnaires, deterministic for a given day (seeded random)."""
    today = today or timezone.localdate()
    rng = random.Random(2024)  # noqa: S311 - invented demo answers, not security
    fragen = {
        f.name: f
        for f in befragung.fragen.prefetch_related("optionen", "zeilen").order_by("position")
    }
    quartiere = list(befragung.quartiere.order_by("slug")) or list(
        Quartier.objects.order_by("slug")
    )
    days = max((today - BEGINN).days, 0)
    rueckmeldungen, antworten = [], []
    for _n in range(anzahl):
        rueckmeldung = Rueckmeldung(
            befragung=befragung,
            sprache=rng.choices(LANGS, weights=[70, 5, 4, 8, 7, 6])[0],
            kanal=Rueckmeldung.Kanal.PAPIER if rng.random() < 0.1 else Rueckmeldung.Kanal.ONLINE,
            eingereicht_am=BEGINN + datetime.timedelta(days=rng.randint(0, days)),
        )
        antworten += _answers(rng, rueckmeldung, fragen, quartiere)
        rueckmeldungen.append(rueckmeldung)
    Rueckmeldung.objects.bulk_create(rueckmeldungen)
    Antwort.objects.bulk_create(antworten, batch_size=1000)
    return len(rueckmeldungen)


@transaction.atomic
def seed_befragung(*, erstellt_von=None, today=None):
    """Both demo surveys; returns what was created: {"befragungen", "fragen", "rueckmeldungen"}."""
    counts = {"befragungen": 0, "fragen": 0, "rueckmeldungen": 0}
    befragung, created = Befragung.objects.get_or_create(
        slug=SLUG,
        defaults={
            **SURVEY,
            "sprachen": list(LANGS),
            "modus": Befragung.Modus.OFFEN,
            "status": Befragung.Status.LAEUFT,
            "beginn": BEGINN,
            "ende": None,
            "erstellt_von": erstellt_von,
        },
    )
    if created:
        befragung.quartiere.set(Quartier.objects.all())
        counts["befragungen"] += 1
    if not befragung.fragen.exists():
        counts["fragen"] += len(create_fragen(befragung, FRAGEN))
    if not befragung.rueckmeldungen.exists():
        counts["rueckmeldungen"] = seed_rueckmeldungen(befragung, today=today)

    partner, created = Befragung.objects.get_or_create(
        slug=PARTNER_SLUG,
        defaults={
            **PARTNER,
            "sprachen": ["de", "en"],
            "modus": Befragung.Modus.ZUGANGSCODE,
            "status": Befragung.Status.LAEUFT,
            "beginn": BEGINN,
            "erstellt_von": erstellt_von,
        },
    )
    counts["befragungen"] += int(created)
    if not partner.fragen.exists():
        counts["fragen"] += len(create_fragen(partner, PARTNER_FRAGEN))
    return counts
