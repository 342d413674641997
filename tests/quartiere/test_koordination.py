"""Koordination: the history of a Quartier, assigning, ending and handing over, and its effect."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gwa_portal.core.models import Role
from quartiere import rules
from quartiere.koordination import (
    assign_koordination,
    end_koordination,
    hand_over_koordination,
)
from quartiere.models import Koordination

from ..factories import AktivitaetFactory, BedarfFactory, KoordinationFactory, QuartierFactory

pytestmark = pytest.mark.django_db

F, K, V = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG
TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.fixture
def quartier():
    return QuartierFactory(name="Wiesenau")


@pytest.fixture
def anna(make_user):
    return make_user(Role.KOORDINATION, name="Anna Alt")


@pytest.fixture
def nora(make_user):
    return make_user(Role.KOORDINATION, name="Nora Neu")


def body(response):
    return response.content.decode()


def url(quartier):
    return reverse("quartiere:koordination", args=[quartier.slug])


def end_url(koordination):
    return reverse("quartiere:koordination_end", args=[koordination.quartier.slug, koordination.pk])


def iso(date):
    return date.isoformat()


# --- domain functions ------------------------------------------------------------------------


def test_assign_creates_an_open_koordination(quartier, anna):
    koordination = assign_koordination(quartier=quartier, user=anna, von=datetime.date(2025, 2, 1))
    assert (koordination.quartier, koordination.user, koordination.bis) == (quartier, anna, None)
    assert koordination.von == datetime.date(2025, 2, 1)


def test_several_people_may_coordinate_one_quartier_at_once(quartier, anna, nora):
    assign_koordination(quartier=quartier, user=anna, von=datetime.date(2025, 1, 1))
    assign_koordination(quartier=quartier, user=nora, von=datetime.date(2025, 1, 1))
    assert quartier.koordinationen.current().count() == 2


def test_the_same_person_cannot_coordinate_a_quartier_twice_at_once(quartier, anna):
    KoordinationFactory(quartier=quartier, user=anna, von=datetime.date(2024, 1, 1))
    with pytest.raises(ValidationError) as error:
        assign_koordination(quartier=quartier, user=anna, von=datetime.date(2025, 1, 1))
    assert "Anna Alt koordiniert Wiesenau bereits seit dem 01.01.2024" in error.value.messages[0]
    assert Koordination.objects.count() == 1


def test_overlap_with_an_ended_period_is_refused_but_a_later_start_is_fine(quartier, anna):
    KoordinationFactory(
        quartier=quartier, user=anna, von=datetime.date(2024, 1, 1), bis=datetime.date(2024, 6, 30)
    )
    with pytest.raises(ValidationError) as error:
        assign_koordination(quartier=quartier, user=anna, von=datetime.date(2024, 6, 30))
    assert "vom 01.01.2024 bis 30.06.2024" in error.value.messages[0]
    assign_koordination(quartier=quartier, user=anna, von=datetime.date(2024, 7, 1))
    assert quartier.koordinationen.filter(user=anna).count() == 2


def test_the_same_person_may_coordinate_another_quartier(quartier, anna):
    KoordinationFactory(quartier=quartier, user=anna)
    assign_koordination(quartier=QuartierFactory(), user=anna, von=datetime.date(2025, 1, 1))
    assert anna.koordinationen.count() == 2


def test_only_active_koordination_or_fachstelle_accounts_can_coordinate(quartier, make_user):
    for user in [
        make_user(Role.VERWALTUNG),
        make_user(Role.PARTNER),
        make_user(Role.KOORDINATION, is_active=False),
    ]:
        with pytest.raises(ValidationError, match="Nur aktive Zugänge"):
            assign_koordination(quartier=quartier, user=user, von=TODAY())
    assign_koordination(quartier=quartier, user=make_user(Role.FACHSTELLE), von=TODAY())
    assert Koordination.objects.count() == 1


def test_end_sets_the_last_day_and_keeps_the_row(quartier, anna):
    koordination = KoordinationFactory(quartier=quartier, user=anna, von=datetime.date(2024, 1, 1))
    end_koordination(koordination=koordination, bis=TODAY())
    koordination.refresh_from_db()
    assert koordination.bis == TODAY()
    assert Koordination.objects.filter(pk=koordination.pk).exists()


def test_end_before_start_is_refused(quartier, anna):
    koordination = KoordinationFactory(quartier=quartier, user=anna, von=datetime.date(2025, 3, 1))
    with pytest.raises(ValidationError, match="nicht vor dem Beginn der Koordination"):
        end_koordination(koordination=koordination, bis=datetime.date(2025, 2, 28))
    koordination.refresh_from_db()
    assert koordination.bis is None


def test_an_ended_koordination_cannot_be_ended_again(quartier, anna):
    old_end = TODAY() - 10 * DAY
    koordination = KoordinationFactory(
        quartier=quartier, user=anna, von=datetime.date(2024, 1, 1), bis=old_end
    )
    with pytest.raises(ValidationError, match="bereits am"):
        end_koordination(koordination=koordination, bis=TODAY())
    koordination.refresh_from_db()
    assert koordination.bis == old_end


def test_hand_over_ends_the_day_before_and_starts_the_successor(quartier, anna, nora):
    old = KoordinationFactory(quartier=quartier, user=anna, von=datetime.date(2024, 1, 1))
    new = hand_over_koordination(koordination=old, to=nora, on=datetime.date(2025, 4, 1))
    old.refresh_from_db()
    assert old.bis == datetime.date(2025, 3, 31)
    assert (new.user, new.von, new.bis) == (nora, datetime.date(2025, 4, 1), None)


def test_failed_hand_over_changes_nothing(quartier, anna, nora):
    old = KoordinationFactory(quartier=quartier, user=anna, von=datetime.date(2024, 1, 1))
    KoordinationFactory(quartier=quartier, user=nora, von=datetime.date(2024, 6, 1))
    with pytest.raises(ValidationError, match="Nora Neu koordiniert Wiesenau bereits"):
        hand_over_koordination(koordination=old, to=nora, on=datetime.date(2025, 4, 1))
    old.refresh_from_db()
    assert old.bis is None
    assert Koordination.objects.count() == 2


def test_hand_over_needs_another_person_and_a_day_after_the_start(quartier, anna, nora):
    old = KoordinationFactory(quartier=quartier, user=anna, von=datetime.date(2025, 1, 10))
    with pytest.raises(ValidationError, match="andere Person"):
        hand_over_koordination(koordination=old, to=anna, on=datetime.date(2025, 4, 1))
    with pytest.raises(ValidationError, match=r"frühestens .* ab dem 11\.01\.2025"):
        hand_over_koordination(koordination=old, to=nora, on=datetime.date(2025, 1, 10))
    old.refresh_from_db()
    assert old.bis is None
    assert Koordination.objects.count() == 1


# --- the Koordination page -------------------------------------------------------------------


def test_page_shows_the_full_history_with_current_and_former(client_as, quartier, anna, nora):
    KoordinationFactory(
        quartier=quartier, user=anna, von=datetime.date(2022, 1, 1), bis=datetime.date(2023, 12, 31)
    )
    KoordinationFactory(quartier=quartier, user=nora, von=datetime.date(2024, 1, 1))
    page = body(client_as(F).get(url(quartier)))
    assert "Anna Alt" in page
    assert "01.01.2022" in page
    assert "31.12.2023" in page
    assert "früher" in page
    nora_row = page.split("Nora Neu", 1)[1].split("</tr>", 1)[0]
    assert "aktuell" in nora_row
    anna_row = page.split("Anna Alt", 1)[1].split("</tr>", 1)[0]
    assert "aktuell" not in anna_row
    assert "Beenden" not in anna_row
    assert "Beenden" in nora_row


def test_page_without_any_koordination_has_an_empty_state(client_as, quartier):
    page = body(client_as(F).get(url(quartier)))
    assert "hatte noch nie eine Koordination" in page
    assert 'value="uebergeben"' not in page


def test_only_the_fachstelle_manages_koordination(client_as, quartier, anna, koordination):
    own = KoordinationFactory(quartier=quartier, user=koordination)
    for role in [K, V]:
        client = client_as(role)
        assert client.get(url(quartier)).status_code == 403
        response = client.post(
            url(quartier),
            {"aktion": "zuordnen", "zuordnen-user": anna.pk, "zuordnen-von": iso(TODAY())},
        )
        assert response.status_code == 403
        assert client.post(end_url(own), {"bis": iso(TODAY())}).status_code == 403
    own.refresh_from_db()
    assert own.bis is None
    assert Koordination.objects.count() == 1


def test_assign_form_offers_active_koordination_and_fachstelle_accounts(
    client_as, quartier, anna, make_user
):
    make_user(Role.KOORDINATION, name="Ina Inaktiv", is_active=False)
    page = body(client_as(F).get(url(quartier)))
    assert "Anna Alt (GW-Koordination)" in page
    assert "Alice Fachstelle (Fachstelle GWA)" in page
    assert "Ina Inaktiv" not in page
    assert "Charlie Verwaltung" not in page
    assert "Dana Partner" not in page
    assert f'value="{iso(TODAY())}"' in page


def test_fachstelle_assigns_a_person_from_a_date(client_as, quartier, anna):
    response = client_as(F).post(
        url(quartier),
        {"aktion": "zuordnen", "zuordnen-user": anna.pk, "zuordnen-von": "2025-05-01"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url(quartier)
    assert "Anna Alt koordiniert Wiesenau ab dem 01.05.2025." in body(response)
    koordination = Koordination.objects.get()
    assert (koordination.user, koordination.von, koordination.bis) == (
        anna,
        datetime.date(2025, 5, 1),
        None,
    )


def test_assigning_an_overlapping_period_is_refused_in_german(client_as, quartier, anna):
    KoordinationFactory(quartier=quartier, user=anna, von=datetime.date(2024, 1, 1))
    response = client_as(F).post(
        url(quartier),
        {"aktion": "zuordnen", "zuordnen-user": anna.pk, "zuordnen-von": "2025-05-01"},
    )
    assert response.status_code == 400
    error = body(response).split('id="id_zuordnen-von_error"', 1)[1].split("</p>", 1)[0]
    assert "Anna Alt koordiniert Wiesenau bereits seit dem 01.01.2024" in error
    assert Koordination.objects.count() == 1


def test_assign_form_explains_bad_input(client_as, quartier, users):
    client = client_as(F)
    missing = client.post(url(quartier), {"aktion": "zuordnen", "zuordnen-von": "kein Datum"})
    assert missing.status_code == 400
    assert "Bitte wählen Sie eine Person." in body(missing)
    assert "Bitte geben Sie ein gültiges Datum ein" in body(missing)
    partner = client.post(
        url(quartier),
        {
            "aktion": "zuordnen",
            "zuordnen-user": users[Role.PARTNER].pk,
            "zuordnen-von": "2025-01-01",
        },
    )
    assert partner.status_code == 400
    assert "Bitte wählen Sie eine Person aus der Liste." in body(partner)
    assert client.post(url(quartier), {"aktion": "unbekannt"}).status_code == 400
    assert client.post(url(quartier), {}).status_code == 400
    assert not Koordination.objects.exists()


def test_end_page_asks_with_today_as_default_and_then_ends(client_as, quartier, anna):
    koordination = KoordinationFactory(quartier=quartier, user=anna, von=datetime.date(2024, 1, 1))
    client = client_as(F)
    page = body(client.get(end_url(koordination)))
    assert "Möchten Sie sie beenden?" in page
    assert f'value="{iso(TODAY())}"' in page
    koordination.refresh_from_db()
    assert koordination.bis is None
    response = client.post(end_url(koordination), {"bis": "2025-06-30"}, follow=True)
    assert "Die Koordination von Anna Alt in Wiesenau endet am 30.06.2025." in body(response)
    koordination.refresh_from_db()
    assert koordination.bis == datetime.date(2025, 6, 30)


def test_end_before_start_is_refused_on_the_page(client_as, quartier, anna):
    koordination = KoordinationFactory(quartier=quartier, user=anna, von=datetime.date(2025, 3, 1))
    response = client_as(F).post(end_url(koordination), {"bis": "2025-02-01"})
    assert response.status_code == 400
    assert "Das Ende darf nicht vor dem Beginn der Koordination (01.03.2025) liegen." in body(
        response
    )
    koordination.refresh_from_db()
    assert koordination.bis is None


def test_ending_under_another_quartiers_address_is_not_found(client_as, quartier, anna):
    koordination = KoordinationFactory(quartier=quartier, user=anna)
    other = QuartierFactory()
    wrong = reverse("quartiere:koordination_end", args=[other.slug, koordination.pk])
    client = client_as(F)
    assert client.get(wrong).status_code == 404
    assert client.post(wrong, {"bis": iso(TODAY())}).status_code == 404
    koordination.refresh_from_db()
    assert koordination.bis is None


def test_an_ended_koordination_is_not_ended_again_on_the_page(client_as, quartier, anna):
    koordination = KoordinationFactory(
        quartier=quartier, user=anna, von=datetime.date(2023, 1, 1), bis=datetime.date(2023, 12, 31)
    )
    client = client_as(F)
    assert "bereits am 31.12.2023 beendet" in body(client.get(end_url(koordination)))
    assert client.post(end_url(koordination), {"bis": iso(TODAY())}).status_code == 400
    koordination.refresh_from_db()
    assert koordination.bis == datetime.date(2023, 12, 31)


def test_hand_over_on_the_page_moves_the_rights_at_once(client_as, quartier, anna, nora):
    old = KoordinationFactory(quartier=quartier, user=anna, von=datetime.date(2024, 1, 1))
    bedarf = BedarfFactory(quartier=quartier)
    aktivitaet = AktivitaetFactory(quartier=quartier, autor=anna)
    edit = reverse("quartiere:bedarf_edit", args=[bedarf.pk])
    edit_aktivitaet = reverse("quartiere:aktivitaet_edit", args=[aktivitaet.pk])
    assert rules.can_change_aktivitaet(anna, aktivitaet)

    response = client_as(F).post(
        url(quartier),
        {
            "aktion": "uebergeben",
            "uebergabe-koordination": old.pk,
            "uebergabe-nachfolge": nora.pk,
            "uebergabe-datum": iso(TODAY()),
        },
        follow=True,
    )
    assert "Wiesenau ist übergeben: Nora Neu koordiniert ab dem" in body(response)
    old.refresh_from_db()
    assert old.bis == TODAY() - DAY
    assert quartier.koordinationen.get(user=nora).von == TODAY()

    client = response.client
    client.force_login(anna)
    assert client.get(edit).status_code == 403
    assert client.get(edit_aktivitaet).status_code == 403
    assert not rules.can_change_aktivitaet(anna, aktivitaet)
    client.force_login(nora)
    assert client.get(edit).status_code == 200
    assert client.get(edit_aktivitaet).status_code == 200
    assert rules.can_change_aktivitaet(nora, aktivitaet)


def test_hand_over_to_tomorrow_keeps_todays_rights_with_the_old_coordinator(quartier, anna, nora):
    old = KoordinationFactory(quartier=quartier, user=anna, von=datetime.date(2024, 1, 1))
    bedarf = BedarfFactory(quartier=quartier)
    hand_over_koordination(koordination=old, to=nora, on=TODAY() + DAY)
    assert rules.can_change_bedarf(anna, bedarf)
    assert not rules.can_change_bedarf(nora, bedarf)


def test_hand_over_with_bad_input_changes_nothing(client_as, quartier, anna, nora):
    old = KoordinationFactory(quartier=quartier, user=anna, von=TODAY())
    client = client_as(F)
    too_early = client.post(
        url(quartier),
        {
            "aktion": "uebergeben",
            "uebergabe-koordination": old.pk,
            "uebergabe-nachfolge": nora.pk,
            "uebergabe-datum": iso(TODAY()),
        },
    )
    assert too_early.status_code == 400
    error = body(too_early).split('id="id_uebergabe-datum_error"', 1)[1].split("</p>", 1)[0]
    assert "frühestens am Tag nach dem Beginn" in error
    same = client.post(
        url(quartier),
        {
            "aktion": "uebergeben",
            "uebergabe-koordination": old.pk,
            "uebergabe-nachfolge": anna.pk,
            "uebergabe-datum": iso(TODAY() + DAY),
        },
    )
    assert same.status_code == 400
    assert "Bitte wählen Sie eine andere Person" in body(same)
    foreign = KoordinationFactory(user=nora)
    wrong_quartier = client.post(
        url(quartier),
        {
            "aktion": "uebergeben",
            "uebergabe-koordination": foreign.pk,
            "uebergabe-nachfolge": anna.pk,
            "uebergabe-datum": iso(TODAY() + DAY),
        },
    )
    assert wrong_quartier.status_code == 400
    assert "laufende Koordination dieses Quartiers" in body(wrong_quartier)
    old.refresh_from_db()
    foreign.refresh_from_db()
    assert old.bis is None and foreign.bis is None
    assert Koordination.objects.count() == 2
