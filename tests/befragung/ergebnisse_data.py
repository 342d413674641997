"""Answer data for the results and export tests, written with bulk_create."""

import datetime
import uuid

from befragung.models import Antwort, Frage, Rueckmeldung

from ..factories import (
    AntwortoptionFactory,
    BefragungFactory,
    FrageFactory,
    MatrixzeileFactory,
    QuartierFactory,
)


def options(frage, *names):
    return {
        name: AntwortoptionFactory(frage=frage, position=i, name=name, text={"de": name.title()})
        for i, name in enumerate(names, start=1)
    }


def survey(**kwargs):
    """A survey with one question of every type; returns (befragung, fragen, optionen, zeilen)."""
    qa = QuartierFactory(name="Alpha", slug="alpha")
    qb = QuartierFactory(name="Beta", slug="beta")
    qc = QuartierFactory(name="Gamma", slug="gamma")
    befragung = BefragungFactory(quartiere=[qa, qb, qc], mindestgruppe=5, **kwargs)
    f = {}
    for position, (name, typ) in enumerate(
        [
            ("wohnen", Frage.Typ.EINFACH),
            ("gern", Frage.Typ.JANEIN),
            ("orte", Frage.Typ.MEHRFACH),
            ("zufrieden", Frage.Typ.SKALA),
            ("wunsch", Frage.Typ.TEXT),
            ("alter", Frage.Typ.ZAHL),
            ("quartier", Frage.Typ.QUARTIER),
            ("matrix", Frage.Typ.MATRIX),
        ],
        start=1,
    ):
        extra = {"skala_min": 1, "skala_max": 5} if typ == Frage.Typ.SKALA else {}
        f[name] = FrageFactory(
            befragung=befragung,
            position=position,
            name=name,
            typ=typ,
            text={"de": f"Frage {name}"},
            **extra,
        )
    o = {
        "wohnen": options(f["wohnen"], "a", "b", "c"),
        "gern": options(f["gern"], "ja", "nein"),
        "orte": options(f["orte"], "x", "y"),
        "matrix": options(f["matrix"], "gut", "schlecht"),
    }
    z = {
        name: MatrixzeileFactory(frage=f["matrix"], position=i, name=name, text={"de": name})
        for i, name in enumerate(["r1", "r2"], start=1)
    }
    return befragung, f, o, z, {"a": qa, "b": qb, "c": qc}


def add(befragung, count, *, answers, sprache="de", kanal="online", quartier=None, ids=None):
    """`count` Rueckmeldungen, each with `answers(i)` → list of Antwort field dicts."""
    rueckmeldungen = [
        Rueckmeldung(
            id=ids[i] if ids else uuid.uuid4(),
            befragung=befragung,
            sprache=sprache,
            kanal=kanal,
            quartier=quartier,
            eingereicht_am=datetime.date(2024, 6, 1) + datetime.timedelta(days=i % 20),
        )
        for i in range(count)
    ]
    Rueckmeldung.objects.bulk_create(rueckmeldungen)
    Antwort.objects.bulk_create(
        Antwort(rueckmeldung=r, **fields)
        for i, r in enumerate(rueckmeldungen)
        for fields in answers(i)
    )
    return rueckmeldungen


def known_data():
    """The hand-built data set of the aggregation tests (counts in the test docstrings)."""
    befragung, f, o, z, q = survey()

    def group_a(i):
        wohnen = "a" if i < 12 else ("b" if i < 18 else "c")
        rows = [
            {"frage": f["wohnen"], "option": o["wohnen"][wohnen]},
            {"frage": f["gern"], "option": o["gern"]["ja"]},
            {"frage": f["orte"], "option": o["orte"]["x"]},
            {"frage": f["zufrieden"], "zahl": 5 if i < 10 else 4},
            {"frage": f["wunsch"], "text": f"Mehr Bänke {i}"},
            {"frage": f["alter"], "zahl": 30},
            {"frage": f["quartier"], "quartier": q["a"]},
            {"frage": f["matrix"], "zeile": z["r1"], "option": o["matrix"]["gut"]},
            {"frage": f["matrix"], "zeile": z["r2"], "option": o["matrix"]["schlecht"]},
        ]
        if i < 8:
            rows.append({"frage": f["orte"], "option": o["orte"]["y"]})
        return rows

    def group_b(i):
        rows = [
            {"frage": f["wohnen"], "option": o["wohnen"]["a" if i < 7 else "b"]},
            {"frage": f["gern"], "option": o["gern"]["nein"]},
            {"frage": f["orte"], "option": o["orte"]["x"]},
            {"frage": f["zufrieden"], "zahl": 1},
            {"frage": f["alter"], "zahl": 70},
            {"frage": f["quartier"], "quartier": q["b"]},
            {"frage": f["matrix"], "zeile": z["r1"], "option": o["matrix"]["schlecht"]},
        ]
        if i < 2:
            rows.append({"frage": f["orte"], "option": o["orte"]["y"]})
        return rows

    add(befragung, 20, answers=group_a, quartier=q["a"])
    add(befragung, 10, answers=group_b, quartier=q["b"], sprache="en", kanal="papier")
    add(befragung, 3, answers=lambda i: [{"frage": f["wunsch"], "text": "Ruhe"}], quartier=q["c"])
    return befragung, f, o, z, q
