"""The report's Aktivitäten section: one combined grouped query gives the same figures as
counting each breakdown on its own."""

import datetime
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Count, Q, Sum

from cockpit.bericht import aktivitaeten
from quartiere.models import Aktivitaet, Handlungsfeld, Zielgruppe

from ..factories import AktivitaetFactory, HandlungsfeldFactory, QuartierFactory, ZielgruppeFactory

pytestmark = pytest.mark.django_db

VON, BIS = datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)


def reference(model, quartiere):
    """Each taxonomy entry counted on its own, as the section did before the combined query."""
    cond = Q(aktivitaeten__datum__gte=VON, aktivitaeten__datum__lte=BIS)
    if quartiere:
        cond &= Q(aktivitaeten__quartier__in=quartiere)
    rows = model.objects.order_by("position", "name").annotate(
        anzahl=Count("aktivitaeten", filter=cond),
        teilnehmende=Sum("aktivitaeten__teilnehmende", filter=cond),
        stunden=Sum("aktivitaeten__stunden", filter=cond),
    )
    return [
        (r.name, r.anzahl, r.teilnehmende or 0, r.stunden or Decimal(0))
        for r in rows
        if r.aktiv or r.anzahl
    ]


def figures(zeilen):
    return [(z.label, z.anzahl, z.teilnehmende, z.stunden) for z in zeilen]


@pytest.fixture
def mixed():
    """Aktivitäten with none, one or several Handlungsfelder and Zielgruppen, missing figures,
    two Quartiere, inactive entries with and without Aktivitäten, and some outside the period."""
    nord, sued = QuartierFactory(name="Nord"), QuartierFactory(name="Süd")
    hf = [HandlungsfeldFactory(name=f"HF {i}", position=i) for i in range(3)]
    hf_alt = HandlungsfeldFactory(name="HF alt", aktiv=False)
    HandlungsfeldFactory(name="HF alt, leer", aktiv=False)
    zg = [ZielgruppeFactory(name=f"ZG {i}", position=i) for i in range(2)]
    arten = list(Aktivitaet.Art)
    for i in range(14):
        a = AktivitaetFactory(
            quartier=nord if i % 3 else sued,
            datum=datetime.date(2024 if i < 12 else 2025, 1 + i % 12, 10),
            art=arten[i % len(arten)],
            teilnehmende=None if i % 5 == 0 else i,
            stunden=None if i % 4 == 0 else Decimal(i) / 2,
        )
        a.handlungsfelder.set(hf[: i % 4] + ([hf_alt] if i == 7 else []))
        a.zielgruppen.set(zg[: i % 3])
    return nord, sued


@pytest.mark.parametrize("choose_nord", [False, True])
def test_combined_query_gives_the_figures_of_the_separate_counts(mixed, choose_nord):
    quartiere = [mixed[0]] if choose_nord else []
    qs = Aktivitaet.objects.in_period(VON, BIS)
    if quartiere:
        qs = qs.filter(quartier__in=quartiere)
    section = aktivitaeten.abschnitt(VON, BIS, quartiere)

    assert figures(section.handlungsfelder) == reference(Handlungsfeld, quartiere)
    assert figures(section.zielgruppen) == reference(Zielgruppe, quartiere)
    assert "HF alt" in [z.label for z in section.handlungsfelder], "inactive, with Aktivitäten"
    assert "HF alt, leer" not in [z.label for z in section.handlungsfelder]
    totals = qs.totals()
    assert (section.gesamt.anzahl, section.gesamt.teilnehmende, section.gesamt.stunden) == (
        totals["anzahl"],
        totals["teilnehmende"] or 0,
        totals["stunden"] or Decimal(0),
    )
    for art, label in Aktivitaet.Art.choices:
        expected = qs.filter(art=art).totals()
        z = next(z for z in section.arten if z.label == label)
        assert (z.anzahl, z.teilnehmende, z.stunden) == (
            expected["anzahl"],
            expected["teilnehmende"] or 0,
            expected["stunden"] or Decimal(0),
        )


@pytest.mark.parametrize("choose_nord", [False, True])
def test_the_breakdowns_are_one_query_and_cached(
    mixed, choose_nord, django_assert_num_queries, needs_postgresql
):
    quartiere = [mixed[0]] if choose_nord else []
    with django_assert_num_queries(2):  # the Datenstand and the grouped query
        rows = aktivitaeten.breakdowns(VON, BIS, quartiere)
    assert {kind for kind, _key in rows} == {"art", "handlungsfeld", "zielgruppe"}
    qs = Aktivitaet.objects.in_period(VON, BIS).filter(quartier__in=quartiere or [*mixed])
    assert sum(row["anzahl"] for (kind, _key), row in rows.items() if kind == "art") == qs.count()
    with django_assert_num_queries(1):  # the Datenstand only
        assert aktivitaeten.breakdowns(VON, BIS, quartiere) == rows


def art_total(quartiere=()):
    rows = aktivitaeten.breakdowns(VON, BIS, quartiere)
    return sum(row["anzahl"] for (kind, _key), row in rows.items() if kind == "art")


def hf_total(name):
    section = aktivitaeten.abschnitt(VON, BIS, [])
    return next(z.anzahl for z in section.handlungsfelder if z.label == name)


def test_every_kind_of_write_gives_new_figures(mixed):
    """The cache is keyed by the Datenstand, which every write to the Aktivitäten or their
    Handlungsfelder and Zielgruppen changes: ORM saves, bulk and queryset writes, M2M
    changes and deletions."""
    nord, _sued = mixed
    before = art_total()
    neu = AktivitaetFactory(quartier=nord, datum=datetime.date(2024, 6, 1))
    assert art_total() == before + 1
    Aktivitaet.objects.filter(pk=neu.pk).update(datum=datetime.date(2020, 1, 1))
    assert art_total() == before
    Aktivitaet.objects.filter(pk=neu.pk).update(datum=datetime.date(2024, 6, 2))
    assert art_total() == before + 1
    assert art_total([nord]) == Aktivitaet.objects.in_period(VON, BIS).filter(quartier=nord).count()
    hf = Handlungsfeld.objects.get(name="HF 0")
    n = hf_total("HF 0")
    neu.handlungsfelder.add(hf)
    assert hf_total("HF 0") == n + 1
    Aktivitaet.handlungsfelder.through.objects.filter(aktivitaet=neu).delete()
    assert hf_total("HF 0") == n
    Aktivitaet.objects.bulk_create(
        [
            Aktivitaet(quartier=nord, datum=datetime.date(2024, 3, 3), autor=neu.autor, art=neu.art)
            for _ in range(3)
        ]
    )
    assert art_total() == before + 4
    Aktivitaet.objects.filter(pk=neu.pk).delete()
    assert art_total() == before + 3


def test_a_rolled_back_write_leaves_the_cached_figures_right(mixed):
    """A version is never handed out twice (a sequence), and the Datenstand row rolls back
    with the data: figures cached inside a rolled-back transaction are never read again."""
    before = art_total()
    with pytest.raises(RuntimeError), transaction.atomic():
        AktivitaetFactory(quartier=mixed[0], datum=datetime.date(2024, 6, 1))
        assert art_total() == before + 1
        raise RuntimeError
    assert art_total() == before
    AktivitaetFactory(quartier=mixed[0], datum=datetime.date(2024, 6, 1))
    assert art_total() == before + 1
