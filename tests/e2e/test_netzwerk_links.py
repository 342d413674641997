"""Renewing secret links in the browser: the confirmation, the success message, no axe
violations – the Fachstelle on a Termin's Einladungen ("Versand unklar"), a person on
Meine Kontaktdaten."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from gwa_portal.core import outbox
from gwa_portal.core.models import Role
from netzwerk.models import Einladung, Person

from ..factories import EinladungFactory, PersonFactory, TerminFactory, UserFactory
from .conftest import assert_accessible, log_in
from .test_accessibility import DEMO_PASSWORD, login

pytestmark = pytest.mark.e2e


def test_fachstelle_sends_a_new_link_after_versand_unklar(page, make_user, transactional_db):
    termin = TerminFactory(titel="Runder Tisch Brink")
    einladung = EinladungFactory(termin=termin, person=PersonFactory(name="Ada Beispiel"))
    stale = timezone.now() - outbox.SEND_CLAIM_STALE - datetime.timedelta(minutes=5)
    Einladung.objects.filter(pk=einladung.pk).update(sending_started_at=stale)
    fachstelle = make_user(Role.FACHSTELLE, email="fs-links@example.org")
    fachstelle.set_password(DEMO_PASSWORD)
    fachstelle.save()
    login(page, fachstelle.email, totp_secret=fachstelle.totp_secret)

    response = page.goto(page.base_url + reverse("netzwerk:termin_einladungen", args=[termin.pk]))
    assert response.status == 200
    expect(page.get_by_role("heading", name="Einladungen: Runder Tisch Brink")).to_be_visible()
    expect(page.get_by_text("Versand unklar", exact=True).first).to_be_visible()
    assert_accessible(page)

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Neuen Link senden").click()
    expect(
        page.get_by_text("Der Antwort-Link für Ada Beispiel wurde erneuert und neu versandt.")
    ).to_be_visible()
    einladung.refresh_from_db()
    assert einladung.sending_started_at is None
    assert einladung.sent_sequence == termin.sequence
    assert_accessible(page)


def test_a_person_renews_their_calendar_link(page, transactional_db):
    user = UserFactory(role=Role.PARTNER)
    person = PersonFactory(user=user)
    old = person.kalender_token
    log_in(page, user)

    response = page.goto(page.base_url + reverse("netzwerk:meine_kontaktdaten"))
    assert response.status == 200
    expect(page.get_by_role("heading", name="Kalender-Abonnement")).to_be_visible()
    expect(page.get_by_text(old)).to_be_visible()
    assert_accessible(page)

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Neuen Kalender-Link erzeugen").click()
    assert Person.objects.get(pk=person.pk).kalender_token == old  # dismissed: nothing

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Neuen Kalender-Link erzeugen").click()
    expect(page.get_by_text("Ihr Kalender-Link wurde erneuert.")).to_be_visible()
    new = Person.objects.get(pk=person.pk).kalender_token
    assert new != old
    expect(page.get_by_text(new)).to_be_visible()
    assert_accessible(page)
