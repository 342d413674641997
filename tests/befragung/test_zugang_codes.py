"""The access code page: counts, generating codes shown once, CSV and print sheet for them."""

import logging
import re

import pytest
from django.urls import reverse

from befragung import zugangscodes
from befragung.models import Befragung, Zugangscode

from ..factories import BefragungFactory, KoordinationFactory, QuartierFactory, ZugangscodeFactory

pytestmark = pytest.mark.django_db

CODE_RE = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}\b")


@pytest.fixture
def befragung():
    return BefragungFactory(
        slug="partner-2024",
        titel={"de": "Partnerbefragung 2024"},
        modus=Befragung.Modus.ZUGANGSCODE,
    )


def url(name, befragung):
    return reverse(f"befragung:{name}", args=[befragung.slug])


def generate(client, befragung, anzahl):
    return client.post(url("zugangscodes_erzeugen", befragung), {"anzahl": anzahl})


def shown_codes(response):
    return sorted(set(CODE_RE.findall(response.content.decode())))


def test_fachstelle_sees_generated_used_and_unused_counts(client_as, befragung):
    ZugangscodeFactory.create_batch(3, befragung=befragung)
    ZugangscodeFactory.create_batch(2, befragung=befragung, benutzt=True)
    ZugangscodeFactory(benutzt=True)  # another survey's code
    response = client_as("fachstelle").get(url("zugangscodes", befragung))
    assert response.status_code == 200
    assert response.context["counts"] == {"erzeugt": 5, "benutzt": 2, "frei": 3}
    assert "Codes erzeugen" in response.content.decode()


def test_open_survey_page_explains_that_no_codes_are_needed(client_as):
    befragung = BefragungFactory(modus=Befragung.Modus.OFFEN)
    response = client_as("fachstelle").get(url("zugangscodes", befragung))
    body = response.content.decode()
    assert "Diese Befragung ist offen." in body
    assert "Codes erzeugen" not in body


def test_koordination_manages_codes_only_when_all_quartiere_are_their_own(
    client_as, koordination, befragung
):
    own, foreign = QuartierFactory(), QuartierFactory()
    KoordinationFactory(quartier=own, user=koordination)
    befragung.quartiere.set([own])
    client = client_as("koordination")
    assert client.get(url("zugangscodes", befragung)).status_code == 200
    befragung.quartiere.set([own, foreign])
    assert client.get(url("zugangscodes", befragung)).status_code == 403
    assert generate(client, befragung, 2).status_code == 403
    befragung.quartiere.set([])  # citywide: Fachstelle only
    assert client.get(url("zugangscodes", befragung)).status_code == 403
    assert not Zugangscode.objects.exists()


@pytest.mark.parametrize("role", ["verwaltung", "partner"])
def test_verwaltung_and_partner_cannot_see_or_generate_codes(client_as, role, befragung):
    client = client_as(role)
    assert client.get(url("zugangscodes", befragung)).status_code == 403
    assert generate(client, befragung, 2).status_code == 403
    assert not Zugangscode.objects.exists()


def test_anonymous_is_sent_to_the_login(client_as, befragung):
    response = client_as(None).get(url("zugangscodes", befragung))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert generate(client_as(None), befragung, 2).status_code == 302


def test_codes_page_queries_do_not_grow_with_codes(
    client_as, befragung, django_assert_max_num_queries
):
    client = client_as("fachstelle")
    ZugangscodeFactory(befragung=befragung)
    with django_assert_max_num_queries(12):
        client.get(url("zugangscodes", befragung))
    zugangscodes.generate(befragung=befragung, anzahl=300)
    with django_assert_max_num_queries(12):
        assert client.get(url("zugangscodes", befragung)).context["counts"]["erzeugt"] == 301


def test_generated_codes_are_shown_once_and_stored_only_as_hashes(client_as, befragung, caplog):
    caplog.set_level(logging.DEBUG)
    client = client_as("fachstelle")
    response = generate(client, befragung, 4)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    codes = shown_codes(response)
    assert len(codes) == 4
    assert all(zugangscodes.is_valid(befragung=befragung, code=c) for c in codes)
    body = response.content.decode()
    # The link carries the code in the fragment, which no server ever receives.
    assert f"/befragung/partner-2024/#code={codes[0]}" in body
    assert "?code=" not in body
    # Not in the database, the session, or any log line.
    stored = " ".join(Zugangscode.objects.values_list("code_hash", flat=True)).upper()
    session = str(dict(client.session.items()))
    logs = caplog.text
    for code in codes:
        assert code.replace("-", "") not in stored
        assert code not in session and code not in logs
    # The codes page afterwards shows counts, never the codes again.
    again = client.get(url("zugangscodes", befragung))
    assert again.context["counts"]["erzeugt"] == 4
    assert not set(shown_codes(again)) & set(codes)


@pytest.mark.parametrize("anzahl", ["0", "5001", "-3", "abc", "", "2.5"])
def test_bad_numbers_are_rejected_with_a_german_error(client_as, befragung, anzahl):
    response = generate(client_as("fachstelle"), befragung, anzahl)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Bitte geben Sie" in body
    assert not Zugangscode.objects.exists()


