"""Playwright with Debian's chromium against the live test server, plus axe-core checks."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from ..conftest import skip_or_fail

AXE_SOURCE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The h1 of templates/403.html, 404.html and 500.html: axe on such a page proves nothing.
ERROR_HEADINGS = ["Kein Zugriff", "Seite nicht gefunden", "Es ist ein Fehler aufgetreten"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path():
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        skip_or_fail("chromium not found (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    context.set_default_timeout(10_000)
    page = watch(context.new_page(), live_server.url)
    yield page
    context.close()


def watch(page, base_url):
    """Record CSP violations and the status of each page load (see assert_accessible)."""
    page.csp_violations = []
    page.on(
        "console",
        lambda msg: (
            page.csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    page.navigations = []
    page.on("response", lambda response: _record_navigation(page, response))
    page.base_url = base_url
    return page


def _record_navigation(page, response):
    if response.request.is_navigation_request() and response.frame == page.main_frame:
        page.navigations.append((response.status, response.url))


def run_axe(page):
    """Run axe-core (WCAG 2.1 A/AA) on the current page and return its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def assert_not_an_error_page(page, status=None):
    """The page shown is what was asked for: no 403/404/405/5xx answer, no error template.

    Answers written for people pass (400: a form with errors; 409, 410, 429: a page that says
    why). A page that is meant to be a 403/404 names its `status`.
    """
    navigations = getattr(page, "navigations", None)  # None: a popup that watch() never saw
    if navigations is not None:
        assert navigations, "no page was loaded"
        answered, url = navigations[-1]
        if status is not None:
            assert answered == status, f"{url} answered {answered}, expected {status}"
            return
        assert answered not in (403, 404, 405) and answered < 500, f"{url} answered {answered}"
    for heading in ERROR_HEADINGS:
        expect(page.get_by_role("heading", name=heading, exact=True)).to_have_count(0)


def open_page(page, path, heading):
    """Load `path` and check it is the page asked for (a 2xx answer and its h1) before axe runs."""
    response = page.goto(page.base_url + path)
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
    return response


def expect_hidden(locator):
    """The element is in the page but not shown (to_be_hidden alone passes when it is missing)."""
    expect(locator).to_have_count(1)
    expect(locator).to_be_hidden()


def assert_accessible(page, *, status=None):
    assert_not_an_error_page(page, status)
    violations = run_axe(page)
    assert violations == [], f"axe violations on {page.url}: {violations}"
    assert page.csp_violations == [], f"CSP violations on {page.url}: {page.csp_violations}"


def log_in(page, user, *, base_url=None):
    """Reuse a session made by the test client instead of typing (and TOTP for the Fachstelle)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url or page.base_url,
            }
        ]
    )
