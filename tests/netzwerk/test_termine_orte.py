"""Orte for Termine: Fachstelle and Koordination keep the list of places."""

import pytest
from django.urls import reverse

from gwa_portal.core.models import Role
from netzwerk.models import Ort

from ..factories import OrtFactory

pytestmark = pytest.mark.django_db

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER


def test_koordination_creates_and_edits_an_ort(client_as):
    client = client_as(K)
    response = client.post(
        reverse("netzwerk:ort_create"),
        {
            "name": "Haus der Vereine",
            "strasse": "Walsroder Str. 1",
            "plz": "30851",
            "stadt": "Langenhagen",
            "barrierefrei": "on",
        },
    )
    assert response.status_code == 302
    ort = Ort.objects.get()
    assert ort.barrierefrei
    response = client.post(
        reverse("netzwerk:ort_edit", args=[ort.pk]),
        {"name": "Haus der Vereine", "stadt": "Langenhagen", "hinweise": "Rampe am Seiteneingang"},
    )
    assert response.status_code == 302
    ort.refresh_from_db()
    assert (ort.barrierefrei, ort.hinweise) == (False, "Rampe am Seiteneingang")


def test_duplicate_name_is_a_german_400(client_as):
    OrtFactory(name="Haus der Vereine")
    response = client_as(F).post(
        reverse("netzwerk:ort_create"), {"name": "Haus der Vereine", "stadt": "Langenhagen"}
    )
    assert response.status_code == 400
    assert "Es gibt schon einen Ort mit diesem Namen." in response.content.decode()


def test_list_searches_and_paginates(client_as, django_assert_max_num_queries):
    for i in range(30):
        OrtFactory(name=f"Gemeindehaus {i:02d}")
    OrtFactory(name="Bürgerhaus")
    client = client_as(F)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("netzwerk:ort_list"))
    assert len(response.context["page"].object_list) == 25
    response = client.get(reverse("netzwerk:ort_list"), {"q": "bürger"})
    assert [o.name for o in response.context["page"].object_list] == ["Bürgerhaus"]


def test_verwaltung_and_partner_cannot_change_orte(client_as):
    ort = OrtFactory()
    for role in (V, P):
        client = client_as(role)
        assert (
            client.post(reverse("netzwerk:ort_create"), {"name": "X", "stadt": "Y"}).status_code
            == 403
        )
        assert (
            client.post(
                reverse("netzwerk:ort_edit", args=[ort.pk]), {"name": "X", "stadt": "Y"}
            ).status_code
            == 403
        )
    assert Ort.objects.count() == 1