def test_no_codes_for_open_or_finished_surveys(client_as):
    client = client_as("fachstelle")
    offen = BefragungFactory(modus=Befragung.Modus.OFFEN)
    response = generate(client, offen, 3)
    assert response.status_code == 400
    assert "Diese Befragung ist offen." in response.content.decode()
    beendet = BefragungFactory(modus=Befragung.Modus.ZUGANGSCODE, status=Befragung.Status.BEENDET)
    assert generate(client, beendet, 3).status_code == 400
    assert not Zugangscode.objects.exists()


def test_generating_needs_a_post(client_as, befragung):
    assert client_as("fachstelle").get(url("zugangscodes_erzeugen", befragung)).status_code == 405


def test_the_result_page_posts_the_codes_back_to_csv_and_print(client_as, befragung):
    client = client_as("fachstelle")
    response = generate(client, befragung, 3)
    codes = shown_codes(response)
    assert response.context["codes_text"] == " ".join(response.context["codes_text"].split())
    assert sorted(response.context["codes_text"].split()) == codes
    body = response.content.decode()
    assert url("zugangscodes_csv", befragung) in body
    assert url("zugangscodes_druck", befragung) in body
    assert body.count('name="codes"') == 2
    assert 'name="csrfmiddlewaretoken"' in body


def test_csv_for_the_mail_merge_lists_number_code_and_link(client_as, befragung):
    client = client_as("fachstelle")
    codes = zugangscodes.generate(befragung=befragung, anzahl=3)
    response = client.post(url("zugangscodes_csv", befragung), {"codes": " ".join(codes)})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    assert 'filename="zugangscodes-partner-2024.csv"' in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "nr;code;link"
    assert lines[1] == f"1;{codes[0]};http://127.0.0.1:8000/befragung/partner-2024/#code={codes[0]}"
    assert len(lines) == 4


def test_csv_works_for_the_largest_batch(client_as, befragung):
    codes = zugangscodes.generate(befragung=befragung, anzahl=5000)
    response = client_as("fachstelle").post(
        url("zugangscodes_csv", befragung), {"codes": " ".join(codes)}
    )
    assert response.status_code == 200
    assert len(b"".join(response.streaming_content).decode("utf-8-sig").splitlines()) == 5001


def test_print_sheet_has_one_slip_per_code_with_title_link_and_code(client_as, befragung):
    codes = zugangscodes.generate(befragung=befragung, anzahl=2)
    response = client_as("fachstelle").post(
        url("zugangscodes_druck", befragung), {"codes": " ".join(codes)}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert body.count('class="portal-codezettel__zettel"') == 2
    assert body.count("Partnerbefragung 2024") >= 2
    assert "http://127.0.0.1:8000/befragung/partner-2024/" in body
    for code in codes:
        assert f'<p class="portal-codezettel__code">{code}</p>' in body
    assert "css/befragung-zugangscodes.css" in body


@pytest.mark.parametrize("endpoint", ["zugangscodes_csv", "zugangscodes_druck"])
def test_tampered_codes_are_refused_and_nothing_is_rendered(client_as, befragung, endpoint):
    client = client_as("fachstelle")
    (good,) = zugangscodes.generate(befragung=befragung, anzahl=1)
    (used,) = zugangscodes.generate(befragung=befragung, anzahl=1)
    zugangscodes.redeem(befragung=befragung, code=used)
    other = BefragungFactory(modus=Befragung.Modus.ZUGANGSCODE)
    (foreign,) = zugangscodes.generate(befragung=other, anzahl=1)
    for posted in [
        f"{good} ABCD-EFGH",  # a made-up code
        f"{good} {used}",  # a used code
        f"{good} {foreign}",  # another survey's code
        f"{good} {good}",  # repeated
        f"{good} =HYPERLINK(1)",  # arbitrary text
        "",
    ]:
        response = client.post(url(endpoint, befragung), {"codes": posted})
        assert response.status_code == 400, posted
        body = response.content.decode()
        assert "Codes nicht erkannt" in body
        assert good not in body and "HYPERLINK" not in body
    assert client.post(url(endpoint, befragung)).status_code == 400


@pytest.mark.parametrize("endpoint", ["zugangscodes_csv", "zugangscodes_druck"])
def test_only_managers_may_render_codes(client_as, befragung, endpoint):
    (code,) = zugangscodes.generate(befragung=befragung, anzahl=1)
    for role, status in [("koordination", 403), ("verwaltung", 403), ("partner", 403)]:
        assert client_as(role).post(url(endpoint, befragung), {"codes": code}).status_code == status
    assert client_as(None).post(url(endpoint, befragung), {"codes": code}).status_code == 302
    assert client_as("fachstelle").get(url(endpoint, befragung)).status_code == 405


def test_csrf_protects_the_code_endpoints(befragung, fachstelle):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(fachstelle)
    (code,) = zugangscodes.generate(befragung=befragung, anzahl=1)
    assert client.post(url("zugangscodes_csv", befragung), {"codes": code}).status_code == 403
    assert client.post(url("zugangscodes_erzeugen", befragung), {"anzahl": 2}).status_code == 403
