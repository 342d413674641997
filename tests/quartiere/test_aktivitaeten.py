"""The activity log: logging, listing with filters, export, changing, deleting, "Meine Aktivitäten"."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from gwa_portal.core.models import Role
from quartiere.models import Aktivitaet, Handlungsfeld, Zielgruppe

from ..factories import (
    AktivitaetFactory,
    HandlungsfeldFactory,
    KoordinationFactory,
    QuartierFactory,
    ZielgruppeFactory,
)

HF_THROUGH = Aktivitaet.handlungsfelder.through
ZG_THROUGH = Aktivitaet.zielgruppen.through
CREATE_URL = reverse("quartiere:aktivitaet_create")
LIST_URL = reverse("quartiere:aktivitaet_list")
MINE_URL = reverse("quartiere:aktivitaet_mine")
EXPORT_URL = reverse("quartiere:aktivitaet_export")


def today():
    return timezone.localdate()


@pytest.fixture
def wiesenau(koordination):
    """A Quartier that Bob (the `koordination` fixture) coordinates today."""
    quartier = QuartierFactory(name="Wiesenau", slug="wiesenau")
    KoordinationFactory(quartier=quartier, user=koordination, von=datetime.date(2023, 1, 1))
    return quartier


@pytest.fixture
def fremd(db):
    """A Quartier that Bob does not coordinate."""
    return QuartierFactory(name="Godshorn", slug="godshorn")


def valid_data(quartier, /, **changes):
    data = {
        "quartier": quartier.pk,
        "datum": today().isoformat(),
        "art": Aktivitaet.Art.TREFFEN,
        "kurzbeschreibung": "Nachbarschaftscafé im Quartierstreff",
        "handlungsfelder": [Handlungsfeld.objects.get(name="Soziale Teilhabe").pk],
        "zielgruppen": [Zielgruppe.objects.get(name="Familien").pk],
        "teilnehmende": "14",
        "stunden": "1,5",
        "ergebnis": "Nächstes Treffen im Juni.",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def m2m_rows():
    return HF_THROUGH.objects.count() + ZG_THROUGH.objects.count()


def bulk_aktivitaeten(n, *, quartier, autor, start=None, kurz="Massenaktivität"):
    """`n` Aktivitäten with two Handlungsfelder and one Zielgruppe each, without n factory calls."""
    start = start or today()
    objs = Aktivitaet.objects.bulk_create(
        Aktivitaet(
            datum=start - datetime.timedelta(days=i % 300),
            quartier=quartier,
            autor=autor,
            art=Aktivitaet.Art.TREFFEN,
            kurzbeschreibung=f"{kurz} {i}",
            teilnehmende=i % 20,
            stunden=Decimal("1.5"),
        )
        for i in range(n)
    )
    handlungsfelder = list(Handlungsfeld.objects.order_by("pk")[:2])
    zielgruppe = Zielgruppe.objects.order_by("pk").first()
    HF_THROUGH.objects.bulk_create(
        HF_THROUGH(aktivitaet=a, handlungsfeld=h) for a in objs for h in handlungsfelder
    )
    ZG_THROUGH.objects.bulk_create(ZG_THROUGH(aktivitaet=a, zielgruppe=zielgruppe) for a in objs)
    return objs


def error_of(response, field):
    """The text of the error shown next to `field` (the element its aria-describedby names)."""
    body = response.content.decode()
    marker = f'id="id_{field}_error"'
    assert marker in body, f"no error shown next to {field}"
    start = body.index(marker)
    return body[start : body.index("</p>", start)]


# --- Aktivität erfassen -------------------------------------------------------------------


def test_form_preselects_own_quartier_and_today(client, koordination, wiesenau, fremd):
    client.force_login(koordination)
    response = client.get(CREATE_URL)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["quartier"].value() == wiesenau.pk
    assert form["datum"].value() == today()
    body = response.content.decode()
    assert f'type="date" name="datum" value="{today().isoformat()}"' in body
    assert f'<option value="{wiesenau.pk}" selected>Wiesenau</option>' in body
    # Only the Quartiere Bob may log in are offered.
    assert "Godshorn" not in body


def test_quartier_parameter_preselects_an_allowed_quartier_only(client, koordination, wiesenau):
    zweites = QuartierFactory(name="Alte Mitte", slug="alte-mitte")
    KoordinationFactory(quartier=zweites, user=koordination)
    fremd = QuartierFactory(name="Brink", slug="brink")
    client.force_login(koordination)
    # Without a parameter: the first of Bob's Quartiere by name.
    assert client.get(CREATE_URL).context["form"]["quartier"].value() == zweites.pk
    response = client.get(CREATE_URL, {"quartier": "wiesenau"})
    assert response.context["form"]["quartier"].value() == wiesenau.pk
    response = client.get(CREATE_URL, {"quartier": fremd.slug})
    assert response.context["form"]["quartier"].value() == zweites.pk


def test_fachstelle_without_koordination_gets_no_preselection_but_all_quartiere(
    client, fachstelle, wiesenau, fremd
):
    client.force_login(fachstelle)
    response = client.get(CREATE_URL)
    assert response.context["form"]["quartier"].value() is None
    assert "Godshorn" in response.content.decode()
    preselected = client.get(CREATE_URL, {"quartier": "godshorn"}).context["form"]["quartier"]
    assert preselected.value() == fremd.pk


def test_koordination_logs_an_activity_with_german_decimal_comma(client, koordination, wiesenau):
    client.force_login(koordination)
    response = client.post(CREATE_URL, valid_data(wiesenau))
    assert response.status_code == 302
    assert response.url == MINE_URL
    aktivitaet = Aktivitaet.objects.get()
    assert aktivitaet.autor == koordination
    assert aktivitaet.quartier == wiesenau
    assert aktivitaet.datum == today()
    assert aktivitaet.stunden == Decimal("1.5")
    assert aktivitaet.teilnehmende == 14
    assert [h.name for h in aktivitaet.handlungsfelder.all()] == ["Soziale Teilhabe"]
    assert [z.name for z in aktivitaet.zielgruppen.all()] == ["Familien"]
    page = client.get(response.url)
    assert (
        "Die Aktivität „Nachbarschaftscafé im Quartierstreff“ in Wiesenau wurde gespeichert."
        in (page.content.decode())
    )


def test_only_date_quartier_art_and_kurzbeschreibung_are_required(client, koordination, wiesenau):
    client.force_login(koordination)
    data = valid_data(wiesenau, teilnehmende="", stunden="", ergebnis="")
    del data["handlungsfelder"], data["zielgruppen"]
    assert client.post(CREATE_URL, data).status_code == 302
    aktivitaet = Aktivitaet.objects.get()
    assert aktivitaet.stunden is None
    assert aktivitaet.teilnehmende is None
    assert not aktivitaet.handlungsfelder.exists()


def test_save_and_log_another_returns_to_the_form_of_the_same_quartier(
    client, koordination, wiesenau
):
    zweites = QuartierFactory(name="Alte Mitte", slug="alte-mitte")
    KoordinationFactory(quartier=zweites, user=koordination)
    client.force_login(koordination)
    response = client.post(CREATE_URL, {**valid_data(wiesenau), "weitere": "1"})
    assert response.status_code == 302
    assert response.url == f"{CREATE_URL}?quartier=wiesenau"
    follow = client.get(response.url)
    assert follow.context["form"]["quartier"].value() == wiesenau.pk
    assert "wurde gespeichert" in follow.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"datum": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()},
            "datum",
            "Das Datum liegt in der Zukunft.",
        ),
        ({"datum": "1999-12-31"}, "datum", "Bitte geben Sie ein Datum ab dem 01.01.2000 ein."),
        ({"datum": "31.02.2025"}, "datum", "Bitte geben Sie ein gültiges Datum ein"),
        ({"datum": ""}, "datum", "Bitte geben Sie das Datum der Aktivität ein."),
        ({"quartier": ""}, "quartier", "Bitte wählen Sie ein Quartier."),
        ({"art": ""}, "art", "Bitte wählen Sie die Art der Aktivität."),
        ({"art": "party"}, "art", "Bitte wählen Sie eine Art aus der Liste."),
        ({"kurzbeschreibung": "  "}, "kurzbeschreibung", "Bitte beschreiben Sie kurz"),
        ({"kurzbeschreibung": "x" * 201}, "kurzbeschreibung", "höchstens 200 Zeichen"),
        ({"stunden": "24,5"}, "stunden", "Bitte geben Sie höchstens 24 Stunden ein."),
        ({"stunden": "-1"}, "stunden", "Die Stunden können nicht negativ sein."),
        ({"stunden": "anderthalb"}, "stunden", "Bitte geben Sie die Stunden als Zahl ein"),
        ({"stunden": "1,255"}, "stunden", "höchstens zwei Nachkommastellen"),
        ({"teilnehmende": "-3"}, "teilnehmende", "kann nicht negativ sein"),
        ({"teilnehmende": "12,5"}, "teilnehmende", "als ganze Zahl"),
        ({"handlungsfelder": ["999999"]}, "handlungsfelder", "nur Handlungsfelder aus der Liste"),
    ],
)
def test_invalid_activity_is_rejected_with_a_german_error_and_nothing_saved(
    client, koordination, wiesenau, changes, field, message
):
    client.force_login(koordination)
    response = client.post(CREATE_URL, valid_data(wiesenau, **changes))
    assert response.status_code == 400
    assert message in error_of(response, field)
    assert "Bitte prüfen Sie die markierten Felder." in response.content.decode()
    assert Aktivitaet.objects.count() == 0
    assert m2m_rows() == 0


def test_koordination_cannot_log_an_activity_in_a_foreign_quartier(
    client, koordination, wiesenau, fremd
):
    client.force_login(koordination)
    response = client.post(CREATE_URL, valid_data(fremd))
    assert response.status_code == 400
    assert "nur in Quartieren erfassen, die Sie koordinieren" in error_of(response, "quartier")
    assert not Aktivitaet.objects.exists()
    assert m2m_rows() == 0


def test_koordination_whose_koordination_ended_cannot_log_there(client, koordination):
    ended = KoordinationFactory(
        user=koordination,
        von=datetime.date(2022, 1, 1),
        bis=today() - datetime.timedelta(days=1),
    ).quartier
    client.force_login(koordination)
    assert client.get(CREATE_URL).context["form"]["quartier"].value() is None
    assert client.post(CREATE_URL, valid_data(ended)).status_code == 400
    assert not Aktivitaet.objects.exists()


@pytest.mark.parametrize("role", [Role.VERWALTUNG, Role.PARTNER])
def test_read_only_roles_cannot_log_activities(client_as, role, wiesenau):
    client = client_as(role)
    assert client.get(CREATE_URL).status_code == 403
    assert client.post(CREATE_URL, valid_data(wiesenau)).status_code == 403
    assert not Aktivitaet.objects.exists()


def test_anonymous_visitor_is_sent_to_the_login(client, wiesenau):
    response = client.post(CREATE_URL, valid_data(wiesenau))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not Aktivitaet.objects.exists()


def test_form_offers_only_active_handlungsfelder_and_zielgruppen(client, koordination, wiesenau):
    HandlungsfeldFactory(name="Altes Handlungsfeld", aktiv=False)
    ZielgruppeFactory(name="Alte Zielgruppe", aktiv=False)
    client.force_login(koordination)
    body = client.get(CREATE_URL).content.decode()
    assert "Integration" in body
    assert "Altes Handlungsfeld" not in body
    assert "Alte Zielgruppe" not in body
    assert 'type="checkbox" name="handlungsfelder"' in body
    assert 'type="radio" name="art"' in body


def test_inactive_handlungsfeld_of_an_activity_survives_editing(client, koordination, wiesenau):
    alt = HandlungsfeldFactory(name="Altes Handlungsfeld", aktiv=False)
    aktivitaet = AktivitaetFactory(quartier=wiesenau, autor=koordination, handlungsfelder=[alt])
    client.force_login(koordination)
    edit_url = reverse("quartiere:aktivitaet_edit", args=[aktivitaet.pk])
    assert "Altes Handlungsfeld" in client.get(edit_url).content.decode()
    data = valid_data(wiesenau, handlungsfelder=[alt.pk], datum="2024-05-14")
    assert client.post(edit_url, data).status_code == 302
    assert list(aktivitaet.handlungsfelder.all()) == [alt]


# --- List with filters -----------------------------------------------------------------------


@pytest.fixture
def log(koordination, wiesenau, fremd, make_user):
    """A small, varied log: three activities by two authors in two Quartiere."""
    anna = make_user(Role.FACHSTELLE, name="Anna Fachstelle", email="anna@example.org")
    integration = Handlungsfeld.objects.get(name="Integration")
    teilhabe = Handlungsfeld.objects.get(name="Soziale Teilhabe")
    familien = Zielgruppe.objects.get(name="Familien")
    aeltere = Zielgruppe.objects.get(name="Ältere/vereinsamte Menschen")
    return {
        "sprachcafe": AktivitaetFactory(
            quartier=wiesenau,
            autor=koordination,
            datum=datetime.date(2024, 3, 5),
            art=Aktivitaet.Art.TREFFEN,
            kurzbeschreibung="Sprachcafé",
            handlungsfelder=[integration],
            zielgruppen=[familien],
            teilnehmende=12,
            stunden=Decimal("2.5"),
        ),
        "beratung": AktivitaetFactory(
            quartier=wiesenau,
            autor=koordination,
            datum=datetime.date(2024, 6, 10),
            art=Aktivitaet.Art.BERATUNG,
            kurzbeschreibung="Beratung Wohngeld",
            ergebnis="Antrag gestellt",
            zielgruppen=[aeltere],
            teilnehmende=1,
            stunden=Decimal("1"),
        ),
        "fest": AktivitaetFactory(
            quartier=fremd,
            autor=anna,
            datum=datetime.date(2024, 9, 1),
            art=Aktivitaet.Art.AKTION,
            kurzbeschreibung="Nachbarschaftsfest",
            handlungsfelder=[teilhabe, integration],
            teilnehmende=120,
            stunden=Decimal("6"),
        ),
        "anna": anna,
    }


def listed(response):
    return [a.kurzbeschreibung for a in response.context["page"].object_list]


def test_list_shows_newest_first_with_totals(client_as, log):
    response = client_as(Role.VERWALTUNG).get(LIST_URL)
    assert response.status_code == 200
    assert listed(response) == ["Nachbarschaftsfest", "Beratung Wohngeld", "Sprachcafé"]
    assert response.context["totals"] == {
        "anzahl": 3,
        "stunden": Decimal("9.5"),
        "teilnehmende": 133,
    }
    body = response.content.decode()
    assert "9,5" in body
    assert "Integration, Soziale Teilhabe" in body or "Soziale Teilhabe, Integration" in body


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"von": "2024-06-01"}, ["Nachbarschaftsfest", "Beratung Wohngeld"]),
        ({"bis": "2024-06-10"}, ["Beratung Wohngeld", "Sprachcafé"]),
        ({"von": "2024-04-01", "bis": "2024-08-31"}, ["Beratung Wohngeld"]),
        ({"art": "beratung"}, ["Beratung Wohngeld"]),
        ({"q": "wohngeld"}, ["Beratung Wohngeld"]),
        ({"q": "antrag"}, ["Beratung Wohngeld"]),
    ],
)
def test_list_filters_by_period_kind_and_text(client_as, log, params, expected):
    assert listed(client_as(Role.FACHSTELLE).get(LIST_URL, params)) == expected


def test_list_filters_by_quartier_taxonomies_and_author(client_as, log, fremd):
    client = client_as(Role.KOORDINATION)
    integration = Handlungsfeld.objects.get(name="Integration")
    aeltere = Zielgruppe.objects.get(name="Ältere/vereinsamte Menschen")
    assert listed(client.get(LIST_URL, {"quartier": fremd.slug})) == ["Nachbarschaftsfest"]
    assert listed(client.get(LIST_URL, {"handlungsfeld": integration.pk})) == [
        "Nachbarschaftsfest",
        "Sprachcafé",
    ]
    assert listed(client.get(LIST_URL, {"zielgruppe": aeltere.pk})) == ["Beratung Wohngeld"]
    response = client.get(LIST_URL, {"autor": log["anna"].pk})
    assert listed(response) == ["Nachbarschaftsfest"]
    assert response.context["totals"] == {
        "anzahl": 1,
        "stunden": Decimal("6"),
        "teilnehmende": 120,
    }


def test_author_filter_searches_by_name_instead_of_listing_every_author(client_as, log, verwaltung):
    client = client_as(Role.VERWALTUNG)
    body = client.get(LIST_URL).content.decode()
    assert "Anna Fachstelle</option>" not in body  # no <select> that grows with the staff
    assert listed(client.get(LIST_URL, {"autor_name": "anna"})) == ["Nachbarschaftsfest"]
    linked = client.get(LIST_URL, {"autor": log["anna"].pk}).content.decode()
    assert "Anna Fachstelle</option>" in linked  # a link's choice stays visible
    assert "Bob Koordination</option>" not in linked


def test_list_rejects_a_period_that_ends_before_it_starts(client_as, log):
    response = client_as(Role.FACHSTELLE).get(LIST_URL, {"von": "2024-06-01", "bis": "2024-01-01"})
    assert "„bis“ darf nicht vor „von“ liegen." in error_of(response, "bis")


def test_list_links_the_export_with_the_same_filters(client_as, log):
    response = client_as(Role.FACHSTELLE).get(LIST_URL, {"art": "beratung", "page": "1"})
    assert f'href="{EXPORT_URL}?art=beratung"' in response.content.decode()


def test_list_says_when_nothing_matches(client_as, db):
    client = client_as(Role.FACHSTELLE)
    assert "Es sind noch keine Aktivitäten erfasst." in client.get(LIST_URL).content.decode()
    assert "Keine Aktivitäten passen zu diesen Filtern." in (
        client.get(LIST_URL, {"q": "nichts"}).content.decode()
    )


def test_list_is_paginated_and_keeps_filters(client_as, koordination, wiesenau, settings):
    settings.GWA_PAGE_SIZE = 5
    bulk_aktivitaeten(12, quartier=wiesenau, autor=koordination)
    response = client_as(Role.FACHSTELLE).get(LIST_URL, {"art": "treffen"})
    assert len(response.context["page"].object_list) == 5
    assert response.context["totals"]["anzahl"] == 12
    assert "?art=treffen&amp;page=2" in response.content.decode()
    page3 = client_as(Role.FACHSTELLE).get(LIST_URL, {"art": "treffen", "page": 3})
    assert len(page3.context["page"].object_list) == 2


def test_list_query_count_is_the_same_at_10_and_1000_activities(
    client, fachstelle, koordination, wiesenau, django_assert_max_num_queries
):
    client.force_login(fachstelle)
    filtered = {"handlungsfeld": Handlungsfeld.objects.order_by("pk").first().pk}
    bulk_aktivitaeten(10, quartier=wiesenau, autor=koordination)
    with django_assert_max_num_queries(15) as small:
        assert client.get(LIST_URL).status_code == 200
    with django_assert_max_num_queries(16) as small_filtered:
        assert client.get(LIST_URL, filtered).status_code == 200
    bulk_aktivitaeten(990, quartier=QuartierFactory(), autor=fachstelle)
    assert Aktivitaet.objects.count() == 1000
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(LIST_URL)
    assert len(response.context["page"].object_list) == 25
    assert response.context["totals"]["anzahl"] == 1000
    with django_assert_max_num_queries(len(small_filtered.captured_queries)):
        response = client.get(LIST_URL, filtered)
    assert response.context["totals"]["anzahl"] == 1000
    assert {len(a.handlungsfelder.all()) for a in response.context["page"].object_list} == {2}


@pytest.mark.parametrize("role", [None, Role.PARTNER])
def test_list_and_export_are_internal(client_as, role, log):
    for url in (LIST_URL, EXPORT_URL):
        response = client_as(role).get(url)
        assert response.status_code == (302 if role is None else 403)


# --- CSV export ------------------------------------------------------------------------------


def read_csv(response):
    assert response.streaming
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM for Excel"
    return [line.split(";") for line in raw.decode("utf-8-sig").splitlines()]


def test_export_has_the_agreed_columns_in_german_format(client_as, log):
    response = client_as(Role.VERWALTUNG).get(EXPORT_URL, {"art": "treffen"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="aktivitaeten-')
    rows = read_csv(response)
    assert rows == [
        [
            "Datum",
            "Quartier",
            "Art",
            "Kurzbeschreibung",
            "Handlungsfelder",
            "Zielgruppen",
            "Teilnehmende",
            "Stunden",
            "Ergebnis",
            "erfasst von",
        ],
        [
            "05.03.2024",
            "Wiesenau",
            "Treffen",
            "Sprachcafé",
            "Integration",
            "Familien",
            "12",
            "2,5",
            "",
            "Bob Koordination",
        ],
    ]


def test_export_joins_several_handlungsfelder_in_their_order(client_as, log, fremd):
    rows = read_csv(client_as(Role.FACHSTELLE).get(EXPORT_URL, {"quartier": fremd.slug}))
    assert len(rows) == 2
    datum, quartier, art, kurz, hf, zg, *_rest = rows[1]
    expected = ", ".join(
        Handlungsfeld.objects.filter(name__in=["Integration", "Soziale Teilhabe"]).values_list(
            "name", flat=True
        )
    )
    assert (datum, quartier, art, kurz, hf, zg) == (
        "01.09.2024",
        "Godshorn",
        "Aktion/Veranstaltung",
        "Nachbarschaftsfest",
        expected,
        "",
    )


def test_export_without_filters_contains_every_activity_newest_first(client_as, log):
    rows = read_csv(client_as(Role.KOORDINATION).get(EXPORT_URL))
    assert [row[3] for row in rows[1:]] == ["Nachbarschaftsfest", "Beratung Wohngeld", "Sprachcafé"]


def test_export_neutralises_cells_that_a_spreadsheet_would_run_as_formulas(
    client_as, koordination, wiesenau
):
    AktivitaetFactory(
        quartier=wiesenau,
        autor=koordination,
        kurzbeschreibung='=HYPERLINK("http://evil.example","klick")',
        ergebnis="+49 511 000",
    )
    AktivitaetFactory(
        quartier=wiesenau, autor=koordination, kurzbeschreibung="-Minus", ergebnis="@SUM(A1)"
    )
    raw = b"".join(client_as(Role.FACHSTELLE).get(EXPORT_URL).streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in raw
    assert "'+49 511 000" in raw
    assert "'-Minus" in raw
    assert "'@SUM(A1)" in raw
    assert ";=" not in raw and ";+" not in raw and ";@" not in raw


def test_export_uses_the_same_number_of_queries_at_10_and_1000_activities(
    client, fachstelle, koordination, wiesenau, django_assert_max_num_queries
):
    client.force_login(fachstelle)
    bulk_aktivitaeten(10, quartier=wiesenau, autor=koordination)
    with django_assert_max_num_queries(6) as small:
        rows = read_csv(client.get(EXPORT_URL))
    assert len(rows) == 11
    bulk_aktivitaeten(990, quartier=wiesenau, autor=koordination)
    with django_assert_max_num_queries(len(small.captured_queries)):
        rows = read_csv(client.get(EXPORT_URL))
    assert len(rows) == 1001
    first_two = Handlungsfeld.objects.order_by("pk")[:2]
    expected = ", ".join(h.name for h in sorted(first_two, key=lambda h: (h.position, h.name)))
    assert {row[4] for row in rows[1:]} == {expected}


def test_export_refuses_an_invalid_filter_instead_of_exporting_everything(client_as, log):
    response = client_as(Role.FACHSTELLE).get(EXPORT_URL, {"von": "gestern"})
    assert response.status_code == 400
    assert "Filter ungültig" in response.content.decode()


# --- Detail, edit, delete --------------------------------------------------------------------


def test_detail_shows_everything_and_offers_changes_only_to_those_allowed(
    client_as, log, koordination
):
    url = log["beratung"].get_absolute_url()
    body = client_as(Role.KOORDINATION).get(url).content.decode()
    assert "Beratung Wohngeld" in body
    assert "Antrag gestellt" in body
    assert "Ältere/vereinsamte Menschen" in body
    assert reverse("quartiere:aktivitaet_edit", args=[log["beratung"].pk]) in body
    body = client_as(Role.VERWALTUNG).get(url).content.decode()
    assert "Beratung Wohngeld" in body
    assert reverse("quartiere:aktivitaet_edit", args=[log["beratung"].pk]) not in body
    foreign = client_as(Role.KOORDINATION).get(log["fest"].get_absolute_url()).content.decode()
    assert reverse("quartiere:aktivitaet_edit", args=[log["fest"].pk]) not in foreign


def test_unknown_activity_is_404(client_as, db):
    client = client_as(Role.FACHSTELLE)
    assert client.get(reverse("quartiere:aktivitaet_detail", args=[999999])).status_code == 404
    assert client.get(reverse("quartiere:aktivitaet_edit", args=[999999])).status_code == 404


def test_koordination_edits_an_activity_in_its_quartier(client, koordination, log, wiesenau):
    client.force_login(koordination)
    aktivitaet = log["sprachcafe"]
    url = reverse("quartiere:aktivitaet_edit", args=[aktivitaet.pk])
    assert client.get(url).context["form"]["stunden"].value() == "2,5"
    data = valid_data(wiesenau, datum="2024-03-05", kurzbeschreibung="Sprachcafé mit Kita")
    response = client.post(url, data)
    assert response.status_code == 302
    assert response.url == aktivitaet.get_absolute_url()
    aktivitaet.refresh_from_db()
    assert aktivitaet.kurzbeschreibung == "Sprachcafé mit Kita"
    assert aktivitaet.autor == koordination
    assert [h.name for h in aktivitaet.handlungsfelder.all()] == ["Soziale Teilhabe"]
    assert "Die Aktivität wurde gespeichert." in [
        str(m) for m in get_messages(response.wsgi_request)
    ]


def test_koordination_cannot_change_an_activity_in_a_foreign_quartier(client, koordination, log):
    client.force_login(koordination)
    fest = log["fest"]
    for name in ("aktivitaet_edit", "aktivitaet_delete"):
        url = reverse(f"quartiere:{name}", args=[fest.pk])
        assert client.get(url).status_code == 403
        assert (
            client.post(url, valid_data(fest.quartier, kurzbeschreibung="geändert")).status_code
            == 403
        )
    fest.refresh_from_db()
    assert fest.kurzbeschreibung == "Nachbarschaftsfest"


def test_koordination_cannot_change_activities_after_its_koordination_ended(
    client, koordination, log, wiesenau
):
    wiesenau.koordinationen.update(bis=today() - datetime.timedelta(days=1))
    client.force_login(koordination)
    sprachcafe = log["sprachcafe"]
    edit = reverse("quartiere:aktivitaet_edit", args=[sprachcafe.pk])
    delete = reverse("quartiere:aktivitaet_delete", args=[sprachcafe.pk])
    assert client.post(edit, valid_data(wiesenau, kurzbeschreibung="zu spät")).status_code == 403
    assert client.post(delete).status_code == 403
    sprachcafe.refresh_from_db()
    assert sprachcafe.kurzbeschreibung == "Sprachcafé"


def test_koordination_cannot_move_an_activity_to_a_foreign_quartier(
    client, koordination, log, fremd
):
    client.force_login(koordination)
    sprachcafe = log["sprachcafe"]
    url = reverse("quartiere:aktivitaet_edit", args=[sprachcafe.pk])
    response = client.post(url, valid_data(fremd, datum="2024-03-05"))
    assert response.status_code == 400
    assert "Bitte wählen Sie ein Quartier aus der Liste." in error_of(response, "quartier")
    sprachcafe.refresh_from_db()
    assert sprachcafe.quartier.name == "Wiesenau"
    assert [h.name for h in sprachcafe.handlungsfelder.all()] == ["Integration"]


def test_verwaltung_cannot_edit_or_delete(client_as, log):
    client = client_as(Role.VERWALTUNG)
    pk = log["sprachcafe"].pk
    assert client.post(reverse("quartiere:aktivitaet_edit", args=[pk]), {}).status_code == 403
    assert client.post(reverse("quartiere:aktivitaet_delete", args=[pk])).status_code == 403
    assert Aktivitaet.objects.filter(pk=pk).exists()


def test_fachstelle_edits_and_moves_any_activity(client, fachstelle, log, fremd):
    client.force_login(fachstelle)
    sprachcafe = log["sprachcafe"]
    url = reverse("quartiere:aktivitaet_edit", args=[sprachcafe.pk])
    assert client.post(url, valid_data(fremd, datum="2024-03-05")).status_code == 302
    sprachcafe.refresh_from_db()
    assert sprachcafe.quartier == fremd


def test_delete_asks_first_and_then_removes_the_activity_and_its_links(client, koordination, log):
    client.force_login(koordination)
    sprachcafe = log["sprachcafe"]
    url = reverse("quartiere:aktivitaet_delete", args=[sprachcafe.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Möchten Sie" in page.content.decode()
    assert Aktivitaet.objects.filter(pk=sprachcafe.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == MINE_URL
    assert not Aktivitaet.objects.filter(pk=sprachcafe.pk).exists()
    assert not HF_THROUGH.objects.filter(aktivitaet_id=sprachcafe.pk).exists()
    assert not ZG_THROUGH.objects.filter(aktivitaet_id=sprachcafe.pk).exists()


def test_fachstelle_deleting_someone_elses_activity_returns_to_the_list(client, fachstelle, log):
    client.force_login(fachstelle)
    response = client.post(reverse("quartiere:aktivitaet_delete", args=[log["beratung"].pk]))
    assert response.url == LIST_URL
    assert not Aktivitaet.objects.filter(pk=log["beratung"].pk).exists()


# --- Meine Aktivitäten -----------------------------------------------------------------------


def test_mine_lists_only_own_activities_with_this_months_and_years_totals(
    client, koordination, log, wiesenau
):
    AktivitaetFactory(
        quartier=wiesenau, autor=koordination, datum=today(), teilnehmende=7, stunden=Decimal("0.5")
    )
    AktivitaetFactory(quartier=wiesenau, autor=log["anna"], datum=today(), teilnehmende=99)
    client.force_login(koordination)
    response = client.get(MINE_URL)
    assert response.status_code == 200
    assert [a.autor for a in response.context["page"].object_list] == [koordination] * 3
    month = response.context["totals"]["monat"]
    assert month == {"anzahl": 1, "stunden": Decimal("0.5"), "teilnehmende": 7}
    body = response.content.decode()
    assert "Beratung Wohngeld" in body
    assert "Nachbarschaftsfest" not in body
    assert "0,5" in body


def test_period_totals_count_this_month_and_this_year_in_one_query(
    koordination, wiesenau, django_assert_num_queries
):
    def log_on(datum, stunden, teilnehmende):
        AktivitaetFactory(
            quartier=wiesenau,
            autor=koordination,
            datum=datum,
            stunden=stunden,
            teilnehmende=teilnehmende,
        )

    log_on(datetime.date(2025, 6, 3), Decimal("1.5"), 10)
    log_on(datetime.date(2025, 6, 15), Decimal("2"), None)
    log_on(datetime.date(2025, 2, 1), Decimal("3"), 5)
    log_on(datetime.date(2024, 12, 31), Decimal("8"), 50)
    with django_assert_num_queries(1):
        totals = Aktivitaet.objects.filter(autor=koordination).totals_by_period(
            today=datetime.date(2025, 6, 15)
        )
    assert totals == {
        "monat": {"anzahl": 2, "stunden": Decimal("3.5"), "teilnehmende": 10},
        "jahr": {"anzahl": 3, "stunden": Decimal("6.5"), "teilnehmende": 15},
    }


def test_mine_without_activities_says_so(client_as, db):
    response = client_as(Role.KOORDINATION).get(MINE_URL)
    assert "Sie haben noch keine Aktivitäten erfasst." in response.content.decode()
    assert response.context["totals"]["jahr"] == {"anzahl": 0, "stunden": 0, "teilnehmende": 0}


def test_mine_query_count_is_the_same_at_10_and_1000_activities(
    client, koordination, wiesenau, django_assert_max_num_queries
):
    client.force_login(koordination)
    bulk_aktivitaeten(10, quartier=wiesenau, autor=koordination)
    with django_assert_max_num_queries(12) as small:
        assert client.get(MINE_URL).status_code == 200
    bulk_aktivitaeten(990, quartier=wiesenau, autor=koordination)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(MINE_URL)
    assert response.context["page"].paginator.count == 1000


def test_koordination_without_a_quartier_is_told_why_it_cannot_log(client_as, db):
    body = client_as(Role.KOORDINATION).get(CREATE_URL).content.decode()
    assert "Sie koordinieren derzeit kein Quartier." in body


def test_koordination_links_partners_serving_its_quartier(client, koordination, wiesenau, fremd):
    from ..factories import AkteurFactory

    nachbar = AkteurFactory(name="Nachbarschaftsverein Wiesenau", quartiere=[wiesenau])
    anderswo = AkteurFactory(name="Heimatverein Godshorn", quartiere=[fremd])
    client.force_login(koordination)
    form_html = client.get(CREATE_URL).content.decode()
    assert "Nachbarschaftsverein Wiesenau" in form_html
    assert "Heimatverein Godshorn" not in form_html

    response = client.post(CREATE_URL, valid_data(wiesenau, partner=[nachbar.pk]))
    assert response.status_code == 302
    aktivitaet = Aktivitaet.objects.get()
    assert list(aktivitaet.partner.all()) == [nachbar]
    detail = client.get(aktivitaet.get_absolute_url()).content.decode()
    assert "Nachbarschaftsverein Wiesenau" in detail

    count = Aktivitaet.objects.count()
    response = client.post(CREATE_URL, valid_data(wiesenau, partner=[anderswo.pk]))
    assert response.status_code == 400
    assert "Bitte wählen Sie nur Partner:innen aus der Liste." in response.content.decode()
    assert Aktivitaet.objects.count() == count
