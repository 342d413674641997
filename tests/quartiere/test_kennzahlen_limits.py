"""Kennzahlen CSV cells that Python's int() refuses are row errors, not a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gwa_portal.core.models import Role
from quartiere.models import Kennzahl

from ..factories import QuartierFactory

HEADER = "quartier;jahr;merkmal;wert;quelle\n"


@pytest.mark.parametrize(
    ("jahr", "message"),
    [
        ("²⁰²³", "Zeile 2, Spalte „jahr“: „²⁰²³“ ist keine Jahreszahl."),
        ("9" * 5000, "Zeile 2, Spalte „jahr“: Das Jahr muss zwischen"),
    ],
    ids=["superscript-digits", "5000-digits"],
)
def test_a_year_int_cannot_read_is_a_row_error(client_as, db, jahr, message):
    QuartierFactory(slug="wiesenau")
    content = f"{HEADER}wiesenau;{jahr};einwohner;110;\n".encode()
    response = client_as(Role.FACHSTELLE).post(
        reverse("quartiere:kennzahl_import"),
        {"datei": SimpleUploadedFile("kennzahlen.csv", content, content_type="text/csv")},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Kennzahl.objects.exists()
