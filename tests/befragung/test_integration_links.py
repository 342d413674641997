"""The survey's staff page links every part of the Befragung by the rules; every staff page has
the trail Befragungen › survey › page; an invitation link fills in the access code."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from befragung import xlsform, zugangscodes
from befragung.models import Befragung
from gwa_portal.core.models import Role

from ..factories import BefragungFactory, FrageFactory, KoordinationFactory, QuartierFactory
from .holding import freigeben
from .test_ergebnisse_xlsform import full_survey, upload

pytestmark = pytest.mark.django_db

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER


def href(url):
    return f'href="{escape(url)}"'


def main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def trail(response):
    html = response.content.decode()
    found = re.search(r'<nav class="portal-breadcrumbs".*?</nav>', html, re.S)
    return found.group(0) if found else ""


@pytest.fixture
def code_survey(koordination):
    quartier = KoordinationFactory(user=koordination).quartier
    befragung = BefragungFactory(
        slug="nachbarschaft",
        modus=Befragung.Modus.ZUGANGSCODE,
        sprachen=["de", "en"],
        quartiere=[quartier],
    )
    FrageFactory(befragung=befragung, name="wunsch", typ="text", text={"de": "W", "en": "W"})
    return befragung


def urls(slug):
    def u(name, *args):
        return reverse(f"befragung:{name}", args=[slug, *args])

    return {
        "public": reverse("befragung:formular", args=[slug]),
        "vorschau": [u("vorschau", "de"), u("vorschau", "en")],
        "papier_druck": [u("papier_druck", "de"), u("papier_druck", "en")],
        "papier_erfassen": u("papier_erfassen"),
        "zugang": [u("zugangscodes"), u("einladungen")],
        "ergebnisse": u("ergebnisse"),
        "raw": [u("export_csv"), u("export_xlsx")],
        "xlsform": u("xlsform_export"),
    }


EXPECTED = {
    # role: the groups of links it sees on the staff page of a running code survey
    F: {"public", "vorschau", "papier_druck", "papier_erfassen", "zugang", "ergebnisse", "raw"},
    K: {"public", "vorschau", "papier_druck", "papier_erfassen", "zugang", "ergebnisse"},
    V: {"public", "vorschau", "ergebnisse"},
}


def flat(groups, names):
    result = []
    for name in names:
        value = groups[name]
        result += value if isinstance(value, list) else [value]
    return result


@pytest.mark.parametrize("role", [F, K, V])
def test_staff_page_links_exactly_what_the_role_may_open(client_as, code_survey, role):
    groups = urls(code_survey.slug)
    client = client_as(role)
    html = main(client.get(code_survey.get_absolute_url()))
    shown = EXPECTED[role] | {"xlsform"}
    for url in flat(groups, shown):
        assert href(url) in html, url
    for url in flat(groups, set(groups) - shown):
        assert href(url) not in html, url


@pytest.mark.parametrize("role", [F, K, V])
def test_every_link_on_the_staff_page_opens_for_that_role(client_as, code_survey, role):
    groups = urls(code_survey.slug)
    client = client_as(role)
    for url in flat(groups, EXPECTED[role] | {"xlsform"}):
        response = client.get(url)
        assert response.status_code == 200, url


def test_partner_and_anonymous_do_not_get_the_staff_page(client_as, code_survey):
    assert client_as(P).get(code_survey.get_absolute_url()).status_code == 403
    assert client_as(None).get(code_survey.get_absolute_url()).status_code == 302


def test_koordination_of_another_quartier_sees_no_codes_and_no_paper_entry(client_as, code_survey):
    other = BefragungFactory(modus=Befragung.Modus.ZUGANGSCODE, quartiere=[QuartierFactory()])
    groups = urls(other.slug)
    html = main(client_as(K).get(other.get_absolute_url()))
    for url in [*groups["zugang"], groups["papier_erfassen"], *groups["raw"]]:
        assert href(url) not in html
    assert href(groups["ergebnisse"]) in html and href(groups["vorschau"][0]) in html


def test_a_draft_has_no_public_link_and_no_paper_entry(client_as):
    befragung = BefragungFactory(status=Befragung.Status.ENTWURF)
    groups = urls(befragung.slug)
    html = main(client_as(F).get(befragung.get_absolute_url()))
    assert href(groups["public"]) not in html
    assert href(groups["papier_erfassen"]) not in html
    assert href(groups["vorschau"][0]) in html and href(groups["papier_druck"][0]) in html


def test_an_ended_survey_links_results_but_not_the_public_form(client_as):
    befragung = BefragungFactory(status=Befragung.Status.BEENDET)
    groups = urls(befragung.slug)
    html = main(client_as(F).get(befragung.get_absolute_url()))
    assert href(groups["public"]) not in html
    assert href(groups["ergebnisse"]) in html and href(groups["papier_erfassen"]) in html


def test_an_open_survey_links_no_codes_or_invitations(client_as):
    befragung = BefragungFactory(modus=Befragung.Modus.OFFEN)
    html = main(client_as(F).get(befragung.get_absolute_url()))
    for url in urls(befragung.slug)["zugang"]:
        assert href(url) not in html


@pytest.mark.parametrize(("role", "shown"), [(F, True), (K, False), (V, False)])
def test_list_links_the_xlsform_import_for_the_fachstelle_only(client_as, role, shown):
    html = main(client_as(role).get(reverse("befragung:liste")))
    assert (href(reverse("befragung:xlsform_import")) in html) is shown


def test_xlsform_import_leads_to_the_new_surveys_staff_page(client_as):
    content = xlsform.export_bytes(full_survey())
    Befragung.objects.all().delete()
    response = client_as(F).post(reverse("befragung:xlsform_import"), {"datei": upload(content)})
    assert response.status_code == 302
    assert response.url == Befragung.objects.get().get_absolute_url()


def test_every_staff_page_of_a_survey_has_the_trail_list_then_survey(client_as, code_survey):
    frage = code_survey.fragen.get()
    slug = code_survey.slug
    pages = [
        reverse("befragung:bearbeiten", args=[slug]),
        reverse("befragung:uebersetzungen", args=[slug, "en"]),
        reverse("befragung:vorschau", args=[slug, "en"]),
        reverse("befragung:papier_erfassen", args=[slug]),
        reverse("befragung:zugangscodes", args=[slug]),
        reverse("befragung:einladungen", args=[slug]),
        reverse("befragung:einladen", args=[slug]),
        reverse("befragung:ergebnisse", args=[slug]),
        reverse("befragung:freitext", args=[slug, frage.pk]),
        reverse("befragung:bedarf_neu", args=[slug]) + f"?frage={frage.pk}",
        reverse("befragung:beenden", args=[slug]),
    ]
    client = client_as(F)
    for url in pages:
        nav = trail(client.get(url))
        assert href(reverse("befragung:liste")) in nav, url
        assert href(code_survey.get_absolute_url()) in nav, url
        assert nav.index(reverse("befragung:liste")) < nav.index(code_survey.get_absolute_url())
    detail = trail(client.get(code_survey.get_absolute_url()))
    assert href(reverse("befragung:liste")) in detail
    assert 'aria-current="page">Befragung' in detail
    for url in pages[-3:-1]:  # below the results: … › survey › Ergebnisse › page
        assert href(reverse("befragung:ergebnisse", args=[slug])) in trail(client.get(url))


def test_the_xlsform_import_page_sits_below_the_list(client_as):
    nav = trail(client_as(F).get(reverse("befragung:xlsform_import")))
    assert href(reverse("befragung:liste")) in nav


# --- the public form and the invitation link ---


def test_invitation_link_carries_the_code_in_the_fragment_only(code_survey):
    link = zugangscodes.code_link(befragung=code_survey, code="ABCD-EFGH")
    path = reverse("befragung:formular", args=[code_survey.slug])
    assert link.endswith(path + "#code=ABCD-EFGH")
    # Browsers never send the fragment: the request line (and so the access log) has no code.
    assert "?" not in link


def test_the_form_page_loads_the_script_that_fills_in_the_code_from_the_fragment(
    client, code_survey
):
    html = client.get(code_survey.get_public_url()).content.decode()
    assert 'src="/static/js/befragung-code.js"' in html
    assert 'name="zugangscode"' in html
    script = (settings.BASE_DIR / "static" / "js" / "befragung-code.js").read_text()
    assert "window.location.hash" in script and "input[name=zugangscode]" in script


def test_a_code_in_the_query_string_is_never_read(client, code_survey):
    (code,) = zugangscodes.generate(befragung=code_survey, anzahl=1)
    response = client.get(code_survey.get_public_url(), {"code": code})
    assert response.status_code == 200
    assert response.context["code_field"].value() in (None, "")
    assert code not in response.content.decode()
    english = next(s for s in response.context["sprachen"] if s["code"] == "en")
    assert "code" not in english["url"]


def test_a_code_filled_in_by_the_page_is_submitted_like_a_typed_one(client, code_survey):
    (code,) = zugangscodes.generate(befragung=code_survey, anzahl=1)
    page = client.get(code_survey.get_public_url())
    frage = code_survey.fragen.get()
    response = client.post(
        code_survey.get_public_url(),
        {"stand": page.context["stand"], "zugangscode": code, f"frage_{frage.pk}": "Mehr Bänke"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert not zugangscodes.is_valid(befragung=code_survey, code=code)
    assert freigeben() == 1
    assert code_survey.rueckmeldungen.get().antworten.get().text == "Mehr Bänke"


def test_an_open_survey_ignores_a_code_in_the_link(client):
    befragung = BefragungFactory(modus=Befragung.Modus.OFFEN)
    FrageFactory(befragung=befragung, typ="text")
    response = client.get(befragung.get_public_url(), {"code": "ABCD"})
    assert response.status_code == 200
    assert response.context["code_field"] is None
    assert "ABCD" not in response.content.decode()
