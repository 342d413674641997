"""The Quartier pages: public visitors see no internal data."""

import datetime

from django.urls import reverse

from gwa_portal.core.models import Role

from ..factories import KoordinationFactory, QuartierFactory


def test_overview_lists_quartiere_with_constant_queries(client, db, django_assert_max_num_queries):
    QuartierFactory()
    with django_assert_max_num_queries(6) as small:
        client.get(reverse("quartiere:index"))
    for _ in range(30):
        QuartierFactory()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("quartiere:index"))
    assert response.status_code == 200


def test_public_page_hides_coordinator_names_unless_published(client_as, koordination):
    quartier = QuartierFactory(name="Wiesenau", kontakt_oeffentlich="Quartiersbüro, Tel. 0511 000")
    KoordinationFactory(quartier=quartier, user=koordination)
    url = reverse("quartiere:detail", args=[quartier.slug])
    public = client_as(None).get(url).content.decode()
    assert "Quartiersbüro" in public
    assert koordination.name not in public
    quartier.koordination_oeffentlich = True
    quartier.save()
    assert koordination.name in client_as(None).get(url).content.decode()


def test_internal_users_see_current_and_former_coordinators(client_as, koordination, make_user):
    quartier = QuartierFactory()
    former = make_user(Role.KOORDINATION, name="Frühere Koordinatorin")
    KoordinationFactory(
        quartier=quartier,
        user=former,
        von=datetime.date(2020, 1, 1),
        bis=datetime.date(2023, 12, 31),
    )
    KoordinationFactory(quartier=quartier, user=koordination)
    body = (
        client_as(Role.VERWALTUNG)
        .get(reverse("quartiere:detail", args=[quartier.slug]))
        .content.decode()
    )
    assert koordination.name in body
    assert "Frühere Koordinatorin" in body
    assert "Frühere Koordination" in body


def test_unknown_quartier_is_404(client, db):
    assert client.get(reverse("quartiere:detail", args=["gibt-es-nicht"])).status_code == 404
