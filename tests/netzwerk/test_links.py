"""Cross-links between the Netzwerk pages: present where the viewer may open the target,
absent where the target would answer 403/404 (the rules decide, computed in the views)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gwa_portal.core.models import Role

from ..factories import (
    AkteurFactory,
    AngebotFactory,
    AufgabeFactory,
    EinladungFactory,
    FortbildungFactory,
    GremiumFactory,
    KoordinationFactory,
    MitgliedschaftFactory,
    PersonFactory,
    ProtokollFactory,
    QuartierFactory,
    SupervisionFactory,
    TerminFactory,
    in_days,
)

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER


def main(response):
    assert response.status_code == 200
    return re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group(0)


def href(url):
    return f'href="{url}"'


@pytest.fixture
def wiesenau(db):
    quartier = QuartierFactory(name="Wiesenau", slug="wiesenau")
    gremium = GremiumFactory(name="Runder Tisch Wiesenau", quartier=quartier)
    public = TerminFactory(titel="Stadtteilfest", gremium=gremium, oeffentlich=True)
    internal = TerminFactory(titel="Interne Sitzung", gremium=gremium, beginn=in_days(8))
    return quartier, gremium, public, internal


def quartier_page(client, quartier):
    return main(client.get(reverse("quartiere:detail", args=[quartier.slug])))


# --- Quartier page ---------------------------------------------------------------------------


def test_public_quartier_page_links_the_public_termin_but_no_gremium(client_as, wiesenau):
    quartier, gremium, public, internal = wiesenau
    html = quartier_page(client_as(None), quartier)
    assert href(public.get_absolute_url()) in html
    assert "Runder Tisch Wiesenau" in html, "the Gremium is named"
    assert href(gremium.get_absolute_url()) not in html
    assert internal.titel not in html


def test_public_termin_link_opens_the_public_termin_page(client_as, wiesenau):
    public = wiesenau[2]
    response = client_as(None).get(public.get_absolute_url())
    assert response.status_code == 200 and "Stadtteilfest" in response.content.decode()


def test_partner_gets_gremium_links_only_for_their_own_gremium(client_as, users, wiesenau):
    quartier, gremium, *_ = wiesenau
    html = quartier_page(client_as(P), quartier)
    assert href(gremium.get_absolute_url()) not in html
    MitgliedschaftFactory(gremium=gremium, person=PersonFactory(user=users[P]))
    html = quartier_page(client_as(P), quartier)
    assert href(gremium.get_absolute_url()) in html


@pytest.mark.parametrize("role", [F, K, V])
def test_internal_quartier_page_links_gremien_and_internal_termine(client_as, role, wiesenau):
    quartier, gremium, public, internal = wiesenau
    html = quartier_page(client_as(role), quartier)
    for target in (gremium, public, internal):
        assert href(target.get_absolute_url()) in html


def test_quartier_page_links_akteure_for_internal_users_only(client_as, wiesenau):
    quartier = wiesenau[0]
    angebot = AngebotFactory(quartier=quartier, akteur=AkteurFactory(name="Treff e. V."))
    assert href(angebot.akteur.get_absolute_url()) in quartier_page(client_as(V), quartier)
    html = quartier_page(client_as(None), quartier)
    assert "Treff e. V." in html and href(angebot.akteur.get_absolute_url()) not in html


# --- Gremium and Person pages ----------------------------------------------------------------


@pytest.fixture
def gremium_with_member(db, users):
    gremium = GremiumFactory(name="AG Senior:innen")
    member = PersonFactory(name="Aylin Beispiel", akteur=AkteurFactory(name="Treff e. V."))
    MitgliedschaftFactory(gremium=gremium, person=member)
    MitgliedschaftFactory(gremium=gremium, person=PersonFactory(user=users[P]))
    return gremium, member


def test_partner_sees_no_person_links_on_the_gremium_page(client_as, gremium_with_member):
    gremium, member = gremium_with_member
    html = main(client_as(P).get(gremium.get_absolute_url()))
    assert "Aylin Beispiel" in html
    assert href(member.get_absolute_url()) not in html
    assert href(member.akteur.get_absolute_url()) not in html
    assert client_as(P).get(member.get_absolute_url()).status_code == 403


@pytest.mark.parametrize("role", [F, K, V])
def test_internal_users_get_person_links_on_the_gremium_page(client_as, role, gremium_with_member):
    gremium, member = gremium_with_member
    html = main(client_as(role).get(gremium.get_absolute_url()))
    assert href(member.get_absolute_url()) in html
    assert href(member.akteur.get_absolute_url()) in html


def test_person_page_links_the_gremien_of_the_mitgliedschaften(client_as, gremium_with_member):
    gremium, member = gremium_with_member
    html = main(client_as(V).get(member.get_absolute_url()))
    assert href(gremium.get_absolute_url()) in html


def test_rsvp_overview_links_the_invited_persons(client_as):
    einladung = EinladungFactory()
    html = main(
        client_as(F).get(reverse("netzwerk:termin_einladungen", args=[einladung.termin_id]))
    )
    assert href(einladung.person.get_absolute_url()) in html


# --- Termin page: Protokoll, Fortbildung, Supervision ------------------------------------------


def protokoll_url(termin):
    return reverse("netzwerk:protokoll_detail", args=[termin.pk])


def protokoll_edit_url(termin):
    return reverse("netzwerk:protokoll_edit", args=[termin.pk])


@pytest.mark.parametrize("role", [F, K, V])
def test_termin_page_links_the_protokoll_for_internal_users(client_as, role):
    termin = ProtokollFactory().termin
    html = main(client_as(role).get(termin.get_absolute_url()))
    assert href(protokoll_url(termin)) in html


def test_termin_page_offers_writing_the_protokoll_to_who_may_write_it(
    client_as, koordination, users
):
    termin = TerminFactory()
    KoordinationFactory(quartier=termin.gremium.quartier, user=koordination)
    for role in (F, K):
        html = main(client_as(role).get(termin.get_absolute_url()))
        assert href(protokoll_edit_url(termin)) in html and "Protokoll schreiben" in html
    html = main(client_as(V).get(termin.get_absolute_url()))
    assert "noch kein Protokoll" in html
    assert href(protokoll_edit_url(termin)) not in html


def test_coordinator_of_another_quartier_gets_no_write_link(client_as):
    termin = ProtokollFactory().termin
    html = main(client_as(K).get(termin.get_absolute_url()))
    assert href(protokoll_url(termin)) in html
    assert href(protokoll_edit_url(termin)) not in html


def test_partner_gets_the_protokoll_link_once_it_is_released(client_as, users):
    protokoll = ProtokollFactory()
    termin = protokoll.termin
    MitgliedschaftFactory(gremium=termin.gremium, person=PersonFactory(user=users[P]))
    html = main(client_as(P).get(termin.get_absolute_url()))
    assert href(protokoll_url(termin)) not in html and "Protokoll" not in html
    protokoll.freigegeben_am = timezone.now()
    protokoll.save()
    html = main(client_as(P).get(termin.get_absolute_url()))
    assert href(protokoll_url(termin)) in html
    assert client_as(P).get(protokoll_url(termin)).status_code == 200


def test_public_termin_page_says_nothing_about_the_protokoll(client_as):
    termin = ProtokollFactory(termin=TerminFactory(oeffentlich=True)).termin
    html = main(client_as(None).get(termin.get_absolute_url()))
    assert href(protokoll_url(termin)) not in html


def test_fortbildung_termin_links_back_to_the_course_and_back(client_as):
    fortbildung = FortbildungFactory(thema="Moderation im Quartier")
    termin = TerminFactory(gremium=None, fortbildung=fortbildung)
    html = main(client_as(K).get(termin.get_absolute_url()))
    assert href(fortbildung.get_absolute_url()) in html
    html = main(client_as(K).get(fortbildung.get_absolute_url()))
    assert href(termin.get_absolute_url()) in html


def test_supervision_termin_links_back_to_the_group_and_back(client_as, koordination):
    supervision = SupervisionFactory(mitglieder=[koordination])
    termin = TerminFactory(gremium=None, supervision=supervision)
    html = main(client_as(K).get(termin.get_absolute_url()))
    assert href(supervision.get_absolute_url()) in html
    assert "Protokoll" not in html, "Supervision has no Protokoll"
    html = main(client_as(K).get(supervision.get_absolute_url()))
    assert href(termin.get_absolute_url()) in html


# --- Protokoll pages and Aufgaben lists --------------------------------------------------------


def test_protokoll_page_links_the_termin_and_its_gremium(client_as):
    termin = ProtokollFactory().termin
    html = main(client_as(V).get(protokoll_url(termin)))
    assert href(termin.get_absolute_url()) in html
    assert href(termin.gremium.get_absolute_url()) in html


def test_aufgaben_list_links_the_termin_and_the_protokoll(client_as):
    aufgabe = AufgabeFactory(protokoll=ProtokollFactory(freigegeben_am=timezone.now()))
    termin = aufgabe.protokoll.termin
    html = main(client_as(F).get(reverse("netzwerk:aufgabe_list")))
    assert href(termin.get_absolute_url()) in html
    assert href(protokoll_url(termin)) in html


def test_meine_aufgaben_links_only_termine_the_partner_may_open(client_as, users):
    person = PersonFactory(user=users[P])
    released = timezone.now()
    foreign = AufgabeFactory(
        verantwortlich=person, protokoll=ProtokollFactory(freigegeben_am=released)
    ).protokoll.termin
    invited = AufgabeFactory(
        verantwortlich=person, protokoll=ProtokollFactory(freigegeben_am=released)
    ).protokoll.termin
    EinladungFactory(termin=invited, person=person)
    html = main(client_as(P).get(reverse("netzwerk:aufgabe_mine")))
    assert foreign.titel in html and href(foreign.get_absolute_url()) not in html
    assert href(invited.get_absolute_url()) in html
    assert href(foreign.gremium.get_absolute_url()) not in html


# --- Akteur and Angebot pages ------------------------------------------------------------------


def test_akteur_page_shows_its_angebote_and_the_gremien_of_its_personen(client_as):
    akteur = AkteurFactory()
    angebot = AngebotFactory(akteur=akteur)
    gremium = GremiumFactory(name="AG Senior:innen")
    MitgliedschaftFactory(gremium=gremium, person=PersonFactory(akteur=akteur))
    ended = GremiumFactory(name="Beendete AG")
    MitgliedschaftFactory(
        gremium=ended, person=PersonFactory(akteur=akteur), von="2020-01-01", bis="2021-01-01"
    )
    html = main(client_as(V).get(akteur.get_absolute_url()))
    assert href(angebot.get_absolute_url()) in html
    assert href(angebot.quartier.get_absolute_url()) in html
    assert href(gremium.get_absolute_url()) in html
    assert "Beendete AG" not in html


def test_akteur_page_needs_the_same_queries_for_few_and_many_links(
    client_as, django_assert_max_num_queries
):
    akteur = AkteurFactory()
    client = client_as(F)

    def grow():
        AngebotFactory(akteur=akteur)
        MitgliedschaftFactory(person=PersonFactory(akteur=akteur))

    grow()
    with django_assert_max_num_queries(20) as few:
        client.get(akteur.get_absolute_url())
    for _ in range(10):
        grow()
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = main(client.get(akteur.get_absolute_url()))
    assert html.count("/netzwerk/gremien/") >= 11


def test_angebot_page_links_the_akteur_for_internal_users_only(client_as):
    angebot = AngebotFactory()
    html = main(client_as(K).get(angebot.get_absolute_url()))
    assert href(angebot.akteur.get_absolute_url()) in html
    assert href(angebot.quartier.get_absolute_url()) in html
    for role in (None, P):
        html = main(client_as(role).get(angebot.get_absolute_url()))
        assert angebot.akteur.name in html
        assert href(angebot.akteur.get_absolute_url()) not in html
        assert href(angebot.quartier.get_absolute_url()) in html
