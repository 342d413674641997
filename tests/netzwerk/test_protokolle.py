"""Protokolle: who reads and writes, the Aufgaben formset, release with its mails, the
Aufgaben lists and the weekly reminder."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from gwa_portal.core.models import Role
from netzwerk import erinnerungen, tasks
from netzwerk.models import Aufgabe, Protokoll, Protokollversand

from ..factories import (
    AufgabeFactory,
    EinladungFactory,
    GremiumFactory,
    KoordinationFactory,
    MitgliedschaftFactory,
    PersonFactory,
    ProtokollFactory,
    QuartierFactory,
    SupervisionFactory,
    TerminFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def detail_url(termin):
    return reverse("netzwerk:protokoll_detail", kwargs={"pk": termin.pk})


def edit_url(termin):
    return reverse("netzwerk:protokoll_edit", kwargs={"pk": termin.pk})


def release_url(termin):
    return reverse("netzwerk:protokoll_release", kwargs={"pk": termin.pk})


@pytest.fixture
def own_termin(koordination):
    """A Termin of a Gremium in a Quartier the Koordination user coordinates today."""
    quartier = QuartierFactory()
    KoordinationFactory(quartier=quartier, user=koordination)
    return TerminFactory(gremium=GremiumFactory(quartier=quartier))


def formset_data(rows=(), *, total=None, initial=0, text="Verlauf", beschluesse=""):
    data = {
        "text": text,
        "beschluesse": beschluesse,
        "aufgaben-TOTAL_FORMS": str(total if total is not None else len(rows)),
        "aufgaben-INITIAL_FORMS": str(initial),
        "aufgaben-MIN_NUM_FORMS": "0",
        "aufgaben-MAX_NUM_FORMS": "50",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"aufgaben-{i}-{key}"] = value
    return data


# --- reading ---------------------------------------------------------------------------------


def test_internal_roles_read_a_draft_protokoll(client_as, users):
    protokoll = ProtokollFactory(text="Bericht aus der Nachbarschaft")
    for role in [Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG]:
        response = client_as(role).get(detail_url(protokoll.termin))
        assert response.status_code == 200
        assert "Bericht aus der Nachbarschaft" in response.text
        assert "Entwurf" in response.text


def test_partner_reads_the_released_protokoll_of_their_gremium(client, partner):
    person = PersonFactory(user=partner)
    protokoll = ProtokollFactory(freigegeben_am=timezone.now(), beschluesse="Sommerfest am 1.7.")
    MitgliedschaftFactory(gremium=protokoll.termin.gremium, person=person)
    client.force_login(partner)
    response = client.get(detail_url(protokoll.termin))
    assert response.status_code == 200
    assert "Sommerfest am 1.7." in response.text


def test_partner_reads_the_released_protokoll_of_a_termin_they_were_invited_to(client, partner):
    person = PersonFactory(user=partner)
    protokoll = ProtokollFactory(freigegeben_am=timezone.now(), termin__gremium=None)
    EinladungFactory(termin=protokoll.termin, person=person)
    client.force_login(partner)
    assert client.get(detail_url(protokoll.termin)).status_code == 200


def test_partner_does_not_see_a_draft_even_of_their_own_gremium(client, partner):
    person = PersonFactory(user=partner)
    protokoll = ProtokollFactory()
    MitgliedschaftFactory(gremium=protokoll.termin.gremium, person=person)
    client.force_login(partner)
    assert client.get(detail_url(protokoll.termin)).status_code == 404


def test_partner_does_not_see_protokolle_of_other_gremien(client, partner):
    PersonFactory(user=partner)
    protokoll = ProtokollFactory(freigegeben_am=timezone.now())
    client.force_login(partner)
    assert client.get(detail_url(protokoll.termin)).status_code == 404


def test_partner_without_person_gets_404(client, partner):
    protokoll = ProtokollFactory(freigegeben_am=timezone.now())
    client.force_login(partner)
    assert client.get(detail_url(protokoll.termin)).status_code == 404


def test_a_termin_without_protokoll_shows_an_empty_state_with_a_write_button(client_as):
    termin = TerminFactory()
    response = client_as(Role.FACHSTELLE).get(detail_url(termin))
    assert "noch kein Protokoll" in response.text
    assert edit_url(termin) in response.text


def test_supervision_termine_have_no_protokoll(client_as):
    termin = TerminFactory(gremium=None, supervision=SupervisionFactory())
    assert client_as(Role.FACHSTELLE).get(detail_url(termin)).status_code == 404
    assert client_as(Role.FACHSTELLE).get(edit_url(termin)).status_code == 404


# --- writing ---------------------------------------------------------------------------------


def test_koordination_writes_the_protokoll_of_an_own_quartier_with_aufgaben(
    client, koordination, own_termin
):
    member = PersonFactory(name="Mira Mitglied")
    MitgliedschaftFactory(gremium=own_termin.gremium, person=member)
    client.force_login(koordination)
    response = client.get(edit_url(own_termin))
    assert response.status_code == 200
    assert "Mitglieder des Gremiums" in response.text
    data = formset_data(
        [
            {
                "beschreibung": "Flyer drucken",
                "verantwortlich": member.pk,
                "faellig_am": "2097-01-15",
            },
            {"beschreibung": "", "verantwortlich": "", "faellig_am": ""},
        ],
        text="Begrüßung",
        beschluesse="Fest im Juni",
    )
    response = client.post(edit_url(own_termin), data)
    assert response.status_code == 302
    protokoll = Protokoll.objects.get(termin=own_termin)
    assert (protokoll.text, protokoll.beschluesse, protokoll.verfasst_von) == (
        "Begrüßung",
        "Fest im Juni",
        koordination,
    )
    aufgabe = protokoll.aufgaben.get()
    assert (aufgabe.beschreibung, aufgabe.verantwortlich, aufgabe.faellig_am) == (
        "Flyer drucken",
        member,
        datetime.date(2097, 1, 15),
    )


def test_koordination_cannot_write_protokolle_of_foreign_quartiere(client, koordination):
    termin = TerminFactory()
    client.force_login(koordination)
    assert client.get(edit_url(termin)).status_code == 403
    assert client.post(edit_url(termin), formset_data()).status_code == 403
    assert not Protokoll.objects.exists()


def test_citywide_gremien_are_fachstelle_only(client, koordination, own_termin):
    termin = TerminFactory(gremium=GremiumFactory(quartier=None))
    client.force_login(koordination)
    assert client.get(edit_url(termin)).status_code == 403


def test_verwaltung_and_partner_cannot_write(client_as):
    termin = TerminFactory()
    assert client_as(Role.VERWALTUNG).post(edit_url(termin), formset_data()).status_code == 403
    assert client_as(Role.PARTNER).post(edit_url(termin), formset_data()).status_code == 403


def test_an_aufgabe_without_responsible_person_is_rejected_and_nothing_saved(client_as):
    termin = TerminFactory()
    data = formset_data([{"beschreibung": "Flyer", "verantwortlich": "", "faellig_am": "morgen"}])
    response = client_as(Role.FACHSTELLE).post(edit_url(termin), data)
    assert response.status_code == 400
    assert "Bitte wählen Sie, wer die Aufgabe übernimmt." in response.text
    assert "Bitte geben Sie ein gültiges Datum ein" in response.text
    assert not Protokoll.objects.exists()
    assert not Aufgabe.objects.exists()


def test_an_erased_person_cannot_be_made_responsible(client_as):
    termin = TerminFactory()
    erased = PersonFactory(geloescht_am=timezone.now())
    data = formset_data([{"beschreibung": "Flyer", "verantwortlich": erased.pk}])
    response = client_as(Role.FACHSTELLE).post(edit_url(termin), data)
    assert response.status_code == 400
    assert "Bitte wählen Sie eine Person aus der Liste." in response.text


def test_weitere_aufgabe_adds_a_row_without_saving(client_as):
    termin = TerminFactory()
    data = formset_data(
        [{"beschreibung": "", "verantwortlich": "", "faellig_am": ""}], text="Entwurf"
    )
    data["weitere_aufgabe"] = "1"
    response = client_as(Role.FACHSTELLE).post(edit_url(termin), data)
    assert response.status_code == 200
    assert 'name="aufgaben-1-beschreibung"' in response.text
    assert 'value="2"' in response.text
    assert not Protokoll.objects.exists()


def test_removing_a_row_deletes_the_aufgabe(client_as):
    aufgabe = AufgabeFactory()
    termin = aufgabe.protokoll.termin
    data = formset_data(
        [
            {
                "id": aufgabe.pk,
                "beschreibung": aufgabe.beschreibung,
                "verantwortlich": aufgabe.verantwortlich_id,
                "DELETE": "on",
            }
        ],
        initial=1,
    )
    assert client_as(Role.FACHSTELLE).post(edit_url(termin), data).status_code == 302
    assert not Aufgabe.objects.exists()


def test_a_released_protokoll_is_read_only(client_as):
    protokoll = ProtokollFactory(freigegeben_am=timezone.now(), text="alt")
    client = client_as(Role.FACHSTELLE)
    response = client.post(edit_url(protokoll.termin), formset_data(text="neu"))
    assert response.status_code == 302
    protokoll.refresh_from_db()
    assert protokoll.text == "alt"
    assert "Bearbeiten" not in client.get(detail_url(protokoll.termin)).text


def test_the_form_page_loads_person_choices_once(client_as, django_assert_max_num_queries):
    protokoll = ProtokollFactory()
    for _ in range(8):
        AufgabeFactory(protokoll=protokoll)
    client = client_as(Role.FACHSTELLE)
    with django_assert_max_num_queries(14):
        response = client.get(edit_url(protokoll.termin))
    assert response.status_code == 200


# --- release ---------------------------------------------------------------------------------


@pytest.fixture
def gremium_protokoll():
    protokoll = ProtokollFactory(text="Bericht", beschluesse="Fest")
    gremium = protokoll.termin.gremium
    members = [MitgliedschaftFactory(gremium=gremium).person for _ in range(3)]
    # Not mailed: a member without e-mail, an erased one and one whose membership ended.
    MitgliedschaftFactory(gremium=gremium, person=PersonFactory(email=""))
    MitgliedschaftFactory(gremium=gremium, person=PersonFactory(geloescht_am=timezone.now()))
    MitgliedschaftFactory(
        gremium=gremium, von=datetime.date(2020, 1, 1), bis=datetime.date(2020, 12, 31)
    )
    AufgabeFactory(protokoll=protokoll, beschreibung="Raum buchen", verantwortlich=members[0])
    return protokoll, members


def test_release_asks_for_confirmation_first(client_as, gremium_protokoll):
    protokoll, _members = gremium_protokoll
    response = client_as(Role.FACHSTELLE).get(release_url(protokoll.termin))
    assert response.status_code == 200
    assert "an 3 Personen verschickt" in response.text
    protokoll.refresh_from_db()
    assert not protokoll.is_released
    assert not mail.outbox


def test_release_mails_each_current_member_once(
    client_as, gremium_protokoll, django_capture_on_commit_callbacks
):
    protokoll, members = gremium_protokoll
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(Role.FACHSTELLE).post(release_url(protokoll.termin))
    assert response.status_code == 302
    protokoll.refresh_from_db()
    assert protokoll.is_released
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in members)
    assert "Raum buchen" in mail.outbox[0].body
    assert "Fest" in mail.outbox[0].body
    assert Protokollversand.objects.filter(sent_at__isnull=False).count() == 3


def test_the_send_task_running_twice_sends_one_mail(
    client_as, gremium_protokoll, django_capture_on_commit_callbacks
):
    protokoll, _members = gremium_protokoll
    with django_capture_on_commit_callbacks(execute=True):
        client_as(Role.FACHSTELLE).post(release_url(protokoll.termin))
    for versand in Protokollversand.objects.all():
        assert tasks.send_protokoll(versand.pk) is False
    assert tasks.sweep_protokollversand() == 0
    assert len(mail.outbox) == 3


def test_releasing_twice_sends_nothing_more(
    client_as, gremium_protokoll, django_capture_on_commit_callbacks
):
    protokoll, _members = gremium_protokoll
    client = client_as(Role.FACHSTELLE)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(release_url(protokoll.termin))
        client.post(release_url(protokoll.termin))
    assert len(mail.outbox) == 3


def test_the_sweep_sends_what_the_broker_did_not(client_as, gremium_protokoll):
    protokoll, _members = gremium_protokoll
    # Without running the on_commit callbacks: as if the broker had been down.
    client_as(Role.FACHSTELLE).post(release_url(protokoll.termin))
    assert not mail.outbox
    assert Protokollversand.objects.filter(sent_at__isnull=True).count() == 3
    assert tasks.sweep_protokollversand() == 3
    assert tasks.sweep_protokollversand() == 0
    assert len(mail.outbox) == 3


def test_without_gremium_the_invitees_get_the_protokoll(
    client_as, django_capture_on_commit_callbacks
):
    protokoll = ProtokollFactory(termin__gremium=None)
    invitees = [EinladungFactory(termin=protokoll.termin).person for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        client_as(Role.FACHSTELLE).post(release_url(protokoll.termin))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in invitees)


def test_koordination_releases_in_own_quartier_but_not_elsewhere(client, koordination, own_termin):
    ProtokollFactory(termin=own_termin)
    foreign = ProtokollFactory()
    client.force_login(koordination)
    assert client.post(release_url(own_termin)).status_code == 302
    assert client.post(release_url(foreign.termin)).status_code == 403
    foreign.refresh_from_db()
    assert not foreign.is_released


def test_release_without_protokoll_is_404(client_as):
    assert client_as(Role.FACHSTELLE).post(release_url(TerminFactory())).status_code == 404


# --- Aufgaben --------------------------------------------------------------------------------


def released_aufgabe(**kwargs):
    return AufgabeFactory(protokoll__freigegeben_am=timezone.now(), **kwargs)


def done_url(aufgabe):
    return reverse("netzwerk:aufgabe_done", kwargs={"pk": aufgabe.pk})


def test_meine_aufgaben_lists_own_open_aufgaben_overdue_first(client, partner):
    person = PersonFactory(user=partner)
    later = released_aufgabe(
        verantwortlich=person,
        beschreibung="Später",
        faellig_am=TODAY() + datetime.timedelta(days=9),
    )
    overdue = released_aufgabe(
        verantwortlich=person,
        beschreibung="Überfällig",
        faellig_am=TODAY() - datetime.timedelta(days=3),
    )
    released_aufgabe(
        verantwortlich=person, beschreibung="Schon erledigt", erledigt=True, erledigt_am=TODAY()
    )
    AufgabeFactory(verantwortlich=person, beschreibung="Im Entwurf")
    released_aufgabe(beschreibung="Fremde Aufgabe")
    client.force_login(partner)
    response = client.get(reverse("netzwerk:aufgabe_mine"))
    text = response.text
    assert text.index(overdue.beschreibung) < text.index(later.beschreibung)
    assert "überfällig" in text
    assert reverse("netzwerk:aufgabe_done", kwargs={"pk": overdue.pk}) in text
    for hidden in ["Schon erledigt", "Im Entwurf", "Fremde Aufgabe"]:
        assert hidden not in text


def test_meine_aufgaben_without_person_explains_why_it_is_empty(client_as):
    response = client_as(Role.VERWALTUNG).get(reverse("netzwerk:aufgabe_mine"))
    assert "mit keiner Person im Verzeichnis verknüpft" in response.text


def test_the_responsible_person_marks_an_aufgabe_done(client, partner):
    aufgabe = released_aufgabe(verantwortlich=PersonFactory(user=partner))
    client.force_login(partner)
    response = client.post(done_url(aufgabe), {"erledigt": "1"})
    assert response.status_code == 302
    aufgabe.refresh_from_db()
    assert aufgabe.erledigt and aufgabe.erledigt_am == timezone.localdate()
    client.post(done_url(aufgabe), {"erledigt": "0"})
    aufgabe.refresh_from_db()
    assert not aufgabe.erledigt and aufgabe.erledigt_am is None


def test_others_cannot_mark_an_aufgabe_done(client_as):
    aufgabe = released_aufgabe()
    for role in [Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER]:
        assert client_as(role).post(done_url(aufgabe)).status_code == 403
    aufgabe.refresh_from_db()
    assert not aufgabe.erledigt


def test_staff_of_the_quartier_marks_an_aufgabe_done(client, koordination, own_termin):
    aufgabe = released_aufgabe(protokoll__termin=own_termin)
    client.force_login(koordination)
    assert client.post(done_url(aufgabe)).status_code == 302
    aufgabe.refresh_from_db()
    assert aufgabe.erledigt


def test_an_aufgabe_of_a_draft_cannot_be_marked(client_as):
    aufgabe = AufgabeFactory()
    assert client_as(Role.FACHSTELLE).post(done_url(aufgabe)).status_code == 403


def test_marking_done_ignores_a_foreign_next_url(client_as):
    aufgabe = released_aufgabe()
    response = client_as(Role.FACHSTELLE).post(done_url(aufgabe), {"next": "https://evil.example/"})
    assert response.url == reverse("netzwerk:aufgabe_mine")
    aufgabe.refresh_from_db()
    assert aufgabe.erledigt


def test_the_aufgaben_list_filters_by_status_gremium_and_person(client_as):
    gremium = GremiumFactory()
    person = PersonFactory()
    overdue = released_aufgabe(
        beschreibung="Alt und offen",
        faellig_am=TODAY() - datetime.timedelta(days=1),
        protokoll__termin__gremium=gremium,
    )
    done = released_aufgabe(
        beschreibung="Fertig", erledigt=True, erledigt_am=TODAY(), verantwortlich=person
    )
    upcoming = released_aufgabe(beschreibung="Bald fällig")
    client = client_as(Role.FACHSTELLE)
    url = reverse("netzwerk:aufgabe_list")

    def shown(**params):
        text = client.get(url, params).text
        return {a.beschreibung for a in [overdue, done, upcoming] if a.beschreibung in text}

    assert shown() == {"Alt und offen", "Fertig", "Bald fällig"}
    assert shown(status="ueberfaellig") == {"Alt und offen"}
    assert shown(status="offen") == {"Alt und offen", "Bald fällig"}
    assert shown(status="erledigt") == {"Fertig"}
    assert shown(gremium=gremium.slug) == {"Alt und offen"}
    assert shown(verantwortlich=person.pk) == {"Fertig"}


def test_a_bad_filter_value_shows_the_list_unfiltered_and_no_error(client_as):
    released_aufgabe(beschreibung="Sichtbar")
    released_aufgabe(beschreibung="Schon erledigt", erledigt=True, erledigt_am=TODAY())
    response = client_as(Role.FACHSTELLE).get(reverse("netzwerk:aufgabe_list"), {"status": "x"})
    assert response.status_code == 200
    assert "Sichtbar" in response.text and "Schon erledigt" in response.text


@pytest.mark.parametrize("count", [2, 30])
def test_aufgaben_list_query_count_does_not_grow(client_as, django_assert_max_num_queries, count):
    for _ in range(count):
        released_aufgabe(faellig_am=TODAY() - datetime.timedelta(days=2))
    client = client_as(Role.KOORDINATION)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("netzwerk:aufgabe_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 30])
def test_meine_aufgaben_query_count_does_not_grow(
    client, partner, django_assert_max_num_queries, count
):
    person = PersonFactory(user=partner)
    for _ in range(count):
        released_aufgabe(verantwortlich=person)
    client.force_login(partner)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("netzwerk:aufgabe_mine"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 30])
def test_protokoll_page_query_count_does_not_grow(client_as, django_assert_max_num_queries, count):
    protokoll = ProtokollFactory(freigegeben_am=timezone.now())
    for _ in range(count):
        AufgabeFactory(protokoll=protokoll)
    client = client_as(Role.KOORDINATION)
    with django_assert_max_num_queries(10):
        response = client.get(detail_url(protokoll.termin))
    assert response.status_code == 200


# --- weekly reminder -------------------------------------------------------------------------


def test_the_reminder_sends_one_mail_per_person_listing_their_overdue_aufgaben():
    anna, ben = PersonFactory(name="Anna"), PersonFactory(name="Ben")
    past = TODAY() - datetime.timedelta(days=5)
    released_aufgabe(verantwortlich=anna, beschreibung="Plakat", faellig_am=past)
    released_aufgabe(verantwortlich=anna, beschreibung="Raum", faellig_am=past)
    released_aufgabe(verantwortlich=ben, beschreibung="Protokoll lesen", faellig_am=past)
    released_aufgabe(
        verantwortlich=ben,
        beschreibung="Noch Zeit",
        faellig_am=TODAY() + datetime.timedelta(days=3),
    )
    released_aufgabe(
        verantwortlich=ben,
        beschreibung="Erledigt",
        faellig_am=past,
        erledigt=True,
        erledigt_am=past,
    )
    AufgabeFactory(verantwortlich=ben, beschreibung="Entwurf", faellig_am=past)
    assert tasks.remind_overdue_aufgaben() == 2
    by_person = {m.to[0]: m.body for m in mail.outbox}
    assert "Plakat" in by_person[anna.email] and "Raum" in by_person[anna.email]
    assert "Protokoll lesen" in by_person[ben.email]
    for absent in ["Noch Zeit", "Erledigt", "Entwurf"]:
        assert absent not in by_person[ben.email]
    assert set(
        Aufgabe.objects.filter(erinnert_am=TODAY()).values_list("beschreibung", flat=True)
    ) == {
        "Plakat",
        "Raum",
        "Protokoll lesen",
    }


def test_a_second_run_in_the_same_week_sends_nothing():
    released_aufgabe(faellig_am=TODAY() - datetime.timedelta(days=5))
    assert tasks.remind_overdue_aufgaben() == 1
    assert tasks.remind_overdue_aufgaben() == 0
    assert len(mail.outbox) == 1


def test_the_reminder_comes_again_the_next_week():
    monday = erinnerungen.start_of_week(TODAY())
    aufgabe = released_aufgabe(faellig_am=TODAY() - datetime.timedelta(days=20))
    Aufgabe.objects.filter(pk=aufgabe.pk).update(erinnert_am=monday - datetime.timedelta(days=1))
    assert tasks.remind_overdue_aufgaben() == 1


def test_a_failed_reminder_mail_leaves_the_aufgaben_unmarked(monkeypatch):
    aufgabe = released_aufgabe(faellig_am=TODAY() - datetime.timedelta(days=5))

    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    assert tasks.remind_overdue_aufgaben() == 0
    aufgabe.refresh_from_db()
    assert aufgabe.erinnert_am is None


def test_the_beat_schedule_has_the_sweep_and_the_weekly_reminder(settings):
    schedule = {
        entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert schedule["netzwerk.mail_jobs.sweep_protokollversand"] == 300
    weekly = schedule["netzwerk.mail_jobs.remind_overdue_aufgaben"]
    assert weekly.day_of_week == {1} and weekly.hour == {7} and weekly.minute == {0}


def test_citywide_gremium_termin_held_in_own_quartier_is_fachstelle_only(
    client, koordination, own_termin
):
    quartier = own_termin.effective_quartier
    termin = TerminFactory(gremium=GremiumFactory(quartier=None), quartier=quartier)
    client.force_login(koordination)
    assert client.get(edit_url(termin)).status_code == 403
    assert client.get(edit_url(own_termin)).status_code == 200
