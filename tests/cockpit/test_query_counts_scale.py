"""The key pages make as many queries at scale 5 as at scale 1 (ARCHITECTURE §8; `make bench`
measures the same page list on PostgreSQL with the full seed_city data)."""

import pytest
from django.core.management import call_command
from django.test import Client

from cockpit.management.commands import seed_city
from scripts import bench_pages as bench

pytestmark = pytest.mark.django_db

# Small, but at scale 5 every list is longer than a page (GWA_PAGE_SIZE is 5 here).
TINY = {
    "quartiere": 2,
    "akteure": 4,
    "personen": 8,
    "gremien": 2,
    "termine": 40,
    "einladungen_pro_termin": 3,
    "aktivitaeten": 8,
    "befragungen": 1,
    "rueckmeldungen": 4,
}


def counts_at(scale):
    call_command("seed_city", "--scale", str(scale), "--replace", "--force")
    staff = Client()
    staff.force_login(bench.ensure_bench_user())
    return bench.query_counts(staff, Client())


def test_key_pages_make_the_same_number_of_queries_at_scale_1_and_5(monkeypatch, settings):
    monkeypatch.setattr(seed_city, "PER_SCALE", TINY)
    settings.GWA_PAGE_SIZE = 5
    small, large = counts_at(1), counts_at(5)

    available = {label: r for label, r in small.items() if r[0] is not None}
    assert set(available) == {page.label for page in bench.PAGES}, small  # every page resolves
    statuses = {label: r[1] for label, r in {**small, **large}.items() if r[0] is not None}
    assert set(statuses.values()) == {200}, statuses
    differing = {
        label: (small[label][2], large[label][2])
        for label in small
        if small[label][2] != large[label][2]
    }
    assert differing == {}, f"query count differs between scale 1 and 5: {differing}"
