"""Every CSV import is capped in bytes and rows: a file beyond is a German error next to the
upload field, a 400, and nothing is saved or kept for confirmation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gwa_portal.core.models import Role
from netzwerk.models import Akteur, Person

pytestmark = pytest.mark.django_db

CASES = [
    ("netzwerk:person_import", "name;email\n", "Person {n};p{n}@example.org\n", Person, 5000),
    ("netzwerk:akteur_import", "name;art\n", "Verein {n};verein\n", Akteur, 5000),
]


def post(client, url, content):
    return client.post(url, {"datei": SimpleUploadedFile("daten.csv", content)})


@pytest.mark.parametrize(("url", "header", "row", "model", "max_rows"), CASES)
def test_more_rows_than_allowed_are_refused(client_as, url, header, row, model, max_rows):
    text = header + "".join(row.format(n=n) for n in range(max_rows + 1))
    client = client_as(Role.FACHSTELLE)
    response = post(client, reverse(url), text.encode())
    assert response.status_code == 400
    assert response.context["form"].errors["datei"] == [
        "Die Datei hat mehr als 5.000 Datenzeilen. Bitte teilen Sie sie in mehrere Dateien auf."
    ]
    assert not model.objects.exists()
    # Nothing is kept for a confirmation either (a valid upload is parked in the session).
    assert url.split(":")[1] not in client.session


@pytest.mark.parametrize(("url", "header", "row", "model", "max_rows"), CASES)
def test_a_file_over_two_megabytes_is_refused(client_as, url, header, row, model, max_rows):
    content = (header + "x" * (2 * 1024 * 1024)).encode()
    response = post(client_as(Role.FACHSTELLE), reverse(url), content)
    assert response.status_code == 400
    assert response.context["form"].errors["datei"] == [
        "Die Datei ist größer als 2 MB. Bitte teilen Sie sie in mehrere Dateien auf."
    ]
    assert not model.objects.exists()
