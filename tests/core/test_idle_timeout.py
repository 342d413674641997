"""Staff sessions end after SESSION_IDLE_TIMEOUT without a request (ASVS 7.3.1)."""

import datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from django.urls import reverse

START = datetime.datetime(2031, 5, 14, 9, 0, tzinfo=datetime.UTC)
INTERNAL_PAGE = "/netzwerk/akteure/"


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_an_idle_session_is_signed_out_with_a_german_message(client, koordination, clock):
    client.force_login(koordination)
    assert client.get(INTERNAL_PAGE).status_code == 200
    clock.shift(datetime.timedelta(minutes=31))
    response = client.get(INTERNAL_PAGE)
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == reverse("account_login") and "next=/netzwerk/akteure/" in target.query
    assert "_auth_user_id" not in client.session
    login_page = client.get(response["Location"]).content.decode()
    assert "nach 30 Minuten ohne Aktivität abgemeldet" in login_page
    # Still signed out afterwards, not only for one request.
    assert client.get(INTERNAL_PAGE).status_code == 302


def test_activity_keeps_the_session_alive(client, koordination, clock):
    client.force_login(koordination)
    for _step in range(4):  # two hours in all, never 30 minutes idle
        assert client.get(INTERNAL_PAGE).status_code == 200
        clock.shift(datetime.timedelta(minutes=29))
    assert client.get(INTERNAL_PAGE).status_code == 200


def test_the_timeout_follows_the_setting(client, koordination, clock, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    client.force_login(koordination)
    assert client.get(INTERNAL_PAGE).status_code == 200
    clock.shift(datetime.timedelta(minutes=4))
    assert client.get(INTERNAL_PAGE).status_code == 200
    clock.shift(datetime.timedelta(minutes=6))
    assert client.get(INTERNAL_PAGE).status_code == 302


def test_an_idle_anonymous_visitor_is_left_alone(client, db, clock):
    assert client.get("/barrierefreiheit/").status_code == 200
    clock.shift(datetime.timedelta(hours=2))
    response = client.get("/barrierefreiheit/")
    assert response.status_code == 200
    assert "ohne Aktivität" not in response.content.decode()
