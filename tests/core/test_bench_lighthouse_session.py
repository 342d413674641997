"""The Lighthouse section's session phase (scripts/bench_lighthouse.py) on tiny seed_city data:
every page resolves, the anonymous pages are public, and each role's cookie opens its pages
(the MFA middleware lets the bench users through) instead of the login page."""

import pytest
from django.core.management import call_command
from django.test import Client

from cockpit.management.commands import seed_city
from scripts import bench_lighthouse

pytestmark = pytest.mark.django_db

TINY = {
    "quartiere": 2,
    "akteure": 2,
    "personen": 4,
    "gremien": 2,
    "termine": 10,
    "einladungen_pro_termin": 2,
    "aktivitaeten": 4,
    "befragungen": 1,
    "rueckmeldungen": 2,
}


def test_session_phase_gives_working_cookies_and_public_anonymous_pages(monkeypatch, settings):
    monkeypatch.setattr(seed_city, "PER_SCALE", TINY)
    settings.MAP_TILE_URL = "https://tile.example.org/{z}/{x}/{y}.png"
    call_command("seed_city", "--scale", "1", "--replace", "--force")

    session = bench_lighthouse.phase_session(None)

    assert session["blocked"] == ["*tile.example.org*"]
    labels = {(p["role"], p["label"]) for p in session["pages"]}
    expected = {(r, label) for r, labels in bench_lighthouse.ROLE_PAGES.items() for label in labels}
    assert labels == expected
    assert [p for p in session["pages"] if p.get("error")] == []
    for page in session["pages"]:
        client = Client()
        if page["role"] != bench_lighthouse.ANONYMOUS:
            client.cookies.load(session["cookies"][page["role"]])
        response = client.get(page["url"])
        assert response.status_code == 200, (page, response.get("Location"))


def test_session_phase_reports_a_page_that_needs_a_login(monkeypatch):
    monkeypatch.setattr(seed_city, "PER_SCALE", TINY)
    monkeypatch.setitem(
        bench_lighthouse.ROLE_PAGES, bench_lighthouse.ANONYMOUS, ["Start page", "Termine month"]
    )
    call_command("seed_city", "--scale", "1", "--replace", "--force")

    pages = bench_lighthouse.phase_session(None)["pages"]

    anonymous = {p["label"]: p for p in pages if p["role"] == bench_lighthouse.ANONYMOUS}
    assert anonymous["Start page"].get("error") is None
    assert anonymous["Termine month"]["url"] is None
    assert anonymous["Termine month"]["error"].startswith("needs a login (HTTP 302")
