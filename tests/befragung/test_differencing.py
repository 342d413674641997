"""Differencing attacks on the results, as the internal roles that see them would try them:
each path (filter minus total, a mean over a hidden group, the report by day, a free text
from a small group) must give nothing below the Mindestgruppe (5).

Data: Alpha 12 Rückmeldungen (online), Beta 3 (Papier: the small group), Gamma 10 (online);
25 in all, every one German. „zufrieden“: Alpha 10 ja / 2 nein, Beta 3 nein, Gamma 10 ja.
„note“ (1–5): Alpha and Gamma all 4, Beta all 1. Free texts: Alpha „Alpha sagt i“, Beta
„Geheimnis von Beta i“. Alpha's answers came in on 3 June 2024, Gamma's on 4 June, Beta's on
5 June.
"""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from befragung.models import Befragung, Frage
from gwa_portal.core.models import Role

from ..factories import (
    AntwortFactory,
    AntwortoptionFactory,
    BefragungFactory,
    FrageFactory,
    KoordinationFactory,
    QuartierFactory,
    RueckmeldungFactory,
)

pytestmark = pytest.mark.django_db

K = 5
RESULT_ROLES = [Role.KOORDINATION, Role.VERWALTUNG]
SECRET = "Geheimnis von Beta"


def _group(befragung, n, *, quartier, kanal, tag, antworten):
    for i in range(n):
        rueckmeldung = RueckmeldungFactory(
            befragung=befragung,
            quartier=quartier,
            kanal=kanal,
            sprache="de",
            eingereicht_am=datetime.date(2024, 6, tag),
        )
        for fields in antworten(i):
            AntwortFactory(rueckmeldung=rueckmeldung, **fields)


@pytest.fixture
def survey():
    alpha, beta, gamma = (
        QuartierFactory(name=name, slug=name.lower()) for name in ("Alpha", "Beta", "Gamma")
    )
    befragung = BefragungFactory(
        quartiere=[alpha, beta, gamma],
        status=Befragung.Status.BEENDET,
        beginn=datetime.date(2024, 6, 1),
        ende=datetime.date(2024, 6, 30),
        mindestgruppe=K,
    )
    zufrieden = FrageFactory(befragung=befragung, position=1, name="zufrieden", typ="janein")
    ja = AntwortoptionFactory(frage=zufrieden, position=1, name="ja", text={"de": "Ja"})
    nein = AntwortoptionFactory(frage=zufrieden, position=2, name="nein", text={"de": "Nein"})
    note = FrageFactory(
        befragung=befragung, position=2, name="note", typ="skala", skala_min=1, skala_max=5
    )
    wunsch = FrageFactory(befragung=befragung, position=3, name="wunsch", typ=Frage.Typ.TEXT)

    def alpha_answers(i):
        return [
            {"frage": zufrieden, "option": ja if i < 10 else nein},
            {"frage": note, "zahl": 4},
            {"frage": wunsch, "text": f"Alpha sagt {i}"},
        ]

    def beta_answers(i):
        return [
            {"frage": zufrieden, "option": nein},
            {"frage": note, "zahl": 1},
            {"frage": wunsch, "text": f"{SECRET} {i}"},
        ]

    def gamma_answers(i):
        return [{"frage": zufrieden, "option": ja}, {"frage": note, "zahl": 4}]

    _group(befragung, 12, quartier=alpha, kanal="online", tag=3, antworten=alpha_answers)
    _group(befragung, 3, quartier=beta, kanal="papier", tag=5, antworten=beta_answers)
    _group(befragung, 10, quartier=gamma, kanal="online", tag=4, antworten=gamma_answers)
    return befragung, {"zufrieden": zufrieden, "note": note, "wunsch": wunsch}


def _filters():
    """Every filter a role can choose on the results page."""
    return [
        {},
        *({"quartier": slug} for slug in ("alpha", "beta", "gamma")),
        {"kanal": "online"},
        {"kanal": "papier"},
        {"sprache": "de"},
    ]


def _results(client, befragung, params):
    response = client.get(reverse("befragung:ergebnisse", args=[befragung.slug]), params)
    assert response.status_code == 200
    return response, response.context["ergebnis"]


def _shown(zelle):
    return None if zelle.unterdrueckt else zelle.n


