"""The survey's rate limit: counted before it is decided, honeypot hits in a bucket of their
own, and the client's address taken from the one trusted-proxy setting allauth uses too."""

import pytest
from django.urls import reverse

from befragung.forms.antworten import field_name
from befragung.models import Befragung, Frage

from ..factories import PASSWORD, BefragungFactory, FrageFactory
from .holding import stored

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.2"


@pytest.fixture
def survey():
    befragung = BefragungFactory(modus=Befragung.Modus.OFFEN)
    befragung.frage = FrageFactory(befragung=befragung, typ=Frage.Typ.TEXT, seite=1)
    return befragung


def send(client, survey, *, xff=None, **extra):
    """One complete questionnaire in one POST (a one-step survey needs no earlier state)."""
    target = reverse("befragung:formular", kwargs={"slug": survey.slug})
    headers = {"X-Forwarded-For": xff} if xff else {}
    data = {field_name(survey.frage): "Mehr Bänke am Spielplatz", **extra}
    return client.post(target, data, headers=headers, REMOTE_ADDR=PROXY)


def test_ten_submissions_pass_the_eleventh_is_refused(client, survey):
    assert [send(client, survey).status_code for _i in range(10)] == [302] * 10
    assert send(client, survey).status_code == 429
    assert stored(survey) == 10


def test_honeypot_hits_do_not_use_up_the_shared_allowance(client, survey):
    for _i in range(10):
        assert send(client, survey, webseite="http://spam.example").status_code == 302
    # The bot sees the usual limit, in its own bucket ...
    assert send(client, survey, webseite="http://spam.example").status_code == 429
    # ... and citizens behind the same address still get their ten.
    assert [send(client, survey).status_code for _i in range(10)] == [302] * 10
    assert stored(survey) == 10


def test_behind_the_proxy_each_client_has_its_own_bucket(client, survey, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for _i in range(10):
        assert send(client, survey, xff="198.51.100.1").status_code == 302
    assert send(client, survey, xff="198.51.100.1").status_code == 429
    # Another citizen behind the same proxy; a forged leftmost entry changes nothing.
    assert send(client, survey, xff="198.51.100.2").status_code == 302
    assert send(client, survey, xff="203.0.113.66, 198.51.100.1").status_code == 429
    assert stored(survey) == 11


def test_without_the_setting_a_forged_header_does_not_open_a_new_bucket(client, survey):
    for i in range(10):
        assert send(client, survey, xff=f"198.51.100.{i}").status_code == 302
    assert send(client, survey, xff="198.51.100.99").status_code == 429


def test_the_client_ip_header_setting_is_used_when_set(client, survey, settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    target = reverse("befragung:formular", kwargs={"slug": survey.slug})
    data = {field_name(survey.frage): "Ja"}
    for _i in range(10):
        client.post(target, data, headers={"X-Real-IP": "198.51.100.7"}, REMOTE_ADDR=PROXY)
    refused = client.post(target, data, headers={"X-Real-IP": "198.51.100.7"})
    assert refused.status_code == 429
    other = client.post(target, data, headers={"X-Real-IP": "198.51.100.8"}, REMOTE_ADDR=PROXY)
    assert other.status_code == 302


def test_a_request_that_bypassed_the_proxies_gets_no_500(client, survey, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    assert send(client, survey, xff="198.51.100.1").status_code == 302  # one entry, not two
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    assert send(client, survey).status_code == 302  # no header at all
    assert stored(survey) == 2


def test_login_limits_follow_the_same_proxy_setting(client, settings, koordination):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    login = reverse("account_login")

    def attempt(xff, email):
        return client.post(
            login,
            {"login": email, "password": "falsch"},
            headers={"X-Forwarded-For": xff},
            REMOTE_ADDR=PROXY,
        )

    for i in range(10):  # login_failed: 10 per minute and address
        attempt("198.51.100.1", f"niemand{i}@example.org")
    refused = attempt("198.51.100.1", "noch-einer@example.org").content.decode()
    assert "Zu viele gescheiterte Anmeldeversuche" in refused
    response = client.post(
        login,
        {"login": koordination.email, "password": PASSWORD},
        headers={"X-Forwarded-For": "198.51.100.2"},
        REMOTE_ADDR=PROXY,
    )
    assert response.status_code == 302 and "_auth_user_id" in client.session
