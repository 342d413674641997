"""Supervision: only members and the Fachstelle see a group; dates and attendance only."""

import datetime

import pytest
from django import forms
from django.db import models
from django.urls import reverse
from django.utils import timezone

from gwa_portal.core.models import Role
from netzwerk.forms.supervision import SupervisionForm, SupervisionTerminForm
from netzwerk.models import Person, Supervision, Teilnahme, Termin

from ..factories import PersonFactory, SupervisionFactory, TerminFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(name, group, **kwargs):
    return reverse(f"netzwerk:{name}", kwargs={"slug": group.slug, **kwargs})


def supervision_termin(group, days=-3):
    beginn = timezone.now() + datetime.timedelta(days=days)
    return TerminFactory(
        gremium=None,
        supervision=group,
        beginn=beginn,
        ende=beginn + datetime.timedelta(hours=2),
        beschreibung="GEHEIMER INHALT",
    )


def test_the_list_shows_only_own_groups_to_koordination(client, koordination):
    own = SupervisionFactory(name="Gruppe Nord", mitglieder=[koordination])
    SupervisionFactory(name="Gruppe Süd")
    client.force_login(koordination)
    text = client.get(reverse("netzwerk:supervision_list")).text
    assert own.name in text
    assert "Gruppe Süd" not in text


def test_the_fachstelle_sees_all_groups(client_as):
    SupervisionFactory(name="Gruppe Nord")
    SupervisionFactory(name="Gruppe Süd")
    text = client_as(Role.FACHSTELLE).get(reverse("netzwerk:supervision_list")).text
    assert "Gruppe Nord" in text and "Gruppe Süd" in text


def test_a_member_sees_the_group_with_termine(client, koordination):
    group = SupervisionFactory(mitglieder=[koordination], supervisor="Jo Beispiel")
    supervision_termin(group)
    client.force_login(koordination)
    response = client.get(group.get_absolute_url())
    assert response.status_code == 200
    assert "Jo Beispiel" in response.text and koordination.name in response.text
    assert "Termin hinzufügen" not in response.text


@pytest.mark.parametrize("role", [Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER])
def test_a_group_does_not_exist_for_non_members(client_as, role):
    group = SupervisionFactory(mitglieder=[UserFactory(role=Role.KOORDINATION)])
    assert client_as(role).get(group.get_absolute_url()).status_code == 404


def test_verwaltung_and_partner_have_no_supervision_list(client_as):
    assert client_as(Role.VERWALTUNG).get(reverse("netzwerk:supervision_list")).status_code == 403
    assert client_as(Role.PARTNER).get(reverse("netzwerk:supervision_list")).status_code == 403


def test_fachstelle_creates_a_group_with_coordinators_only(client_as, koordination, verwaltung):
    client = client_as(Role.FACHSTELLE)
    response = client.post(
        reverse("netzwerk:supervision_create"),
        {"name": "Gruppe Wiesenau", "supervisor": "Jo", "mitglieder": [koordination.pk]},
    )
    group = Supervision.objects.get()
    assert response.url == group.get_absolute_url()
    assert group.slug == "gruppe-wiesenau"
    assert list(group.mitglieder.all()) == [koordination]
    response = client.post(
        reverse("netzwerk:supervision_edit", kwargs={"slug": group.slug}),
        {"name": "Gruppe Wiesenau", "slug": group.slug, "mitglieder": [verwaltung.pk]},
    )
    assert response.status_code == 400
    assert "Bitte wählen Sie nur Koordinator:innen aus der Liste." in response.text
    assert list(group.mitglieder.all()) == [koordination]


def test_only_the_fachstelle_manages_groups(client_as, koordination):
    group = SupervisionFactory(mitglieder=[koordination])
    for role in [Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER]:
        client = client_as(role)
        assert client.post(reverse("netzwerk:supervision_create"), {"name": "X"}).status_code == 403
        assert client.post(url("supervision_edit", group), {"name": "Y"}).status_code == 403
        assert client.post(url("supervision_delete", group)).status_code == 403
        assert client.post(url("supervision_termin_create", group), {}).status_code == 403
    assert Supervision.objects.get().name == group.name


def test_fachstelle_deletes_a_group_after_confirmation(client_as):
    group = SupervisionFactory()
    client = client_as(Role.FACHSTELLE)
    assert "löschen" in client.get(url("supervision_delete", group)).text
    client.post(url("supervision_delete", group))
    assert not Supervision.objects.exists()


def test_fachstelle_adds_a_termin_with_date_time_and_place_only(client_as):
    group = SupervisionFactory(name="Gruppe Nord")
    response = client_as(Role.FACHSTELLE).post(
        url("supervision_termin_create", group),
        {"datum": "2097-02-03", "beginn": "10:00", "ende": "12:00", "ort": "Raum 3"},
    )
    assert response.url == group.get_absolute_url()
    termin = Termin.objects.get()
    assert termin.supervision == group and termin.gremium is None
    assert termin.beschreibung == ""


