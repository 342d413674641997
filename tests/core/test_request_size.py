"""A request body over UPLOAD_MAX_REQUEST_BYTES is a 413 with a German page, refused before
Django streams its files to disk; anonymous pages included."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gwa_portal.core.models import Role
from netzwerk.models import Person

pytestmark = pytest.mark.django_db

TOO_BIG = "Die gesendeten Daten sind größer als 5 MB und wurden nicht angenommen."


def big_file(size):
    return SimpleUploadedFile("personen.csv", b"name\n" + b"x" * size)


def test_an_upload_over_the_request_limit_is_a_413(client_as):
    response = client_as(Role.FACHSTELLE).post(
        reverse("netzwerk:person_import"), {"datei": big_file(6 * 1024 * 1024)}
    )
    assert response.status_code == 413
    assert TOO_BIG in response.content.decode()
    assert not Person.objects.exists()


def test_anonymous_posts_are_limited_too(client):
    response = client.post(reverse("account_login"), {"datei": big_file(6 * 1024 * 1024)})
    assert response.status_code == 413
    assert TOO_BIG in response.content.decode()


def test_the_request_limit_is_a_setting(client_as, settings):
    settings.UPLOAD_MAX_REQUEST_BYTES = 1024
    response = client_as(Role.FACHSTELLE).post(
        reverse("netzwerk:person_import"), {"datei": big_file(2000)}
    )
    assert response.status_code == 413
    assert "größer als 1 KB" in response.content.decode()


def test_an_upload_below_the_limit_reaches_the_form(client_as):
    response = client_as(Role.FACHSTELLE).post(
        reverse("netzwerk:person_import"), {"datei": big_file(3 * 1024 * 1024)}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["datei"] == [
        "Die Datei ist größer als 2 MB. Bitte teilen Sie sie in mehrere Dateien auf."
    ]