def _figures(ergebnis):
    """{figure name: value} of every number the page shows (counts, bases, means)."""
    if ergebnis.unterdrueckt:
        return {}
    figures = {"rueckmeldungen": _shown(ergebnis.gesamt[0])}
    for frage in ergebnis.fragen:
        name = frage.frage.name
        if frage.texte is not None:
            figures[f"{name}.texte"] = _shown(frage.texte)
        for tabelle in frage.tabellen:
            figures[f"{name}.basis"] = _shown(tabelle.basis[0])
            for kategorie in tabelle.kategorien:
                figures[f"{name}.{kategorie.label}"] = _shown(kategorie.zellen[0])
            if tabelle.mittelwerte:
                figures[f"{name}.mittelwert"] = tabelle.mittelwerte[0]
    return {k: v for k, v in figures.items() if v is not None}


# --- (a) filter minus total ------------------------------------------------------------------


@pytest.mark.parametrize("role", RESULT_ROLES)
def test_no_filter_minus_the_total_gives_a_group_below_the_minimum(client_as, survey, role):
    befragung, _fragen = survey
    client = client_as(role)
    total = _figures(_results(client, befragung, {})[1])
    assert total["rueckmeldungen"] == 25
    for params in _filters()[1:]:
        _response, ergebnis = _results(client, befragung, params)
        for name, value in _figures(ergebnis).items():
            if name in total and not name.endswith("mittelwert"):
                rest = total[name] - value
                assert not 0 < rest < K, (params, name, total[name], value)


@pytest.mark.parametrize("role", RESULT_ROLES)
def test_online_and_quartier_views_that_would_leave_beta_are_refused(client_as, survey, role):
    befragung, _fragen = survey
    client = client_as(role)
    # 25 − 22 online = Beta's 3 on paper; 25 − 12 Alpha − 10 Gamma = Beta's 3.
    for params in ({"kanal": "online"}, {"quartier": "gamma"}):
        response, ergebnis = _results(client, befragung, params)
        assert ergebnis.unterdrueckt and ergebnis.grund == "rest", params
        html = response.content.decode()
        assert "Diese Auswahl wird zum Schutz kleiner Gruppen nicht gezeigt" in html
        assert "22 Rückmeldungen" not in html and "10 Rückmeldungen" not in html
    for params in ({"kanal": "papier"}, {"quartier": "beta"}):
        response, ergebnis = _results(client, befragung, params)
        assert ergebnis.unterdrueckt and ergebnis.grund == "klein", params
        assert "3 Rückmeldungen" not in response.content.decode()
    # Alpha stays: what it leaves (13) is big enough, and its small „nein“ is hidden.
    _response, alpha = _results(client, befragung, {"quartier": "alpha"})
    assert _figures(alpha)["rueckmeldungen"] == 12
    assert "zufrieden.Nein" not in _figures(alpha)


def test_combining_two_filters_is_refused_with_a_german_message(client_as, survey):
    befragung, fragen = survey
    response = client_as(Role.KOORDINATION).get(
        reverse("befragung:ergebnisse", args=[befragung.slug]),
        {"quartier": "alpha", "kreuz": fragen["zufrieden"].pk},
    )
    assert response.status_code == 400
    assert "Bitte wählen Sie nur einen Filter oder eine Aufschlüsselung." in response.text
    assert response.context["ergebnis"] is None


# --- (b) a mean over a hidden group ----------------------------------------------------------


@pytest.mark.parametrize("role", RESULT_ROLES)
def test_a_mean_that_would_give_hidden_cells_back_is_not_shown(client_as, survey, role):
    befragung, _fragen = survey
    client = client_as(role)
    response, ergebnis = _results(client, befragung, {})
    note = next(f for f in ergebnis.fragen if f.frage.name == "note").tabellen[0]
    # 1: Beta's 3 (hidden), 4: 22 (hidden with it). The mean (22·4 + 3·1)/25 = 3,64 with the
    # base 25 would give both back.
    assert [_shown(k.zellen[0]) for k in note.kategorien] == [None, 0, 0, None, 0]
    assert note.mittelwerte == [None]
    assert "3,64" not in response.content.decode()


@pytest.mark.parametrize("role", RESULT_ROLES)
def test_no_shown_mean_belongs_to_a_column_with_hidden_cells(client_as, survey, role):
    befragung, _fragen = survey
    client = client_as(role)
    shown_means = {}
    for params in _filters():
        _response, ergebnis = _results(client, befragung, params)
        for frage in ergebnis.fragen:
            for tabelle in frage.tabellen:
                if tabelle.mittelwerte and tabelle.mittelwerte[0] is not None:
                    assert not any(k.zellen[0].unterdrueckt for k in tabelle.kategorien)
                    shown_means[str(params)] = (tabelle.mittelwerte[0], tabelle.basis[0].n)
    # Alpha's mean is shown (all its cells are), the total's is not, so Beta's mean cannot be
    # worked out as (25 · total − 12 · Alpha − 10 · Gamma) / 3.
    assert shown_means == {str({"quartier": "alpha"}): (4.0, 12)}


