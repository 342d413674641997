"""Query values that pass str.isdigit() but are no number ("²") are handled, never a 500."""

import pytest
from django.urls import reverse

from gwa_portal.core.models import Role

from ..factories import QuartierFactory

pytestmark = pytest.mark.django_db


def test_a_superscript_akteur_id_preselects_nothing(client_as):
    response = client_as(Role.FACHSTELLE).get(reverse("netzwerk:person_create") + "?akteur=²")
    assert response.status_code == 200
    assert response.context["form"]["akteur"].value() is None


def test_a_superscript_cell_id_in_the_gap_analysis_is_a_400(client_as):
    QuartierFactory(slug="wiesenau")
    response = client_as(Role.FACHSTELLE).get(
        reverse("cockpit:luecken_zelle") + "?quartier=wiesenau&handlungsfeld=²"
    )
    assert response.status_code == 400
    assert "Diese Adresse nennt keine Zelle der Matrix." in response.content.decode()
