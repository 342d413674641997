"""Termine: list, month view, page, create with invitations, edit, cancel, delete – per role."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from gwa_portal.core.models import Role
from netzwerk.models import Einladung, Tagesordnungspunkt, Termin

from ..factories import (
    EinladungFactory,
    GremiumFactory,
    KoordinationFactory,
    MitgliedschaftFactory,
    OrtFactory,
    PersonFactory,
    QuartierFactory,
    SupervisionFactory,
    TagesordnungspunktFactory,
    TerminFactory,
    in_days,
)

pytestmark = pytest.mark.django_db

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture
def own(koordination):
    return KoordinationFactory(
        user=koordination, quartier=QuartierFactory(name="Wiesenau")
    ).quartier


@pytest.fixture
def foreign():
    return QuartierFactory(name="Brink")


@pytest.fixture
def ort():
    return OrtFactory(name="Stadtteilladen Wiesenau")


def termin_data(place, **overrides):
    data = {
        "titel": "Runder Tisch im Dezember",
        "gremium": "",
        "quartier": "",
        "datum": "2097-03-10",
        "beginn_zeit": "18:00",
        "ende_zeit": "20:00",
        "ende_datum": "",
        "ort": place.pk,
        "online_link": "",
        "beschreibung": "",
        "tagesordnung": "Begrüßung\n\nBericht aus dem Quartier\n  Verschiedenes  ",
        "kapazitaet": "",
        "erinnerungen": ["2880", "120"],
        "alle_mitglieder": "on",
    }
    data.update(overrides)
    return data


def detail_url(termin):
    return reverse("netzwerk:termin_detail", args=[termin.pk])


# --- Liste ----------------------------------------------------------------------------------


def test_list_shows_upcoming_by_default_and_past_on_request(client_as):
    TerminFactory(titel="Kommt noch", beginn=in_days(3))
    TerminFactory(titel="War schon", beginn=in_days(-3))
    client = client_as(F)
    url = reverse("netzwerk:termin_list")
    assert [t.titel for t in client.get(url).context["page"].object_list] == ["Kommt noch"]
    past = client.get(url, {"zeitraum": "vergangene"}).context["page"].object_list
    assert [t.titel for t in past] == ["War schon"]
    both = client.get(url, {"zeitraum": ""}).context["page"].object_list
    assert {t.titel for t in both} == {"Kommt noch", "War schon"}


def test_list_filters_by_gremium_quartier_status_oeffentlich_and_dates(client_as, own):
    gremium = GremiumFactory(quartier=own)
    a = TerminFactory(gremium=gremium, titel="A", beginn=in_days(2))
    b = TerminFactory(gremium=None, quartier=own, titel="B", beginn=in_days(4), oeffentlich=True)
    c = TerminFactory(titel="C", beginn=in_days(6), status=Termin.Status.ABGESAGT)
    client = client_as(V)
    url = reverse("netzwerk:termin_list")

    def titles(**params):
        return [t.titel for t in client.get(url, params).context["page"].object_list]

    assert titles(gremium=gremium.slug) == [a.titel]
    assert titles(quartier=own.slug) == [a.titel, b.titel]
    assert titles(status="abgesagt") == [c.titel]
    assert titles(oeffentlich="ja") == [b.titel]
    day = timezone.localtime(in_days(4)).date().isoformat()
    assert titles(von=day, bis=day) == [b.titel]


def test_list_rows_show_rsvp_counts(client_as):
    termin = TerminFactory()
    EinladungFactory(termin=termin, antwort=Einladung.Antwort.ZUGESAGT)
    EinladungFactory(termin=termin, antwort=Einladung.Antwort.ZUGESAGT)
    EinladungFactory(termin=termin, antwort=Einladung.Antwort.ABGESAGT)
    EinladungFactory(termin=termin)
    response = client_as(K).get(reverse("netzwerk:termin_list"))
    row = response.context["page"].object_list[0]
    assert (row.einladungen_count, row.zusagen_count, row.absagen_count) == (4, 2, 1)
    assert "2 zugesagt, 0 vielleicht, 1 abgesagt von 4" in response.content.decode()


def test_partner_lists_only_invited_or_own_gremium_termine(client_as, partner):
    person = PersonFactory(user=partner)
    gremium = GremiumFactory()
    MitgliedschaftFactory(gremium=gremium, person=person)
    TerminFactory(titel="Meines Gremiums", gremium=gremium, beginn=in_days(1))
    invited = TerminFactory(titel="Eingeladen", beginn=in_days(2))
    EinladungFactory(termin=invited, person=person)
    TerminFactory(titel="Fremd", beginn=in_days(3), oeffentlich=True)
    response = client_as(P).get(reverse("netzwerk:termin_list"))
    assert [t.titel for t in response.context["page"].object_list] == [
        "Meines Gremiums",
        "Eingeladen",
    ]
    body = response.content.decode()
    assert "Fremd" not in body
    # The Gremium filter offers only their own Gremien.
    assert list(response.context["filter"].form.fields["gremium"].queryset) == [gremium]


def test_list_query_count_does_not_grow(client_as, django_assert_max_num_queries):
    client = client_as(F)
    for n in (3, 60):
        for i in range(n):
            termin = TerminFactory(beginn=in_days(1 + i % 20))
            EinladungFactory(termin=termin, antwort=Einladung.Antwort.ZUGESAGT)
            EinladungFactory(termin=termin)
        with django_assert_max_num_queries(7):
            response = client.get(reverse("netzwerk:termin_list"))
        assert response.status_code == 200


# --- Monatsansicht --------------------------------------------------------------------------


def test_month_view_places_termine_on_their_berlin_day(client_as):
    # 23:30 Berlin on 15 December is 22:30 UTC: it belongs to the 15th.
    beginn = datetime.datetime(2026, 12, 15, 23, 30, tzinfo=BERLIN)
    TerminFactory(
        titel="Spätes Treffen", beginn=beginn, ende=beginn + datetime.timedelta(minutes=20)
    )
    response = client_as(K).get(reverse("netzwerk:termin_month", args=[2026, 12]))
    assert response.status_code == 200
    days = {d["date"]: d for row in response.context["rows"] for d in row["days"]}
    assert [t.titel for t in days[datetime.date(2026, 12, 15)]["termine"]] == ["Spätes Treffen"]
    assert days[datetime.date(2026, 12, 16)]["termine"] == []
    body = response.content.decode()
    assert "Dezember 2026" in body
    assert reverse("netzwerk:termin_month", args=[2026, 11]) in body
    assert reverse("netzwerk:termin_month", args=[2027, 1]) in body
    assert '<th scope="col"' in body


def test_month_view_shows_a_multi_day_termin_on_each_day(client_as):
    beginn = datetime.datetime(2026, 12, 30, 10, tzinfo=BERLIN)
    TerminFactory(titel="Klausur", beginn=beginn, ende=beginn + datetime.timedelta(days=2, hours=6))
    response = client_as(F).get(reverse("netzwerk:termin_month", args=[2026, 12]))
    days = {d["date"]: d for row in response.context["rows"] for d in row["days"]}
    with_klausur = sorted(day for day, d in days.items() if d["termine"])
    assert with_klausur == [datetime.date(2026, 12, d) for d in (30, 31)] + [
        datetime.date(2027, 1, 1)
    ]


def test_supervision_termine_are_hidden_from_other_internal_users(client_as, koordination):
    group = SupervisionFactory()
    termin = TerminFactory(gremium=None, supervision=group, titel="Supervision")
    client = client_as(V)
    assert client.get(detail_url(termin)).status_code == 404
    group.mitglieder.add(koordination)
    assert client_as(K).get(detail_url(termin)).status_code == 200
    assert client_as(F).get(detail_url(termin)).status_code == 200


def test_month_query_parameter_redirects_and_bad_values_do_not_break(client_as):
    client = client_as(F)
    response = client.get(reverse("netzwerk:termin_month"), {"monat": "2026-12"})
    assert response["Location"] == reverse("netzwerk:termin_month", args=[2026, 12])
    response = client.get(reverse("netzwerk:termin_month"), {"monat": "kaputt"})
    assert response.status_code == 200
    assert "Den Monat „kaputt“ gibt es nicht." in response.content.decode()
    assert client.get("/netzwerk/termine/monat/2026/13/").status_code == 404


def test_month_view_is_two_queries_for_the_termine(client_as, django_assert_max_num_queries):
    client = client_as(F)
    for n in (3, 40):
        for i in range(n):
            TerminFactory(beginn=datetime.datetime(2026, 12, 1 + i % 28, 10, tzinfo=BERLIN))
        with django_assert_max_num_queries(5):
            client.get(reverse("netzwerk:termin_month", args=[2026, 12]))


def test_partner_month_view_shows_only_their_termine(client_as, partner):
    person = PersonFactory(user=partner)
    invited = TerminFactory(
        titel="Eingeladen", beginn=datetime.datetime(2026, 12, 3, 10, tzinfo=BERLIN)
    )
    EinladungFactory(termin=invited, person=person)
    TerminFactory(titel="Fremd", beginn=datetime.datetime(2026, 12, 4, 10, tzinfo=BERLIN))
    body = client_as(P).get(reverse("netzwerk:termin_month", args=[2026, 12])).content.decode()
    assert "Eingeladen" in body
    assert "Fremd" not in body


# --- Termin-Seite ---------------------------------------------------------------------------


def test_page_shows_time_in_berlin_place_agenda_and_counts(client_as):
    ort = OrtFactory(name="Haus der Begegnung", barrierefrei=True)
    beginn = datetime.datetime(2097, 7, 1, 18, 0, tzinfo=BERLIN)
    termin = TerminFactory(
        ort=ort, beginn=beginn, ende=beginn + datetime.timedelta(hours=2), kapazitaet=20
    )
    TagesordnungspunktFactory(termin=termin, position=1, titel="Begrüßung")
    EinladungFactory(termin=termin, antwort=Einladung.Antwort.ZUGESAGT)
    body = client_as(V).get(detail_url(termin)).content.decode()
    assert "01.07.2097, 18:00" in body
    assert "20:00" in body
    assert "Haus der Begegnung" in body
    assert "barrierefrei zugänglich" in body
    assert "Begrüßung" in body
    assert "1 eingeladen: 1 zugesagt" in body
    assert "nur intern" in body


def test_anonymous_sees_public_termin_without_invitees(client):
    termin = TerminFactory(oeffentlich=True, titel="Stadtteilfest")
    EinladungFactory(termin=termin, person=PersonFactory(name="Geheime Person"))
    response = client.get(detail_url(termin))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Stadtteilfest" in body
    assert "Geheime Person" not in body
    assert "Einladungen" not in body


def test_anonymous_is_sent_to_login_for_internal_termin(client):
    termin = TerminFactory(oeffentlich=False)
    response = client.get(detail_url(termin))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client.get("/netzwerk/termine/999999/").status_code == 302


def test_partner_sees_invited_termin_and_own_answer_but_404_otherwise(client_as, partner):
    person = PersonFactory(user=partner)
    invited = TerminFactory()
    EinladungFactory(termin=invited, person=person, antwort=Einladung.Antwort.VIELLEICHT)
    client = client_as(P)
    response = client.get(detail_url(invited))
    assert response.status_code == 200
    assert "vielleicht" in response.content.decode()
    assert response.context["can_see_einladungen"] is False
    assert client.get(detail_url(TerminFactory())).status_code == 404
    # a public one of another Gremium shows its public variant
    assert client.get(detail_url(TerminFactory(oeffentlich=True))).status_code == 200


def test_page_query_count_does_not_grow(client_as, django_assert_max_num_queries):
    termin = TerminFactory()
    client = client_as(F)
    for n in (3, 30):
        for _ in range(n):
            TagesordnungspunktFactory(termin=termin)
            EinladungFactory(termin=termin)
        with django_assert_max_num_queries(5):
            client.get(detail_url(termin))


# --- Anlegen --------------------------------------------------------------------------------


def test_fachstelle_creates_termin_with_agenda_and_invites_members(
    client_as, fachstelle, ort, django_capture_on_commit_callbacks
):
    gremium = GremiumFactory()
    a = MitgliedschaftFactory(gremium=gremium).person
    b = MitgliedschaftFactory(gremium=gremium).person
    MitgliedschaftFactory(gremium=gremium, person=PersonFactory(email=""))  # no email: skipped
    MitgliedschaftFactory(gremium=gremium, bis=datetime.date(2024, 1, 1))  # former: skipped
    extra = PersonFactory()
    client = client_as(F)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("netzwerk:termin_create"),
            termin_data(ort, gremium=gremium.pk, weitere_personen=[extra.pk]),
        )
    termin = Termin.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(termin)
    assert timezone.localtime(termin.beginn) == datetime.datetime(2097, 3, 10, 18, 0, tzinfo=BERLIN)
    assert timezone.localtime(termin.ende) == datetime.datetime(2097, 3, 10, 20, 0, tzinfo=BERLIN)
    assert termin.erinnerungen == [2880, 120]
    assert termin.organisator == fachstelle
    assert [t.titel for t in termin.tagesordnung.all()] == [
        "Begrüßung",
        "Bericht aus dem Quartier",
        "Verschiedenes",
    ]
    invited = set(termin.einladungen.values_list("person_id", flat=True))
    assert invited == {a.pk, b.pk, extra.pk}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([a.email, b.email, extra.email])
    messages = [str(m) for m in client.get(detail_url(termin)).context["messages"]]
    assert messages == ["Der Termin wurde angelegt. 3 Personen erhalten eine Einladung."]


def test_create_without_member_invitation_invites_only_chosen(client_as, ort):
    gremium = GremiumFactory()
    MitgliedschaftFactory(gremium=gremium)
    extra = PersonFactory()
    data = termin_data(ort, gremium=gremium.pk, weitere_personen=[extra.pk])
    del data["alle_mitglieder"]
    client_as(F).post(reverse("netzwerk:termin_create"), data)
    assert list(Termin.objects.get().einladungen.values_list("person", flat=True)) == [extra.pk]


def test_create_preselects_the_gremium(client_as):
    gremium = GremiumFactory()
    response = client_as(F).get(reverse("netzwerk:termin_create"), {"gremium": gremium.slug})
    assert response.context["form"].initial["gremium"] == gremium.pk
    assert gremium.name in response.content.decode()


def test_create_reminder_choice_none_stores_empty_list(client_as, ort):
    data = termin_data(ort)
    del data["erinnerungen"]
    client_as(F).post(reverse("netzwerk:termin_create"), data)
    assert Termin.objects.get().erinnerungen == []


def test_end_before_start_is_a_german_400_and_saves_nothing(client_as, ort):
    response = client_as(F).post(
        reverse("netzwerk:termin_create"), termin_data(ort, beginn_zeit="20:00", ende_zeit="18:00")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["ende_zeit"] == ["Das Ende muss nach dem Beginn liegen."]
    assert 'id="id_ende_zeit_error"' in response.content.decode()
    assert not Termin.objects.exists()
    assert not Tagesordnungspunkt.objects.exists()
    assert not Einladung.objects.exists()


def test_multi_day_termin_uses_the_end_date(client_as, ort):
    response = client_as(F).post(
        reverse("netzwerk:termin_create"),
        termin_data(ort, beginn_zeit="18:00", ende_zeit="12:00", ende_datum="2097-03-11"),
    )
    assert response.status_code == 302
    termin = Termin.objects.get()
    assert timezone.localtime(termin.ende) == datetime.datetime(2097, 3, 11, 12, 0, tzinfo=BERLIN)


def test_ort_or_online_link_is_required(client_as, ort):
    response = client_as(F).post(reverse("netzwerk:termin_create"), termin_data(ort, ort=""))
    assert response.status_code == 400
    assert (
        "Bitte wählen Sie einen Ort oder geben Sie einen Online-Link an."
        in response.content.decode()
    )
    response = client_as(F).post(
        reverse("netzwerk:termin_create"),
        termin_data(ort, ort="", online_link="https://meet.example.org/rt"),
    )
    assert response.status_code == 302


def test_unknown_reminder_offset_is_a_400(client_as, ort):
    response = client_as(F).post(
        reverse("netzwerk:termin_create"), termin_data(ort, erinnerungen=["999"])
    )
    assert response.status_code == 400
    assert "Bitte wählen Sie nur Erinnerungen aus der Liste." in response.content.decode()
    assert not Termin.objects.exists()


def test_invalid_invitee_id_is_a_400(client_as, ort):
    erased = PersonFactory(geloescht_am=timezone.now())
    client = client_as(F)
    for bad in ["999999", "abc", str(erased.pk)]:
        response = client.post(
            reverse("netzwerk:termin_create"), termin_data(ort, weitere_personen=[bad])
        )
        assert response.status_code == 400
        assert "Bitte wählen Sie nur Personen aus der Liste" in response.content.decode()
    assert not Termin.objects.exists()


def test_koordination_creates_only_for_own_quartier_gremien(client_as, own, foreign, ort):
    mine, other = GremiumFactory(quartier=own), GremiumFactory(quartier=foreign)
    client = client_as(K)
    response = client.post(reverse("netzwerk:termin_create"), termin_data(ort, gremium=other.pk))
    assert response.status_code == 400
    assert "für Gremien anlegen, die Sie betreuen" in response.content.decode()
    response = client.post(reverse("netzwerk:termin_create"), termin_data(ort))
    assert response.status_code == 400
    assert "Bitte wählen Sie ein Gremium oder ein Quartier" in response.content.decode()
    assert (
        client.post(
            reverse("netzwerk:termin_create"), termin_data(ort, gremium=mine.pk)
        ).status_code
        == 302
    )
    assert Termin.objects.get().gremium == mine


def test_verwaltung_creates_for_their_gremium_only(client_as, verwaltung, ort):
    assert client_as(V).get(reverse("netzwerk:termin_create")).status_code == 403
    gremium = GremiumFactory()
    MitgliedschaftFactory(gremium=gremium, person=PersonFactory(user=verwaltung))
    client = client_as(V)
    response = client.post(reverse("netzwerk:termin_create"), termin_data(ort, gremium=gremium.pk))
    assert response.status_code == 302
    termin = Termin.objects.get()
    assert (termin.gremium, termin.organisator) == (gremium, verwaltung)


def test_partner_cannot_create(client_as, ort):
    assert client_as(P).post(reverse("netzwerk:termin_create"), termin_data(ort)).status_code == 403
    assert not Termin.objects.exists()


# --- Bearbeiten -----------------------------------------------------------------------------


def test_edit_time_bumps_sequence_and_says_invitees_are_notified(
    client_as, ort, django_capture_on_commit_callbacks
):
    termin = TerminFactory(ort=ort, beginn=datetime.datetime(2097, 3, 10, 18, tzinfo=BERLIN))
    termin.ende = termin.beginn + datetime.timedelta(hours=2)
    termin.save()
    TagesordnungspunktFactory(termin=termin, position=1, titel="Alt", beschreibung="Notiz")
    EinladungFactory(termin=termin, sent_sequence=0)
    client = client_as(F)
    data = termin_data(
        ort,
        gremium=termin.gremium.pk,
        beginn_zeit="19:00",
        ende_zeit="21:00",
        status="geplant",
        tagesordnung="Neu\nZwei",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("netzwerk:termin_edit", args=[termin.pk]), data)
    assert response.status_code == 302
    termin.refresh_from_db()
    assert termin.sequence == 1
    assert timezone.localtime(termin.beginn).hour == 19
    tops = list(termin.tagesordnung.all())
    assert [(t.position, t.titel, t.beschreibung) for t in tops] == [
        (1, "Neu", "Notiz"),
        (2, "Zwei", ""),
    ]
    assert len(mail.outbox) == 1
    messages = [str(m) for m in client.get(detail_url(termin)).context["messages"]]
    assert messages == [
        "Der Termin wurde gespeichert. Die Eingeladenen erhalten eine aktualisierte Einladung."
    ]


def test_edit_of_description_only_does_not_resend(client_as, ort):
    termin = TerminFactory(ort=ort, beginn=datetime.datetime(2097, 3, 10, 18, tzinfo=BERLIN))
    termin.ende = termin.beginn + datetime.timedelta(hours=2)
    termin.save()
    EinladungFactory(termin=termin, sent_sequence=0)
    client = client_as(F)
    data = termin_data(
        ort, titel=termin.titel, gremium=termin.gremium.pk, status="geplant", beschreibung="Neu"
    )
    client.post(reverse("netzwerk:termin_edit", args=[termin.pk]), data)
    termin.refresh_from_db()
    assert termin.sequence == 0
    assert [str(m) for m in client.get(detail_url(termin)).context["messages"]] == [
        "Der Termin wurde gespeichert."
    ]


def test_edit_form_shows_berlin_times(client_as, ort):
    termin = TerminFactory(ort=ort, beginn=datetime.datetime(2097, 1, 5, 9, 30, tzinfo=BERLIN))
    form = client_as(F).get(reverse("netzwerk:termin_edit", args=[termin.pk])).context["form"]
    assert form.initial["beginn_zeit"] == datetime.time(9, 30)
    assert form.initial["datum"] == datetime.date(2097, 1, 5)


def test_edit_end_before_start_is_400_and_unchanged(client_as, ort):
    termin = TerminFactory(ort=ort)
    before = (termin.beginn, termin.ende)
    response = client_as(F).post(
        reverse("netzwerk:termin_edit", args=[termin.pk]),
        termin_data(ort, beginn_zeit="20:00", ende_zeit="19:00", status="geplant"),
    )
    assert response.status_code == 400
    termin.refresh_from_db()
    assert (termin.beginn, termin.ende) == before


def test_koordination_edits_own_but_not_foreign_quartier_termin(client_as, own, foreign, ort):
    mine = TerminFactory(gremium=GremiumFactory(quartier=own), ort=ort)
    by_quartier = TerminFactory(gremium=None, quartier=own, ort=ort)
    other = TerminFactory(gremium=GremiumFactory(quartier=foreign), ort=ort)
    client = client_as(K)
    for termin in (mine, by_quartier):
        assert client.get(reverse("netzwerk:termin_edit", args=[termin.pk])).status_code == 200
    for name in ("termin_edit", "termin_cancel", "termin_delete", "termin_einladen"):
        assert client.post(reverse(f"netzwerk:{name}", args=[other.pk])).status_code == 403
    other.refresh_from_db()
    assert other.status == Termin.Status.GEPLANT


def test_citywide_gremium_termin_in_own_quartier_is_the_fachstelles(
    client_as, own, ort, django_capture_on_commit_callbacks
):
    citywide = TerminFactory(gremium=GremiumFactory(quartier=None), quartier=own, ort=ort)
    EinladungFactory(termin=citywide, sent_sequence=0)
    local = TerminFactory(gremium=GremiumFactory(quartier=own), quartier=own, ort=ort)
    client = client_as(K)
    for name in ("termin_edit", "termin_cancel", "termin_delete", "termin_einladen"):
        url = reverse(f"netzwerk:{name}", args=[citywide.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, termin_data(ort, titel="Übernommen")).status_code == 403
    citywide.refresh_from_db()
    assert (citywide.titel, citywide.status) != ("Übernommen", Termin.Status.ABGESAGT)
    assert citywide.einladungen.count() == 1
    assert client.get(detail_url(citywide)).context["can_change"] is False
    assert client.get(reverse("netzwerk:termin_edit", args=[local.pk])).status_code == 200
    data = termin_data(ort, titel="Quartierstreffen neu", status="geplant")
    data["gremium"] = local.gremium.pk
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("netzwerk:termin_edit", args=[local.pk]), data)
    assert response.status_code == 302
    local.refresh_from_db()
    assert local.titel == "Quartierstreffen neu"
    client = client_as(F)
    assert client.get(reverse("netzwerk:termin_edit", args=[citywide.pk])).status_code == 200
    data = termin_data(ort, titel="Stadtweit neu", status="geplant")
    data["gremium"] = citywide.gremium.pk
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("netzwerk:termin_edit", args=[citywide.pk]), data)
    assert response.status_code == 302
    citywide.refresh_from_db()
    assert citywide.titel == "Stadtweit neu"


def test_verwaltung_changes_only_termine_of_their_gremien(client_as, verwaltung, ort):
    gremium = GremiumFactory()
    MitgliedschaftFactory(gremium=gremium, person=PersonFactory(user=verwaltung))
    mine = TerminFactory(gremium=gremium, ort=ort)
    other = TerminFactory(ort=ort)
    client = client_as(V)
    assert client.get(reverse("netzwerk:termin_edit", args=[mine.pk])).status_code == 200
    assert client.get(reverse("netzwerk:termin_edit", args=[other.pk])).status_code == 403
    assert client.get(detail_url(other)).status_code == 200  # reads everything internal


# --- Absagen und löschen --------------------------------------------------------------------


def test_cancel_asks_then_cancels_and_notifies(client_as, django_capture_on_commit_callbacks):
    termin = TerminFactory()
    EinladungFactory(termin=termin, sent_sequence=0)
    client = client_as(F)
    url = reverse("netzwerk:termin_cancel", args=[termin.pk])
    assert "Möchten Sie" in client.get(url).content.decode()
    termin.refresh_from_db()
    assert termin.status == Termin.Status.GEPLANT
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    termin.refresh_from_db()
    assert termin.status == Termin.Status.ABGESAGT
    assert termin.sequence == 1
    assert len(mail.outbox) == 1
    messages = [str(m) for m in client.get(detail_url(termin)).context["messages"]]
    assert messages == ["Der Termin wurde abgesagt. Die Eingeladenen erhalten eine Absage."]


def test_delete_without_sent_invitations(client_as):
    termin = TerminFactory()
    TagesordnungspunktFactory(termin=termin)
    EinladungFactory(termin=termin)  # not mailed yet
    client = client_as(F)
    url = reverse("netzwerk:termin_delete", args=[termin.pk])
    assert "wirklich löschen" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Termin.objects.exists()


def test_delete_after_sent_invitation_is_409_and_points_to_cancel(client_as):
    termin = TerminFactory()
    EinladungFactory(termin=termin, sent_sequence=0)
    response = client_as(F).post(reverse("netzwerk:termin_delete", args=[termin.pk]))
    assert response.status_code == 409
    body = response.content.decode()
    assert "sagen Sie ihn bitte ab" in body
    assert reverse("netzwerk:termin_cancel", args=[termin.pk]) in body
    assert Termin.objects.filter(pk=termin.pk).exists()