# --- (c) the report by day -------------------------------------------------------------------


def _report_survey_rows(client, von, bis):
    response = client.get(reverse("cockpit:bericht_csv"), {"von": von, "bis": bis})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    return [row for row in rows if row[0] == "Befragungen"]


@pytest.mark.parametrize("role", RESULT_ROLES)
def test_the_report_cut_by_day_shows_the_same_survey_figures(client_as, survey, role):
    client = client_as(role)
    whole = _report_survey_rows(client, "2024-06-01", "2024-06-30")
    assert any(row[2] == "Anzahl" and row[3] == "25" for row in whole), whole
    # Day by day, and periods that differ by Beta's day only: a cut by day would give
    # 25 − 22 = 3 and the „nein“ of Beta.
    for von, bis in [
        ("2024-06-03", "2024-06-03"),
        ("2024-06-04", "2024-06-04"),
        ("2024-06-05", "2024-06-05"),
        ("2024-06-01", "2024-06-04"),
        ("2024-06-05", "2024-06-30"),
    ]:
        assert _report_survey_rows(client, von, bis) == whole, (von, bis)


# --- (d) a free text from a small group -----------------------------------------------------


def _texts(client, befragung, frage, params):
    url = reverse("befragung:freitext", args=[befragung.slug, frage.pk])
    response = client.get(url, params)
    assert response.status_code == 200
    page = response.context["page"]
    return response, (set(page.paginator.object_list) if page is not None else None)


@pytest.mark.parametrize("role", RESULT_ROLES)
def test_free_texts_of_the_small_group_are_in_no_filtered_view(client_as, survey, role):
    befragung, fragen = survey
    client = client_as(role)
    _response, alle = _texts(client, befragung, fragen["wunsch"], {})
    assert len(alle) == 15, "the whole survey lists every text, mixed in 25 Rückmeldungen"
    for params in ({"quartier": "beta"}, {"kanal": "papier"}, {"kanal": "online"}):
        response, texte = _texts(client, befragung, fragen["wunsch"], params)
        assert texte is None, params
        assert SECRET not in response.content.decode()
        assert "Antworten werden nicht gezeigt" in response.content.decode()
    # Every list a role can get leaves, against the whole list, texts of at least 5 people:
    # Alpha's list leaves Beta's texts, but among Beta and Gamma (13), and Gamma is hidden.
    for params in _filters()[1:]:
        _response, texte = _texts(client, befragung, fragen["wunsch"], params)
        if texte is not None:
            leaves = alle - texte
            assert not leaves or params == {"quartier": "alpha"}, params
    assert _texts(client, befragung, fragen["wunsch"], {"quartier": "gamma"})[1] is None


@pytest.mark.parametrize("role", RESULT_ROLES)
def test_the_raw_export_stays_with_the_fachstelle(client_as, survey, role):
    befragung, _fragen = survey
    client = client_as(role)
    for name in ("befragung:export_csv", "befragung:export_xlsx"):
        response = client.get(reverse(name, args=[befragung.slug]))
        assert response.status_code == 403
        assert SECRET.encode() not in response.content
    fachstelle = client_as(Role.FACHSTELLE).get(
        reverse("befragung:export_csv", args=[befragung.slug])
    )
    assert SECRET in b"".join(fachstelle.streaming_content).decode("utf-8")


@pytest.mark.usefixtures("survey")
def test_the_report_and_the_key_figures_hold_no_free_text(client_as):
    client = client_as(Role.KOORDINATION)
    rows = _report_survey_rows(client, "2024-06-01", "2024-06-30")
    assert SECRET not in str(rows)
    html = client.get(
        reverse("cockpit:bericht_ansicht"), {"von": "2024-06-01", "bis": "2024-06-30"}
    )
    assert SECRET not in html.content.decode()


# --- (e) the Mindestgruppe -------------------------------------------------------------------


def test_mindestgruppe_below_5_fails_validation_and_the_database_check():
    befragung = BefragungFactory()
    befragung.mindestgruppe = 4
    with pytest.raises(ValidationError) as error:
        befragung.full_clean()
    assert "mindestgruppe" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Befragung.objects.filter(pk=befragung.pk).update(mindestgruppe=1)


def _settings(befragung, **overrides):
    data = {
        "slug": befragung.slug,
        "titel_de": "Wie wohnen Sie?",
        "datenschutz_de": "Anonym.",
        "modus": "offen",
        "beginn": "2097-03-01",
        "ende": "2097-04-30",
        "quartiere": [q.pk for q in befragung.quartiere.all()],
        "mindestgruppe": "5",
    }
    return data | overrides


