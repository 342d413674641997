"""Fortbildungen: management by the Fachstelle, registration with waiting list and automatic
move-up (with its mail exactly once), attendance, training record and confirmation."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from gwa_portal.core.models import Role
from netzwerk import fortbildungen, tasks
from netzwerk.models import Anmeldung, Fortbildung, Termin

from ..factories import AnmeldungFactory, FortbildungFactory, TerminFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Anmeldung.Status


def url(name, fortbildung, **kwargs):
    return reverse(f"netzwerk:{name}", kwargs={"slug": fortbildung.slug, **kwargs})


def termin_for(fortbildung, *, year=None, days=10):
    beginn = timezone.now() + datetime.timedelta(days=days)
    if year:
        beginn = timezone.make_aware(datetime.datetime(year, 3, 10, 9))
    return TerminFactory(
        gremium=None,
        fortbildung=fortbildung,
        beginn=beginn,
        ende=beginn + datetime.timedelta(hours=6),
    )


def coordinators(n):
    return [UserFactory(role=Role.KOORDINATION) for _ in range(n)]


# --- pages and management --------------------------------------------------------------------


def test_the_list_shows_free_places_and_own_status(client, koordination):
    full = FortbildungFactory(thema="Moderation", kapazitaet=1)
    AnmeldungFactory(fortbildung=full, user=koordination)
    FortbildungFactory(thema="Beteiligung", kapazitaet=5)
    client.force_login(koordination)
    text = client.get(reverse("netzwerk:fortbildung_list")).text
    assert "Moderation" in text and "Beteiligung" in text
    assert "0 von 1" in text and "5 von 5" in text
    assert "angemeldet" in text


def test_the_page_shows_termine_capacity_and_for_the_fachstelle_the_registrations(client_as):
    fortbildung = FortbildungFactory(kapazitaet=3, referent="Dr. Mia Beispiel")
    termin_for(fortbildung)
    AnmeldungFactory(fortbildung=fortbildung, user__name="Tara Teilnehmerin")
    fachstelle_text = client_as(Role.FACHSTELLE).get(fortbildung.get_absolute_url()).text
    assert "2 von 3 frei" in fachstelle_text
    assert "Dr. Mia Beispiel" in fachstelle_text
    assert "Tara Teilnehmerin" in fachstelle_text
    assert "Termin hinzufügen" in fachstelle_text
    koordination_text = client_as(Role.KOORDINATION).get(fortbildung.get_absolute_url()).text
    assert "Tara Teilnehmerin" not in koordination_text
    assert "Termin hinzufügen" not in koordination_text
    assert "Anmelden" in koordination_text


def test_fachstelle_creates_a_fortbildung_with_a_slug_from_the_topic(client_as):
    response = client_as(Role.FACHSTELLE).post(
        reverse("netzwerk:fortbildung_create"),
        {"thema": "Gesprächsführung für Älterwerden", "stunden": "7,5", "kapazitaet": "12"},
    )
    fortbildung = Fortbildung.objects.get()
    assert response.url == fortbildung.get_absolute_url()
    assert fortbildung.slug == "gespraechsfuehrung-fuer-aelterwerden"
    assert fortbildung.stunden == Decimal("7.5")


@pytest.mark.parametrize(
    "data,message",
    [
        ({"thema": "", "stunden": "6", "kapazitaet": "10"}, "Bitte geben Sie das Thema ein."),
        ({"thema": "X", "stunden": "0", "kapazitaet": "10"}, "mindestens 0,25 Stunden"),
        ({"thema": "X", "stunden": "6", "kapazitaet": "0"}, "mindestens einen Platz"),
        ({"thema": "X", "slug": "meine", "stunden": "6", "kapazitaet": "3"}, "reserviert"),
    ],
)
def test_bad_fortbildung_input_is_rejected_in_german(client_as, data, message):
    response = client_as(Role.FACHSTELLE).post(reverse("netzwerk:fortbildung_create"), data)
    assert response.status_code == 400
    assert message in response.text
    assert not Fortbildung.objects.exists()


def test_only_the_fachstelle_manages_fortbildungen(client_as):
    fortbildung = FortbildungFactory()
    for role in [Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER]:
        client = client_as(role)
        assert (
            client.post(reverse("netzwerk:fortbildung_create"), {"thema": "X"}).status_code == 403
        )
        assert client.post(url("fortbildung_edit", fortbildung), {}).status_code == 403
        assert client.post(url("fortbildung_delete", fortbildung)).status_code == 403
        assert client.post(url("fortbildung_termin_create", fortbildung), {}).status_code == 403
        assert client.post(url("fortbildung_teilnahme", fortbildung), {}).status_code == 403
    assert Fortbildung.objects.filter(pk=fortbildung.pk).exists()


def test_fachstelle_deletes_after_confirmation(client_as):
    fortbildung = FortbildungFactory()
    client = client_as(Role.FACHSTELLE)
    assert client.get(url("fortbildung_delete", fortbildung)).status_code == 200
    assert Fortbildung.objects.exists()
    client.post(url("fortbildung_delete", fortbildung))
    assert not Fortbildung.objects.exists()


def test_partner_does_not_see_fortbildungen(client_as):
    fortbildung = FortbildungFactory()
    assert client_as(Role.PARTNER).get(fortbildung.get_absolute_url()).status_code == 403


def test_fachstelle_adds_a_termin_to_the_fortbildung(client_as):
    fortbildung = FortbildungFactory(thema="Moderation")
    response = client_as(Role.FACHSTELLE).post(
        url("fortbildung_termin_create", fortbildung),
        {"datum": "2097-05-06", "beginn": "09:00", "ende": "16:30", "ort": "Rathaus, Raum 112"},
    )
    assert response.url == fortbildung.get_absolute_url()
    termin = Termin.objects.get()
    assert termin.fortbildung == fortbildung and termin.gremium is None
    assert termin.titel == "Moderation"
    assert termin.ort.name == "Rathaus, Raum 112"
    local = timezone.localtime(termin.beginn)
    assert (local.date(), local.hour, local.minute) == (datetime.date(2097, 5, 6), 9, 0)
    assert str(local.tzinfo) == "Europe/Berlin"


def test_a_termin_must_end_after_it_starts(client_as):
    fortbildung = FortbildungFactory()
    response = client_as(Role.FACHSTELLE).post(
        url("fortbildung_termin_create", fortbildung),
        {"datum": "2097-05-06", "beginn": "12:00", "ende": "11:00"},
    )
    assert response.status_code == 400
    assert "Das Ende muss nach dem Beginn liegen." in response.text
    assert not Termin.objects.exists()


# --- registration and waiting list -----------------------------------------------------------


def test_koordination_registers_while_places_are_free_then_joins_the_waiting_list(client):
    fortbildung = FortbildungFactory(kapazitaet=1)
    first, second = coordinators(2)
    client.force_login(first)
    client.post(url("fortbildung_anmelden", fortbildung))
    client.force_login(second)
    response = client.post(url("fortbildung_anmelden", fortbildung), follow=True)
    assert "Warteliste" in response.text
    assert Anmeldung.objects.get(user=first).status == S.ANGEMELDET
    assert Anmeldung.objects.get(user=second).status == S.WARTELISTE


def test_registering_twice_is_refused_politely(client, koordination):
    fortbildung = FortbildungFactory()
    client.force_login(koordination)
    client.post(url("fortbildung_anmelden", fortbildung))
    response = client.post(url("fortbildung_anmelden", fortbildung), follow=True)
    assert "schon angemeldet" in response.text
    assert Anmeldung.objects.count() == 1


def test_registration_closes_after_the_deadline(client, koordination):
    fortbildung = FortbildungFactory(
        anmeldeschluss=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(koordination)
    response = client.post(url("fortbildung_anmelden", fortbildung), follow=True)
    assert "Anmeldeschluss ist vorbei" in response.text
    assert not Anmeldung.objects.exists()


def test_only_coordinators_register(client_as):
    fortbildung = FortbildungFactory()
    for role in [Role.FACHSTELLE, Role.VERWALTUNG, Role.PARTNER]:
        assert client_as(role).post(url("fortbildung_anmelden", fortbildung)).status_code == 403
    assert not Anmeldung.objects.exists()


def test_capacity_is_never_exceeded_by_a_burst_of_registrations():
    """Sequential on SQLite: each registration locks the Fortbildung row (select_for_update)
    and counts inside the lock, which on PostgreSQL serialises simultaneous requests."""
    fortbildung = FortbildungFactory(kapazitaet=3)
    for user in coordinators(7):
        fortbildungen.register(fortbildung=fortbildung, user=user)
    statuses = list(fortbildung.anmeldungen.values_list("status", flat=True))
    assert statuses.count(S.ANGEMELDET) == 3
    assert statuses.count(S.WARTELISTE) == 4


def test_withdrawing_moves_the_first_on_the_waiting_list_up_and_mails_them_once(
    client, django_capture_on_commit_callbacks
):
    fortbildung = FortbildungFactory(kapazitaet=1, thema="Moderation")
    holder, first_waiting, second_waiting = coordinators(3)
    for user in [holder, first_waiting, second_waiting]:
        fortbildungen.register(fortbildung=fortbildung, user=user)
    client.force_login(holder)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("fortbildung_abmelden", fortbildung))
    assert response.status_code == 302
    moved = Anmeldung.objects.get(user=first_waiting)
    assert moved.status == S.ANGEMELDET and moved.nachgerueckt_am is not None
    assert moved.nachrueck_mail_am is not None
    assert Anmeldung.objects.get(user=second_waiting).status == S.WARTELISTE
    assert Anmeldung.objects.get(user=holder).status == S.ABGEMELDET
    assert [m.to for m in mail.outbox] == [[first_waiting.email]]
    assert "Moderation" in mail.outbox[0].subject
    # A second run of the task and the sweep send nothing more.
    assert tasks.send_nachrueck_mail(moved.pk) is False
    assert tasks.sweep_nachrueck_mails() == 0
    assert len(mail.outbox) == 1


def test_the_sweep_sends_a_move_up_mail_the_broker_missed():
    fortbildung = FortbildungFactory(kapazitaet=1)
    holder, waiting = coordinators(2)
    fortbildungen.register(fortbildung=fortbildung, user=holder)
    fortbildungen.register(fortbildung=fortbildung, user=waiting)
    fortbildungen.unregister(fortbildung=fortbildung, user=holder)  # on_commit not run here
    assert not mail.outbox
    assert tasks.sweep_nachrueck_mails() == 1
    assert tasks.sweep_nachrueck_mails() == 0
    assert [m.to for m in mail.outbox] == [[waiting.email]]


def test_leaving_the_waiting_list_moves_nobody_up():
    fortbildung = FortbildungFactory(kapazitaet=1)
    holder, waiting, later = coordinators(3)
    for user in [holder, waiting, later]:
        fortbildungen.register(fortbildung=fortbildung, user=user)
    fortbildungen.unregister(fortbildung=fortbildung, user=waiting)
    assert Anmeldung.objects.get(user=later).status == S.WARTELISTE
    assert Anmeldung.objects.get(user=holder).status == S.ANGEMELDET


def test_registering_again_after_withdrawing_queues_at_the_end():
    fortbildung = FortbildungFactory(kapazitaet=1)
    holder, a, b = coordinators(3)
    for user in [holder, a, b]:
        fortbildungen.register(fortbildung=fortbildung, user=user)
    fortbildungen.unregister(fortbildung=fortbildung, user=a)
    fortbildungen.register(fortbildung=fortbildung, user=a)
    fortbildungen.unregister(fortbildung=fortbildung, user=holder)
    assert Anmeldung.objects.get(user=b).status == S.ANGEMELDET
    assert Anmeldung.objects.get(user=a).status == S.WARTELISTE


def test_more_places_move_the_waiting_list_up(client_as, django_capture_on_commit_callbacks):
    fortbildung = FortbildungFactory(kapazitaet=1)
    users = coordinators(3)
    for user in users:
        fortbildungen.register(fortbildung=fortbildung, user=user)
    with django_capture_on_commit_callbacks(execute=True):
        client_as(Role.FACHSTELLE).post(
            url("fortbildung_edit", fortbildung),
            {
                "thema": fortbildung.thema,
                "slug": fortbildung.slug,
                "stunden": "6",
                "kapazitaet": "2",
            },
        )
    assert Anmeldung.objects.filter(status=S.ANGEMELDET).count() == 2
    assert len(mail.outbox) == 1


def test_withdrawing_without_registration_is_refused(client, koordination):
    fortbildung = FortbildungFactory()
    client.force_login(koordination)
    response = client.post(url("fortbildung_abmelden", fortbildung), follow=True)
    assert "nicht angemeldet" in response.text


# --- attendance, record, confirmation --------------------------------------------------------


def test_fachstelle_marks_attendance(client_as):
    fortbildung = FortbildungFactory()
    came, missed = (
        AnmeldungFactory(fortbildung=fortbildung),
        AnmeldungFactory(fortbildung=fortbildung),
    )
    waiting = AnmeldungFactory(fortbildung=fortbildung, status=S.WARTELISTE)
    response = client_as(Role.FACHSTELLE).post(
        url("fortbildung_teilnahme", fortbildung), {"anwesend": [came.pk]}
    )
    assert response.status_code == 302
    statuses = dict(Anmeldung.objects.values_list("pk", "status"))
    assert statuses == {came.pk: S.TEILGENOMMEN, missed.pk: S.ANGEMELDET, waiting.pk: S.WARTELISTE}


def test_attendance_for_someone_on_the_waiting_list_is_rejected(client_as):
    fortbildung = FortbildungFactory()
    waiting = AnmeldungFactory(fortbildung=fortbildung, status=S.WARTELISTE)
    response = client_as(Role.FACHSTELLE).post(
        url("fortbildung_teilnahme", fortbildung), {"anwesend": [waiting.pk]}
    )
    assert response.status_code == 400
    assert "Bitte wählen Sie nur Personen aus der Liste." in response.text
    waiting.refresh_from_db()
    assert waiting.status == S.WARTELISTE


def test_the_training_record_sums_hours_per_year_by_first_termin(client, koordination):
    course_2024 = FortbildungFactory(stunden=Decimal("6"))
    termin_for(course_2024, year=2024)
    termin_for(course_2024, year=2025)  # its first Termin counts
    course_2024b = FortbildungFactory(stunden=Decimal("1.5"))
    termin_for(course_2024b, year=2024)
    without_termin = FortbildungFactory(stunden=Decimal("3"))
    registered_only = FortbildungFactory(stunden=Decimal("100"))
    for course in [course_2024, course_2024b, without_termin]:
        AnmeldungFactory(fortbildung=course, user=koordination, status=S.TEILGENOMMEN)
    AnmeldungFactory(fortbildung=registered_only, user=koordination)
    created_year = timezone.localtime(without_termin.created_at).year
    assert fortbildungen.hours_per_year(koordination) == [
        {"jahr": created_year, "stunden": Decimal("3"), "kurse": 1},
        {"jahr": 2024, "stunden": Decimal("7.5"), "kurse": 2},
    ]
    client.force_login(koordination)
    text = client.get(reverse("netzwerk:fortbildung_mine")).text
    assert "7,5" in text
    assert course_2024.thema in text
    assert url("fortbildung_bestaetigung", course_2024, user_pk=koordination.pk) in text


def test_fachstelle_sees_the_record_of_a_coordinator(client_as, koordination):
    course = FortbildungFactory(thema="Konfliktmoderation")
    AnmeldungFactory(fortbildung=course, user=koordination, status=S.TEILGENOMMEN)
    response = client_as(Role.FACHSTELLE).get(
        reverse("netzwerk:fortbildung_nachweis", kwargs={"user_pk": koordination.pk})
    )
    assert "Konfliktmoderation" in response.text
    assert koordination.name in response.text


def test_the_confirmation_is_an_a4_page_for_participants(client, koordination):
    course = FortbildungFactory(thema="Konfliktmoderation", referent="Dr. Mia Beispiel", stunden=6)
    termin_for(course, year=2025)
    AnmeldungFactory(fortbildung=course, user=koordination, status=S.TEILGENOMMEN)
    client.force_login(koordination)
    response = client.get(url("fortbildung_bestaetigung", course, user_pk=koordination.pk))
    assert response.status_code == 200
    for text in [
        "Teilnahmebestätigung",
        koordination.name,
        "Konfliktmoderation",
        "10.03.2025",
        "6 Stunden",
        "Dr. Mia Beispiel",
        "Langenhagen, den",
        "Unterschrift",
    ]:
        assert text in response.text
    assert "css/bestaetigung.css" in response.text


def test_the_print_css_sets_a4_and_hides_navigation():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "bestaetigung.css").read_text()
    assert "size: A4" in css
    assert ".portal-nav" in css and ".portal-footer" in css


def test_no_confirmation_without_attendance(client, koordination):
    course = FortbildungFactory()
    AnmeldungFactory(fortbildung=course, user=koordination)
    client.force_login(koordination)
    assert (
        client.get(url("fortbildung_bestaetigung", course, user_pk=koordination.pk)).status_code
        == 404
    )


def test_nobody_else_sees_a_confirmation(client_as, koordination):
    course = FortbildungFactory()
    other = AnmeldungFactory(fortbildung=course, status=S.TEILGENOMMEN).user
    bestaetigung = url("fortbildung_bestaetigung", course, user_pk=other.pk)
    assert client_as(Role.KOORDINATION).get(bestaetigung).status_code == 403
    assert client_as(Role.VERWALTUNG).get(bestaetigung).status_code == 403
    assert client_as(Role.FACHSTELLE).get(bestaetigung).status_code == 200


# --- query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 25])
def test_fortbildung_page_query_count_does_not_grow(
    client_as, django_assert_max_num_queries, count
):
    fortbildung = FortbildungFactory(kapazitaet=10)
    for user in coordinators(count):
        fortbildungen.register(fortbildung=fortbildung, user=user)
    for _ in range(count // 2 + 1):
        termin_for(fortbildung)
    client = client_as(Role.FACHSTELLE)
    with django_assert_max_num_queries(14):
        response = client.get(fortbildung.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 25])
def test_fortbildung_list_query_count_does_not_grow(
    client_as, django_assert_max_num_queries, count
):
    for _ in range(count):
        AnmeldungFactory(fortbildung=FortbildungFactory())
    client = client_as(Role.KOORDINATION)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("netzwerk:fortbildung_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 25])
def test_training_record_query_count_does_not_grow(
    client, koordination, django_assert_max_num_queries, count
):
    for _ in range(count):
        course = FortbildungFactory()
        termin_for(course)
        AnmeldungFactory(fortbildung=course, user=koordination, status=S.TEILGENOMMEN)
    client.force_login(koordination)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("netzwerk:fortbildung_mine"))
    assert response.status_code == 200


def test_free_places_count_each_registration_once_however_many_termine():
    fortbildung = FortbildungFactory(kapazitaet=5)
    for days in (5, 6, 7):
        termin_for(fortbildung, days=days)
    AnmeldungFactory(fortbildung=fortbildung)
    AnmeldungFactory(fortbildung=fortbildung, status=S.WARTELISTE)
    annotated = fortbildungen.with_places().get(pk=fortbildung.pk)
    assert (annotated.belegt, annotated.wartend) == (1, 1)
