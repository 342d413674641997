"""The whole invitation journey in the browser: the Fachstelle plans a Termin for a Gremium,
the partner answers through the link in the mail (no login), the Fachstelle sees the answer.

The live server runs in this process with eager Celery, so the invitation lands in Django's
locmem outbox (`django.core.mail.outbox`), exactly as the worker would have sent it.
"""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from netzwerk.models import Einladung, Person, Termin
from quartiere.models import Quartier

from ..factories import GremiumFactory, MitgliedschaftFactory, OrtFactory, PersonFactory
from .conftest import assert_accessible, watch
from .test_accessibility import demo, login  # noqa: F401 (the demo fixture is used by name)

pytestmark = pytest.mark.e2e

YEAR = timezone.localdate().year + 1
RSVP_LINK = re.compile(r"^(https?://\S+/einladung/(\S+)/)$", re.MULTILINE)


@pytest.fixture
def gremium(demo, settings, live_server):  # noqa: F811
    # Links in mails use GWA_BASE_URL: point it at the live server, as production points it
    # at the portal, so that the link is opened exactly as it stands in the mail.
    settings.GWA_BASE_URL = live_server.url
    gremium = GremiumFactory(
        name="AG Reisetest",
        slug="ag-reisetest",
        quartier=Quartier.objects.get(slug="wiesenau"),
    )
    partner = Person.objects.get(user__email="partner@example.org")
    assert partner.email
    MitgliedschaftFactory(gremium=gremium, person=partner)
    MitgliedschaftFactory(gremium=gremium, person=PersonFactory(name="Mehmet Mitglied"))
    OrtFactory(name="Stadtteiltreff Reisetest", barrierefrei=True)
    return gremium


def fresh_page(browser, base_url):
    """A new browser context: no cookies, no session, like the invitee's own mail program."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    context.set_default_timeout(10_000)
    return watch(context.new_page(), base_url)


def tamper(token):
    """Change one character of the signature: the link still looks fine but is not valid."""
    last = token[-1]
    return token[:-1] + ("A" if last != "A" else "B")


def test_fachstelle_invites_the_partner_accepts_from_the_mail_and_the_fachstelle_sees_it(
    page,
    browser,
    demo,  # noqa: F811
    gremium,
):
    partner = Person.objects.get(user__email="partner@example.org")
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)

    # The Fachstelle plans the Termin from the Gremium page; the members are invited.
    page.goto(page.base_url + gremium.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("link", name="Termin anlegen").click()
    page.wait_for_url("**/netzwerk/termine/neu/?gremium=ag-reisetest")
    assert_accessible(page)
    page.get_by_label("Titel").fill("AG Reisetest im Frühjahr")
    page.get_by_label("Datum", exact=True).fill(f"{YEAR}-03-10")
    page.get_by_label("Beginn (Uhrzeit)").fill("18:00")
    page.get_by_label("Ende (Uhrzeit)").fill("20:00")
    page.locator("#id_ort").select_option(label="Stadtteiltreff Reisetest")
    page.get_by_label("Tagesordnung").fill("Begrüßung\nReiseplanung")
    assert page.get_by_label("Alle aktuellen Mitglieder des Gremiums einladen").is_checked()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("2 Personen erhalten eine Einladung.")).to_be_visible()
    expect(page.get_by_role("heading", name="AG Reisetest im Frühjahr")).to_be_visible()
    expect(page.get_by_text(f"10.03.{YEAR}, 18:00")).to_be_visible()
    assert_accessible(page)
    termin = Termin.objects.get(titel="AG Reisetest im Frühjahr")

    # One invitation per member; the partner's carries the RSVP link in its text body.
    # (The outbox also holds the demo's own invitations, sent while seeding.)
    sent = [m for m in mail.outbox if m.subject == f"Einladung: {termin.titel}"]
    members = sorted(m.person.email for m in gremium.mitgliedschaften.select_related("person"))
    assert sorted(m.to[0] for m in sent) == members
    [to_partner] = [m for m in sent if m.to == [partner.email]]
    [(link, token)] = RSVP_LINK.findall(to_partner.body)
    assert link.startswith(page.base_url)

    # The partner opens the link in a fresh browser (no login) and accepts by keyboard.
    invitee = fresh_page(browser, page.base_url)
    try:
        response = invitee.goto(link)
        assert response.status == 200
        expect(invitee.get_by_role("heading", name="AG Reisetest im Frühjahr")).to_be_visible()
        expect(invitee.get_by_text(f"Einladung für {partner.name}")).to_be_visible()
        expect(invitee.get_by_text("Sie haben noch nicht geantwortet.")).to_be_visible()
        assert_accessible(invitee)
        invitee.get_by_label("Ich komme (zusagen)").focus()
        invitee.keyboard.press("Space")
        assert invitee.get_by_label("Ich komme (zusagen)").is_checked()
        invitee.get_by_label("Kommentar").fill("Ich bringe die Fahrpläne mit.")
        invitee.get_by_role("button", name="Antwort senden").press("Enter")
        invitee.wait_for_url(link)
        expect(
            invitee.get_by_text("Vielen Dank! Ihre Antwort ist gespeichert: zugesagt.")
        ).to_be_visible()
        assert invitee.get_by_label("Ich komme (zusagen)").is_checked()
        assert invitee.get_by_label("Kommentar").input_value() == "Ich bringe die Fahrpläne mit."
        assert_accessible(invitee)

        # A tampered link: a clear German page with 404, and nothing changes.
        response = invitee.goto(page.base_url + f"/einladung/{tamper(token)}/")
        assert response.status == 404
        expect(invitee.get_by_role("heading", name="Link ungültig")).to_be_visible()
        expect(invitee.get_by_text("Dieser Link zur Einladung ist nicht gültig.")).to_be_visible()
        expect(invitee.locator("form.portal-form")).to_have_count(0)
        assert_accessible(invitee, status=404)
    finally:
        invitee.context.close()
    einladung = Einladung.objects.get(termin=termin, person=partner)
    assert (einladung.antwort, einladung.kommentar) == (
        Einladung.Antwort.ZUGESAGT,
        "Ich bringe die Fahrpläne mit.",
    )

    # The Fachstelle sees the acceptance and the comment in the RSVP overview.
    page.goto(page.base_url + termin.get_absolute_url())
    page.get_by_role("link", name="Alle Einladungen und Antworten").click()
    page.wait_for_url(f"**/netzwerk/termine/{termin.pk}/einladungen/")
    row = page.get_by_role("row").filter(has_text=partner.name)
    expect(row.get_by_role("cell", name="zugesagt", exact=True)).to_be_visible()
    expect(row.get_by_text("Ich bringe die Fahrpläne mit.")).to_be_visible()
    assert_accessible(page)
