"""A NUL byte in a query string, form value or cookie is a 400 with a German page, never a
500 (PostgreSQL refuses NUL in text and the query would crash)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gwa_portal.core.models import Role
from netzwerk.models import Ort

pytestmark = pytest.mark.django_db

BAD_REQUEST = "Die Anfrage enthält ungültige Zeichen oder ist unvollständig"


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("netzwerk:ort_list", "q=%00"),
        ("netzwerk:ort_list", "q=Halle%00"),
        ("netzwerk:person_list", "q=%00"),
        ("netzwerk:gremium_list", "q=a%00b"),
        ("quartiere:aktivitaet_list", "q=%00"),
        ("quartiere:bedarf_list", "q=%00"),
        ("netzwerk:ort_list", "%00=1"),
    ],
)
def test_nul_in_a_list_query_is_a_400(client_as, url, query):
    response = client_as(Role.KOORDINATION).get(f"{reverse(url)}?{query}")
    assert response.status_code == 400
    assert BAD_REQUEST in response.content.decode()


def test_nul_on_a_public_page_is_a_400_for_anonymous_visitors(client):
    response = client.get(reverse("quartiere:index") + "?q=%00")
    assert response.status_code == 400
    assert BAD_REQUEST in response.content.decode()


def test_nul_in_a_form_value_is_a_400_and_nothing_is_saved(client_as):
    response = client_as(Role.KOORDINATION).post(
        reverse("netzwerk:ort_create"), {"name": "Halle\x00", "strasse": "Weg 1"}
    )
    assert response.status_code == 400
    assert BAD_REQUEST in response.content.decode()
    assert not Ort.objects.exists()


def test_an_uploaded_file_may_hold_nul_bytes_and_reaches_the_form(client_as):
    upload = SimpleUploadedFile("personen.csv", b"name;email\nHalle\x00;\n")
    response = client_as(Role.FACHSTELLE).post(reverse("netzwerk:person_import"), {"datei": upload})
    body = response.content.decode()
    assert BAD_REQUEST not in body
    assert "Die Datei ist keine Textdatei. Bitte laden Sie eine CSV-Datei hoch." in body


def test_nul_in_a_cookie_is_a_400(client):
    client.cookies["sessionid"] = "abcdefgh\x00"
    response = client.get(reverse("quartiere:index"))
    assert response.status_code == 400
    assert BAD_REQUEST in response.content.decode()


def test_a_query_without_nul_still_works(client_as):
    Ort.objects.create(name="Stadthalle")
    response = client_as(Role.KOORDINATION).get(reverse("netzwerk:ort_list") + "?q=halle")
    assert response.status_code == 200
    assert "Stadthalle" in response.content.decode()