def test_a_bad_supervision_termin_is_rejected(client_as):
    group = SupervisionFactory()
    response = client_as(Role.FACHSTELLE).post(
        url("supervision_termin_create", group), {"datum": "", "beginn": "10:00", "ende": "09:00"}
    )
    assert response.status_code == 400
    assert "Bitte geben Sie das Datum ein." in response.text
    assert not Termin.objects.exists()


def test_supervision_stores_no_content():
    text_fields = [
        f.name
        for f in Supervision._meta.get_fields()
        if isinstance(f, models.TextField)
        or (isinstance(f, models.CharField) and f.name not in {"name", "slug", "supervisor"})
    ]
    assert text_fields == []
    assert set(SupervisionTerminForm.base_fields) == {"datum", "beginn", "ende", "ort"}
    assert "beschreibung" not in SupervisionForm.base_fields
    for field in SupervisionTerminForm.base_fields.values():
        assert not isinstance(field.widget, forms.Textarea)


def test_the_pages_show_no_content_of_a_termin(client_as):
    group = SupervisionFactory()
    termin = supervision_termin(group)
    client = client_as(Role.FACHSTELLE)
    for page_url in [group.get_absolute_url(), url("supervision_teilnahme", group, pk=termin.pk)]:
        response = client.get(page_url)
        assert response.status_code == 200
        assert "GEHEIMER INHALT" not in response.text
        assert "<textarea" not in response.text


def test_fachstelle_records_attendance_with_persons_made_for_members(client_as):
    with_person = UserFactory(role=Role.KOORDINATION, name="Ada")
    person = PersonFactory(user=with_person)
    without_person = UserFactory(role=Role.KOORDINATION, name="Bo", email="bo@example.org")
    absent = UserFactory(role=Role.KOORDINATION)
    group = SupervisionFactory(mitglieder=[with_person, without_person, absent])
    termin = supervision_termin(group)
    response = client_as(Role.FACHSTELLE).post(
        url("supervision_teilnahme", group, pk=termin.pk),
        {"anwesend": [with_person.pk, without_person.pk]},
    )
    assert response.status_code == 302
    created = Person.objects.get(user=without_person)
    assert (created.name, created.email, created.einwilligung_zweck) == (
        "Bo",
        "bo@example.org",
        "Teilnahme an Supervision",
    )
    assert created.einwilligung_am == timezone.localdate()
    assert set(Teilnahme.objects.values_list("person", flat=True)) == {person.pk, created.pk}
    # Unticking someone removes their attendance.
    client_as(Role.FACHSTELLE).post(
        url("supervision_teilnahme", group, pk=termin.pk), {"anwesend": [with_person.pk]}
    )
    assert list(Teilnahme.objects.values_list("person", flat=True)) == [person.pk]


def test_attendance_accepts_members_only(client_as):
    group = SupervisionFactory(mitglieder=[UserFactory(role=Role.KOORDINATION)])
    outsider = UserFactory(role=Role.KOORDINATION)
    termin = supervision_termin(group)
    response = client_as(Role.FACHSTELLE).post(
        url("supervision_teilnahme", group, pk=termin.pk), {"anwesend": [outsider.pk]}
    )
    assert response.status_code == 400
    assert "Bitte wählen Sie nur Mitglieder der Gruppe." in response.text
    assert not Teilnahme.objects.exists()


def test_attendance_of_a_termin_of_another_group_is_404(client_as):
    group, other = SupervisionFactory(), SupervisionFactory()
    termin = supervision_termin(other)
    assert (
        client_as(Role.FACHSTELLE)
        .get(url("supervision_teilnahme", group, pk=termin.pk))
        .status_code
        == 404
    )


def test_a_member_with_a_contact_of_the_same_email_gets_it_linked():
    from netzwerk.supervisionen import person_for_user

    user = UserFactory(role=Role.KOORDINATION, email="eva@example.org")
    contact = PersonFactory(email="Eva@example.org")
    assert person_for_user(user) == contact
    contact.refresh_from_db()
    assert contact.user == user


@pytest.mark.parametrize("count", [2, 20])
def test_supervision_page_query_count_does_not_grow(
    client, koordination, django_assert_max_num_queries, count
):
    members = [koordination] + [UserFactory(role=Role.KOORDINATION) for _ in range(count)]
    group = SupervisionFactory(mitglieder=members)
    for days in range(count):
        termin = supervision_termin(group, days=-days - 1)
        for _ in range(3):
            Teilnahme.objects.create(termin=termin, person=PersonFactory(user=None))
    client.force_login(koordination)
    with django_assert_max_num_queries(10):
        response = client.get(group.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 20])
def test_supervision_list_query_count_does_not_grow(
    client_as, django_assert_max_num_queries, count
):
    for _ in range(count):
        SupervisionFactory(mitglieder=[UserFactory(role=Role.KOORDINATION)])
    client = client_as(Role.FACHSTELLE)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("netzwerk:supervision_list"))
    assert response.status_code == 200
