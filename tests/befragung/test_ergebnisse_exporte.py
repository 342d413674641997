"""Raw exports: one row per Rueckmeldung, streamed, neutralised, ordered by the random key."""

import csv
import io
import uuid

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from gwa_portal.core.models import Role

from ..factories import BefragungFactory, FrageFactory
from .ergebnisse_data import add, known_data, options

pytestmark = pytest.mark.django_db


def csv_rows(response):
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def xlsx_rows(response):
    assert isinstance(response, StreamingHttpResponse)
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def export(client, befragung, kind):
    return client.get(reverse(f"befragung:export_{kind}", args=[befragung.slug]))


def test_csv_has_one_row_per_rueckmeldung_with_a_column_per_option_and_row(client_as):
    befragung, *_ = known_data()
    rows = csv_rows(export(client_as(Role.FACHSTELLE), befragung, "csv"))
    header = rows[0]
    assert header == [
        "sprache",
        "kanal",
        "eingereicht_am",
        "quartier",
        "wohnen",
        "gern",
        "orte.x",
        "orte.y",
        "zufrieden",
        "wunsch",
        "alter",
        "quartier",
        "matrix.r1",
        "matrix.r2",
    ]
    assert len(rows) == 1 + 33
    alpha_with_y = [r for r in rows[1:] if r[3] == "alpha" and r[7] == "1"]
    assert len(alpha_with_y) == 8
    row = alpha_with_y[0]
    assert row[0:2] == ["de", "online"]
    assert row[2].count(".") == 2  # 01.06.2024: a date, no time of day
    assert row[5] == "ja" and row[6] == "1" and row[10] == "30" and row[11] == "alpha"
    assert row[12:14] == ["gut", "schlecht"]
    gamma = [r for r in rows[1:] if r[3] == "gamma"]
    assert len(gamma) == 3 and gamma[0][9] == "Ruhe" and gamma[0][6:8] == ["0", "0"]
    assert gamma[0][4] == "" and gamma[0][12] == ""


def _formula_survey():
    befragung = BefragungFactory()
    frage = FrageFactory(befragung=befragung, position=1, name="wunsch", typ="text")
    texts = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "harmlos"]
    add(befragung, len(texts), answers=lambda i: [{"frage": frage, "text": texts[i]}])
    return befragung


def test_csv_neutralises_formula_starts(client_as):
    rows = csv_rows(export(client_as(Role.FACHSTELLE), _formula_survey(), "csv"))
    values = sorted(r[4] for r in rows[1:])
    assert values == sorted(['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)", "harmlos"])


def test_xlsx_neutralises_formula_starts_and_stores_no_formula(client_as):
    rows = xlsx_rows(export(client_as(Role.FACHSTELLE), _formula_survey(), "xlsx"))
    values = sorted(r[4] for r in rows[1:])
    assert values == sorted(['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)", "harmlos"])


def test_xlsx_has_the_same_rows_as_the_csv(client_as):
    befragung, *_ = known_data()
    client = client_as(Role.FACHSTELLE)
    csv_data = csv_rows(export(client, befragung, "csv"))
    xlsx_data = xlsx_rows(export(client, befragung, "xlsx"))
    assert xlsx_data[0] == csv_data[0]
    assert len(xlsx_data) == len(csv_data)
    assert [r[3] for r in xlsx_data[1:]] == [r[3] for r in csv_data[1:]]


def test_rows_are_ordered_by_the_random_key_not_by_submission(client_as):
    befragung = BefragungFactory()
    frage = FrageFactory(befragung=befragung, position=1, name="nr", typ="zahl")
    # Submitted in this order, with keys that sort the other way round.
    ids = [uuid.UUID(int=(20 - i) << 64) for i in range(20)]
    add(befragung, 20, ids=ids, answers=lambda i: [{"frage": frage, "zahl": i}])
    client = client_as(Role.FACHSTELLE)
    numbers = [int(r[4]) for r in csv_rows(export(client, befragung, "csv"))[1:]]
    assert numbers == list(range(19, -1, -1))
    assert [r[4] for r in xlsx_rows(export(client, befragung, "xlsx"))[1:]] == numbers


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("n", [10, 500])
def test_export_query_count_is_constant(client_as, django_assert_max_num_queries, kind, n):
    befragung = BefragungFactory()
    einfach = FrageFactory(befragung=befragung, position=1, name="e")
    opts = options(einfach, "a", "b")
    mehrfach = FrageFactory(befragung=befragung, position=2, name="m", typ="mehrfach")
    mopts = options(mehrfach, "x", "y")
    add(
        befragung,
        n,
        answers=lambda i: [
            {"frage": einfach, "option": opts["a"]},
            {"frage": mehrfach, "option": mopts["x"]},
            {"frage": mehrfach, "option": mopts["y"]},
        ],
    )
    client = client_as(Role.FACHSTELLE)
    with django_assert_max_num_queries(10):
        response = export(client, befragung, kind)
        rows = csv_rows(response) if kind == "csv" else xlsx_rows(response)
    assert len(rows) == n + 1
    assert rows[1][4:] == (["a", "1", "1"] if kind == "csv" else ["a", 1, 1])


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 302), (Role.KOORDINATION, 403), (Role.VERWALTUNG, 403), (Role.PARTNER, 403)],
)
def test_only_the_fachstelle_downloads_raw_data(client_as, kind, role, status):
    befragung = BefragungFactory()
    assert export(client_as(role), befragung, kind).status_code == status


def test_the_results_page_says_who_may_download_raw_data(client_as):
    befragung = BefragungFactory()
    html = (
        client_as(Role.KOORDINATION)
        .get(reverse("befragung:ergebnisse", args=[befragung.slug]))
        .content.decode()
    )
    assert "lädt nur die Fachstelle herunter" in html
