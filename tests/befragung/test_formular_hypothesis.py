"""Arbitrary and malformed bodies posted to the public form: never a 500, and nothing is written
unless the post completes the survey (which random data cannot do without a valid signed step)."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from befragung.forms.antworten import field_name
from befragung.formular_ablauf import Ablauf
from befragung.models import Antwort, Rueckmeldung

from ..factories import QuartierFactory, befragung_mit_allen_fragetypen

pytestmark = pytest.mark.django_db
ALLOWED = {200, 302, 400, 403, 404, 405, 410, 413, 429}
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
huge = st.builds(
    lambda c, n: c * n, st.characters(blacklist_categories=("Cs",)), st.integers(4000, 12000)
)


@pytest.fixture
def survey():
    QuartierFactory()
    survey = befragung_mit_allen_fragetypen()
    names = []
    for frage in survey.testfragen.values():
        names += [field_name(frage, z) for z in frage.zeilen.all()] or [field_name(frage)]
    options = [
        str(pk)
        for f in survey.testfragen.values()
        for pk in f.optionen.values_list("pk", flat=True)
    ]
    ablauf = Ablauf(survey, "de")
    # Signed states for every step, so that the examples also reach the later steps.
    stands = [ablauf.dumps(i, {}) for i in range(ablauf.gesamt)]
    f = survey.testfragen

    def opt(key, name):
        return [str(f[key].optionen.get(name=name).pk)]

    earlier_steps = {
        field_name(f["verkehrsmittel"]): opt("verkehrsmittel", "auto"),
        field_name(f["zufriedenheit"]): ["3"],
        field_name(f["ehrenamt"]): opt("ehrenamt", "ja"),
    }
    stands.append(ablauf.dumps(3, earlier_steps))
    return survey, names, options, stands


def bodies(names, options, stands):
    key = st.one_of(
        st.sampled_from([*names, "stand", "aktion", "webseite", "zugangscode", "sprache"]), text
    )
    value = st.one_of(
        st.sampled_from(options),
        st.sampled_from(stands),
        st.sampled_from(["weiter", "zurueck", "", "0", "-1", "1e9", "99999999999999999999"]),
        st.integers().map(str),
        text,
        huge,
    )
    values = st.one_of(value, st.lists(value, max_size=5))
    return st.dictionaries(key, values, max_size=12)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_arbitrary_posts_never_fail_and_write_nothing_when_invalid(survey, data):
    befragung, names, options, stands = survey
    cache.clear()
    body = data.draw(bodies(names, options, stands))
    sprache = data.draw(st.sampled_from(["de", "ar", "uk", "xx", ""]))
    url = reverse("befragung:formular", kwargs={"slug": befragung.slug}) + f"?sprache={sprache}"
    before = (Rueckmeldung.objects.count(), Antwort.objects.count())
    response = Client().post(url, body)
    assert response.status_code in ALLOWED
    if response.status_code != 302 or body.get("webseite"):
        assert (Rueckmeldung.objects.count(), Antwort.objects.count()) == before


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    raw=st.binary(max_size=2000),
    content_type=st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "multipart/form-data",
            "application/json",
            "text/plain; charset=utf-16",
        ]
    ),
)
def test_malformed_raw_bodies_never_fail(survey, raw, content_type):
    befragung = survey[0]
    cache.clear()
    url = reverse("befragung:formular", kwargs={"slug": befragung.slug})
    response = Client().generic("POST", url, raw, content_type=content_type)
    assert response.status_code in ALLOWED
    assert Rueckmeldung.objects.count() == 0
