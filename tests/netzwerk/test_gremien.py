"""Gremien: list with filters, the Gremium page, editing rights per role, Mitgliedschaften."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gwa_portal.core.models import Role
from netzwerk.models import Gremium, Mitgliedschaft

from ..factories import (
    GremiumFactory,
    HandlungsfeldFactory,
    KoordinationFactory,
    MitgliedschaftFactory,
    PersonFactory,
    QuartierFactory,
    TerminFactory,
    in_days,
)

pytestmark = pytest.mark.django_db

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER


@pytest.fixture
def own(koordination):
    return KoordinationFactory(
        user=koordination, quartier=QuartierFactory(name="Wiesenau")
    ).quartier


@pytest.fixture
def foreign():
    return QuartierFactory(name="Brink")


def detail_url(gremium):
    return reverse("netzwerk:gremium_detail", args=[gremium.slug])


def gremium_data(**overrides):
    data = {
        "name": "AG Senior:innen",
        "slug": "",
        "art": Gremium.Art.AG,
        "quartier": "",
        "beschreibung": "Treffen der Senior:innenarbeit.",
        "aktiv": "on",
    }
    data.update(overrides)
    return data


# --- Liste ----------------------------------------------------------------------------------


def test_list_filters_by_art_quartier_stadtweit_handlungsfeld_and_aktiv(client_as, own):
    hf = HandlungsfeldFactory(name="Teilhabe")
    rt = GremiumFactory(name="Runder Tisch Wiesenau", quartier=own, handlungsfelder=[hf])
    ag = GremiumFactory(name="AG Stadtweit", quartier=None, art=Gremium.Art.AG)
    old = GremiumFactory(name="Alter Arbeitskreis", aktiv=False)
    client = client_as(F)
    url = reverse("netzwerk:gremium_list")

    def names(**params):
        page = client.get(url, params).context["page"]
        return {g.name for g in page.object_list}

    assert names() == {rt.name, ag.name}
    assert names(aktiv="") == {rt.name, ag.name, old.name}
    assert names(art=Gremium.Art.AG) == {ag.name}
    assert names(quartier="stadtweit") == {ag.name}
    assert names(quartier=own.slug) == {rt.name}
    assert names(handlungsfeld=hf.pk) == {rt.name}
    response = client.get(url)
    assert "stadtweit" in response.content.decode()


def test_list_quartier_filter_is_typed_not_a_select_of_every_quartier(client_as, own, foreign):
    rt = GremiumFactory(name="Runder Tisch Wiesenau", quartier=own)
    GremiumFactory(name="AG Brink", quartier=foreign)
    client = client_as(F)
    url = reverse("netzwerk:gremium_list")
    body = client.get(url).content.decode()
    assert 'name="quartier" type="text"' in body or 'type="text" name="quartier"' in body
    assert f'<option value="{foreign.slug}"' not in body
    for typed in ("wiesen", "Wiesenau", own.slug, " Stadtweit "):
        response = client.get(url, {"quartier": typed})
        expected = set() if "stadtweit" in typed.lower() else {rt.name}
        assert {g.name for g in response.context["page"].object_list} == expected
    chosen = client.get(url, {"quartier": own.slug}).content.decode()
    assert 'value="Wiesenau"' in chosen  # the name, not the slug
    unknown = client.get(url, {"quartier": "Atlantis"}).content.decode()
    assert "Es gibt kein Quartier mit diesem Namen." in unknown


def test_list_counts_only_current_members(client_as, own):
    gremium = GremiumFactory(name="Runder Tisch Wiesenau", quartier=own)
    MitgliedschaftFactory(gremium=gremium)
    MitgliedschaftFactory(gremium=gremium, bis=timezone.localdate() - datetime.timedelta(days=1))
    MitgliedschaftFactory(gremium=gremium, von=timezone.localdate() + datetime.timedelta(days=5))
    page = client_as(F).get(reverse("netzwerk:gremium_list")).context["page"]
    assert [g.mitglieder_count for g in page.object_list] == [1]


def test_partner_lists_only_the_gremien_they_belong_to(client_as, partner):
    mine = GremiumFactory(name="Runder Tisch Mein")
    GremiumFactory(name="Runder Tisch Fremd")
    MitgliedschaftFactory(gremium=mine, person=PersonFactory(user=partner))
    response = client_as(P).get(reverse("netzwerk:gremium_list"))
    assert [g.name for g in response.context["page"].object_list] == ["Runder Tisch Mein"]
    assert "Runder Tisch Fremd" not in response.content.decode()


def test_list_query_count_does_not_grow(client_as, django_assert_max_num_queries):
    hf = HandlungsfeldFactory()
    client = client_as(F)
    for n in (3, 30):
        for _ in range(n):
            gremium = GremiumFactory(handlungsfelder=[hf])
            MitgliedschaftFactory(gremium=gremium)
        with django_assert_max_num_queries(8):
            assert client.get(reverse("netzwerk:gremium_list")).status_code == 200


# --- Gremium-Seite --------------------------------------------------------------------------


def test_page_shows_members_roles_former_members_and_termine(client_as, own):
    gremium = GremiumFactory(name="Runder Tisch Wiesenau", quartier=own)
    MitgliedschaftFactory(
        gremium=gremium, person=PersonFactory(name="Sabine Sprecherin"), rolle="sprecher"
    )
    MitgliedschaftFactory(gremium=gremium, person=PersonFactory(name="Max Mitglied"))
    MitgliedschaftFactory(
        gremium=gremium,
        person=PersonFactory(name="Ernst Ehemalig"),
        von=datetime.date(2020, 1, 1),
        bis=datetime.date(2023, 12, 31),
    )
    TerminFactory(gremium=gremium, titel="Sitzung im Advent", beginn=in_days(5))
    TerminFactory(gremium=gremium, titel="Sitzung im Herbst", beginn=in_days(-40))
    response = client_as(V).get(detail_url(gremium))
    body = response.content.decode()
    members = [m.person.name for m in response.context["mitglieder"]]
    assert members == ["Sabine Sprecherin", "Max Mitglied"]
    assert [m.person.name for m in response.context["ehemalige"]] == ["Ernst Ehemalig"]
    assert "Sprecher:in" in body
    assert "1 ehemaliges Mitglied" in body
    assert [t.titel for t in response.context["upcoming"]] == ["Sitzung im Advent"]
    assert [t.titel for t in response.context["past"]] == ["Sitzung im Herbst"]
    assert own.name in body


def test_citywide_gremium_says_stadtweit(client_as):
    gremium = GremiumFactory(quartier=None)
    body = client_as(K).get(detail_url(gremium)).content.decode()
    assert "stadtweit" in body


def test_page_limits_termine_and_links_to_the_filtered_list(client_as):
    gremium = GremiumFactory()
    for day in range(1, 13):
        TerminFactory(gremium=gremium, beginn=in_days(day))
    response = client_as(F).get(detail_url(gremium))
    assert len(response.context["upcoming"]) == 10
    assert f"?gremium={gremium.slug}" in response.content.decode()


def test_partner_sees_their_gremium_but_404_for_others(client_as, partner):
    mine = GremiumFactory()
    other = GremiumFactory()
    MitgliedschaftFactory(gremium=mine, person=PersonFactory(user=partner))
    client = client_as(P)
    response = client.get(detail_url(mine))
    assert response.status_code == 200
    assert response.context["can_change"] is False
    assert "Mitglied hinzufügen" not in response.content.decode()
    assert client.get(detail_url(other)).status_code == 404


def test_former_partner_member_no_longer_sees_the_gremium(client_as, partner):
    gremium = GremiumFactory()
    MitgliedschaftFactory(
        gremium=gremium, person=PersonFactory(user=partner), bis=datetime.date(2024, 1, 1)
    )
    assert client_as(P).get(detail_url(gremium)).status_code == 404


def test_page_query_count_does_not_grow(client_as, django_assert_max_num_queries):
    gremium = GremiumFactory(handlungsfelder=[HandlungsfeldFactory()])
    client = client_as(F)
    for n in (3, 40):
        for i in range(n):
            MitgliedschaftFactory(gremium=gremium)
            TerminFactory(gremium=gremium, beginn=in_days(1 + i))
            TerminFactory(gremium=gremium, beginn=in_days(-1 - i))
        with django_assert_max_num_queries(10):
            assert client.get(detail_url(gremium)).status_code == 200


# --- Anlegen, bearbeiten, löschen -----------------------------------------------------------


def test_fachstelle_creates_a_citywide_gremium_with_slug_from_name(client_as, fachstelle):
    hf = HandlungsfeldFactory()
    response = client_as(F).post(
        reverse("netzwerk:gremium_create"), gremium_data(handlungsfelder=[hf.pk])
    )
    gremium = Gremium.objects.get(name="AG Senior:innen")
    assert response.status_code == 302
    assert response["Location"] == detail_url(gremium)
    assert gremium.slug == "ag-seniorinnen"
    assert gremium.quartier is None
    assert gremium.organisator == fachstelle
    assert list(gremium.handlungsfelder.all()) == [hf]


def test_koordination_creates_in_own_quartier_only(client_as, own, foreign):
    client = client_as(K)
    response = client.post(reverse("netzwerk:gremium_create"), gremium_data(quartier=foreign.pk))
    assert response.status_code == 400
    assert "Quartieren anlegen, die Sie koordinieren" in response.content.decode()
    response = client.post(reverse("netzwerk:gremium_create"), gremium_data())
    assert response.status_code == 400
    assert "Stadtweite Gremien legt die Fachstelle an" in response.content.decode()
    assert not Gremium.objects.exists()
    response = client.post(reverse("netzwerk:gremium_create"), gremium_data(quartier=own.pk))
    assert response.status_code == 302
    assert Gremium.objects.get().quartier == own


def test_create_rejects_a_duplicate_name_in_german(client_as):
    GremiumFactory(name="AG Senior:innen")
    response = client_as(F).post(reverse("netzwerk:gremium_create"), gremium_data())
    assert response.status_code == 400
    assert "Es gibt schon ein Gremium mit diesem Namen." in response.content.decode()


def test_reserved_slug_neu_is_refused(client_as):
    response = client_as(F).post(reverse("netzwerk:gremium_create"), gremium_data(name="Neu"))
    assert response.status_code == 400
    assert "„neu“ ist als Kurzname reserviert." in response.content.decode()
    assert not Gremium.objects.exists()


def test_verwaltung_and_partner_cannot_create(client_as):
    assert client_as(V).post(reverse("netzwerk:gremium_create"), gremium_data()).status_code == 403
    assert client_as(P).get(reverse("netzwerk:gremium_create")).status_code == 403
    assert not Gremium.objects.exists()


def test_koordination_edits_own_gremium_but_not_foreign_or_citywide(client_as, own, foreign):
    mine = GremiumFactory(quartier=own)
    client = client_as(K)
    url = reverse("netzwerk:gremium_edit", args=[mine.slug])
    response = client.post(
        url, gremium_data(name="Runder Tisch Neu", quartier=own.pk, slug=mine.slug)
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.name == "Runder Tisch Neu"
    for other in (GremiumFactory(quartier=foreign), GremiumFactory(quartier=None)):
        assert client.get(reverse("netzwerk:gremium_edit", args=[other.slug])).status_code == 403
        assert client.post(reverse("netzwerk:gremium_delete", args=[other.slug])).status_code == 403
    assert Gremium.objects.count() == 3


def test_verwaltung_edits_only_gremien_they_belong_to(client_as, verwaltung, own):
    mine = GremiumFactory(quartier=own, name="Fachausschuss")
    other = GremiumFactory()
    MitgliedschaftFactory(gremium=mine, person=PersonFactory(user=verwaltung))
    client = client_as(V)
    response = client.post(
        reverse("netzwerk:gremium_edit", args=[mine.slug]),
        gremium_data(name="Fachausschuss Soziales", slug=mine.slug, quartier=""),
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.name == "Fachausschuss Soziales"
    assert mine.quartier == own  # the Quartier field is read-only for Verwaltung
    assert client.get(reverse("netzwerk:gremium_edit", args=[other.slug])).status_code == 403


def test_partner_member_cannot_edit_their_gremium(client_as, partner):
    gremium = GremiumFactory()
    MitgliedschaftFactory(gremium=gremium, person=PersonFactory(user=partner))
    assert (
        client_as(P).get(reverse("netzwerk:gremium_edit", args=[gremium.slug])).status_code == 403
    )


def test_delete_asks_first_then_deletes(client_as):
    gremium = GremiumFactory()
    MitgliedschaftFactory(gremium=gremium)
    client = client_as(F)
    url = reverse("netzwerk:gremium_delete", args=[gremium.slug])
    assert "wirklich löschen" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Gremium.objects.exists()
    assert not Mitgliedschaft.objects.exists()


def test_delete_with_termine_is_refused_with_409(client_as):
    gremium = GremiumFactory()
    TerminFactory(gremium=gremium)
    response = client_as(F).post(reverse("netzwerk:gremium_delete", args=[gremium.slug]))
    assert response.status_code == 409
    assert Gremium.objects.filter(pk=gremium.pk).exists()


# --- Mitgliedschaften ----------------------------------------------------------------------


def test_add_member_with_role_and_date(client_as, own):
    gremium = GremiumFactory(quartier=own)
    person = PersonFactory(name="Rita Neu")
    response = client_as(K).post(
        reverse("netzwerk:mitgliedschaft_add", args=[gremium.slug]),
        {"person": person.pk, "rolle": "sprecher", "von": "2026-11-01"},
    )
    assert response.status_code == 302
    m = Mitgliedschaft.objects.get()
    assert (m.person, m.rolle, m.von) == (person, "sprecher", datetime.date(2026, 11, 1))


def test_add_current_member_again_is_a_german_400(client_as):
    existing = MitgliedschaftFactory()
    response = client_as(F).post(
        reverse("netzwerk:mitgliedschaft_add", args=[existing.gremium.slug]),
        {"person": existing.person.pk, "rolle": "mitglied", "von": ""},
    )
    assert response.status_code == 400
    assert "Wer schon Mitglied ist, steht nicht zur Wahl." in response.content.decode()
    assert Mitgliedschaft.objects.count() == 1


def test_koordination_cannot_add_members_to_foreign_gremium(client_as, own, foreign):
    gremium = GremiumFactory(quartier=foreign)
    response = client_as(K).post(
        reverse("netzwerk:mitgliedschaft_add", args=[gremium.slug]),
        {"person": PersonFactory().pk, "rolle": "mitglied"},
    )
    assert response.status_code == 403
    assert not Mitgliedschaft.objects.exists()


def test_end_membership_after_confirmation(client_as):
    m = MitgliedschaftFactory(von=datetime.date(2024, 1, 1))
    client = client_as(F)
    url = reverse("netzwerk:mitgliedschaft_end", args=[m.gremium.slug, m.pk])
    page = client.get(url)
    assert "Möchten Sie die Mitgliedschaft" in page.content.decode()
    m.refresh_from_db()
    assert m.bis is None
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(url, {"bis": yesterday.isoformat()})
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.bis == yesterday
    detail = client.get(detail_url(m.gremium))
    assert list(detail.context["mitglieder"]) == []
    assert [e.pk for e in detail.context["ehemalige"]] == [m.pk]


def test_end_before_start_is_a_german_400(client_as):
    m = MitgliedschaftFactory(von=datetime.date(2025, 6, 1))
    response = client_as(F).post(
        reverse("netzwerk:mitgliedschaft_end", args=[m.gremium.slug, m.pk]), {"bis": "2025-01-01"}
    )
    assert response.status_code == 400
    assert "Das Ende darf nicht vor dem Beginn der Mitgliedschaft" in response.content.decode()
    m.refresh_from_db()
    assert m.bis is None


def test_end_membership_of_another_gremium_is_404(client_as):
    m = MitgliedschaftFactory()
    other = GremiumFactory()
    url = reverse("netzwerk:mitgliedschaft_end", args=[other.slug, m.pk])
    assert client_as(F).post(url, {"bis": "2026-01-01"}).status_code == 404
