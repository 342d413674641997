"""Access codes in the browser: generate once, print the A4 slips, download the CSV; the
invitations pages. Every page passes axe with zero violations."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from befragung import zugangscodes
from befragung.models import Befragung

from .conftest import assert_accessible
from .test_accessibility import demo, login  # noqa: F401 (the demo fixture is used by name)

pytestmark = pytest.mark.e2e

SLUG = "partnerbefragung-netzwerk-2024"
CODE_RE = re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}$")


def test_fachstelle_generates_prints_and_downloads_codes(page, demo):  # noqa: F811
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    page.goto(page.base_url + reverse("befragung:zugangscodes", args=[SLUG]))
    expect(
        page.get_by_role("heading", name="Zugangscodes: Partnerbefragung Netzwerkarbeit 2024")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Codes erzeugen").click()  # empty: error next to the field
    expect(page.get_by_text("Bitte geben Sie ein, wie viele Codes Sie brauchen.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Anzahl neuer Codes").fill("3")
    page.get_by_label("Anzahl neuer Codes").press("Enter")
    page.wait_for_url("**/zugangscodes/erzeugen/")
    codes = [c.strip() for c in page.locator("table code").all_inner_texts()]
    assert len(codes) == 3 and all(CODE_RE.match(c) for c in codes)
    befragung = Befragung.objects.get(slug=SLUG)
    assert all(zugangscodes.is_valid(befragung=befragung, code=c) for c in codes)
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("button", name="CSV für den Serienbrief herunterladen").click()
    download = download_info.value
    assert download.suggested_filename == f"zugangscodes-{SLUG}.csv"
    content = Path(download.path()).read_text(encoding="utf-8-sig")
    assert content.splitlines()[0] == "nr;code;link"
    assert all(f"#code={c}" in content for c in codes) and "?code=" not in content

    with page.context.expect_page() as sheet_info:
        page.get_by_role("button", name="Druckbogen (A4) öffnen").click()
    sheet = sheet_info.value
    sheet.csp_violations = []
    sheet.wait_for_load_state()
    assert sheet.locator(".portal-codezettel__code").all_inner_texts() == codes
    assert sheet.locator(".portal-codezettel__titel").first.inner_text() == (
        "Partnerbefragung Netzwerkarbeit 2024"
    )
    assert_accessible(sheet)

    # Back on the codes page: the counts, never the codes.
    page.goto(page.base_url + reverse("befragung:zugangscodes", args=[SLUG]))
    assert not any(page.get_by_text(c).count() for c in codes)


def test_invitation_pages_are_accessible(page, demo):  # noqa: F811
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    page.goto(page.base_url + reverse("befragung:einladungen", args=[SLUG]))
    expect(page.get_by_text("Zu dieser Befragung ist noch niemand eingeladen.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Personen einladen").click()
    page.get_by_role("button", name="Einladen").click()
    expect(page.get_by_text("Bitte wählen Sie ein Gremium")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Alle Mitglieder dieses Gremiums").select_option(
        label="Runder Tisch Wiesenau"
    )
    page.get_by_role("button", name="Einladen").click()
    page.wait_for_url("**/einladungen/")
    expect(page.get_by_text("wurden eingeladen")).to_be_visible()
    assert page.locator("tbody tr").count() > 0
    assert_accessible(page)


def test_the_invitation_link_fills_in_the_code_from_the_fragment(page, demo):  # noqa: F811
    befragung = Befragung.objects.get(slug=SLUG)
    (code,) = zugangscodes.generate(befragung=befragung, anzahl=1)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    link = zugangscodes.code_link(befragung=befragung, code=code)
    page.goto(page.base_url + link[link.index("/befragung/") :])
    field = page.locator('input[name="zugangscode"]')
    expect(field).to_have_value(code)
    # The fragment never reached the server: no request URL carries the code.
    assert requested and not any(code in url for url in requested)
