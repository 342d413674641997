"""The submission benchmark's survey and bodies are what the public form accepts, and the
one-INSERT baseline exists only in the bench's URLconf."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

from befragung import freigabe
from befragung.models import Antwort, Rueckmeldung
from scripts import bench_pages as bench

pytestmark = pytest.mark.django_db


def test_bench_bodies_are_complete_valid_questionnaires_each_stored_once(client):
    befragung = bench.ensure_submission_survey()
    bodies = bench.submission_bodies(befragung, 3)
    for body in bodies:
        response = client.post(befragung.get_public_url(), body)
        assert response.status_code == 302, response.content.decode()[:400]
        assert response["Location"].startswith(reverse("befragung:danke", args=[befragung.slug]))
    assert client.post(befragung.get_public_url(), bodies[0]).status_code == 302  # resent
    assert freigabe.flush(befragung, final=True) == 3
    assert Rueckmeldung.objects.filter(befragung=befragung).count() == 3
    assert Antwort.objects.filter(rueckmeldung__befragung=befragung).count() == 3 * 8
    assert bench.ensure_submission_survey().rueckmeldungen.count() == 0  # emptied for a run


def test_the_insert_baseline_is_not_in_the_portals_urls(client):
    with pytest.raises(NoReverseMatch):
        reverse("bench_insert", args=[1])
    assert client.post("/bench/insert/1/").status_code == 404


@override_settings(ROOT_URLCONF="scripts.bench_urls")
def test_the_insert_baseline_writes_one_rueckmeldung_in_one_query(
    client, django_assert_num_queries
):
    befragung = bench.ensure_submission_survey()
    url = reverse("bench_insert", args=[befragung.pk])
    with django_assert_num_queries(1):
        assert client.post(url).status_code == 204
    assert befragung.rueckmeldungen.count() == 1
    assert client.get(url).status_code == 405