def test_koordination_cannot_change_the_mindestgruppe(client_as, koordination):
    quartier = KoordinationFactory(user=koordination).quartier
    befragung = BefragungFactory(status=Befragung.Status.ENTWURF, quartiere=[quartier])
    client = client_as(Role.KOORDINATION)
    url = reverse("befragung:bearbeiten", args=[befragung.slug])
    form = client.get(url).context["form"]
    assert form.fields["mindestgruppe"].disabled
    for value in ("1", "50"):
        response = client.post(url, _settings(befragung, mindestgruppe=value))
        assert response.status_code == 302, response.context["form"].errors
        befragung.refresh_from_db()
        assert befragung.mindestgruppe == 5
    response = client.post(
        reverse("befragung:neu"), _settings(befragung, slug="neu-k", mindestgruppe="1")
    )
    assert response.status_code == 302
    assert Befragung.objects.get(slug="neu-k").mindestgruppe == 5


def test_fachstelle_raises_the_mindestgruppe_but_not_below_5(client_as):
    befragung = BefragungFactory(status=Befragung.Status.ENTWURF)
    client = client_as(Role.FACHSTELLE)
    url = reverse("befragung:bearbeiten", args=[befragung.slug])
    response = client.post(url, _settings(befragung, mindestgruppe="4"))
    assert response.status_code == 400
    assert response.context["form"].errors["mindestgruppe"] == [
        "Die Mindestgruppengröße ist mindestens 5."
    ]
    befragung.refresh_from_db()
    assert befragung.mindestgruppe == 5
    assert client.post(url, _settings(befragung, mindestgruppe="8")).status_code == 302
    befragung.refresh_from_db()
    assert befragung.mindestgruppe == 8


def test_once_answers_exist_the_mindestgruppe_only_goes_up(client_as, survey):
    befragung, _fragen = survey
    Befragung.objects.filter(pk=befragung.pk).update(
        status=Befragung.Status.LAEUFT, mindestgruppe=8, ende=datetime.date(2097, 1, 1)
    )
    client = client_as(Role.FACHSTELLE)
    url = reverse("befragung:bearbeiten", args=[befragung.slug])
    response = client.post(url, _settings(befragung, mindestgruppe="5", ende="2097-01-01"))
    assert response.status_code == 400
    assert "lässt sich nur noch erhöhen" in response.text
    befragung.refresh_from_db()
    assert befragung.mindestgruppe == 8
    response = client.post(url, _settings(befragung, mindestgruppe="10", ende="2097-01-01"))
    assert response.status_code == 302
    befragung.refresh_from_db()
    assert befragung.mindestgruppe == 10


# --- across filters: one group minus another -----------------------------------------------


@pytest.fixture
def nested():
    """Alpha 12 (online), Gamma 3 (online), Beta 10 (Papier, English): „online“ minus
    „Alpha“ is Gamma, though each view alone passes its own dimension's rule."""
    alpha, beta, gamma = (
        QuartierFactory(name=name, slug=name.lower()) for name in ("Alpha", "Beta", "Gamma")
    )
    befragung = BefragungFactory(quartiere=[alpha, beta, gamma], mindestgruppe=K)
    wunsch = FrageFactory(befragung=befragung, position=1, name="wunsch", typ=Frage.Typ.TEXT)

    def texte(prefix):
        return lambda i: [{"frage": wunsch, "text": f"{prefix} {i}"}]

    _group(befragung, 12, quartier=alpha, kanal="online", tag=3, antworten=texte("Alpha"))
    _group(befragung, 3, quartier=gamma, kanal="online", tag=3, antworten=texte(SECRET))
    for _i in range(10):
        RueckmeldungFactory(
            befragung=befragung,
            quartier=beta,
            kanal="papier",
            sprache="en",
            eingereicht_am=datetime.date(2024, 6, 3),
        )
    return befragung, wunsch


@pytest.mark.parametrize("role", RESULT_ROLES)
def test_a_group_of_one_filter_minus_a_group_of_another_is_not_small(client_as, nested, role):
    befragung, wunsch = nested
    client = client_as(role)
    _response, online = _results(client, befragung, {"kanal": "online"})
    assert _figures(online)["rueckmeldungen"] == 15
    response, alpha = _results(client, befragung, {"quartier": "alpha"})
    assert alpha.unterdrueckt and alpha.grund == "rest"
    assert "12 Rückmeldungen" not in response.content.decode()
    _response, online_texte = _texts(client, befragung, wunsch, {"kanal": "online"})
    _response, alpha_texte = _texts(client, befragung, wunsch, {"quartier": "alpha"})
    assert len(online_texte) == 15 and alpha_texte is None
