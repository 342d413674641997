"""Fault test: Redis dies while citizens answer and staff sign in. Nothing is lost, nobody sees
a 500, /healthz/ tells the monitoring, and everything goes back to Redis once it is back."""

import logging
import re
import time

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from befragung.forms.antworten import field_name
from befragung.models import Befragung, Frage

from ..befragung.holding import stored, stored_texts
from ..factories import PASSWORD, BefragungFactory, FrageFactory
from ..redis_server import RedisServer

pytestmark = pytest.mark.fault
STAND = re.compile(r'name="stand" value="([^"]+)"')
RETRY_AFTER = 0.3


@pytest.fixture
def own_redis(settings):
    server = RedisServer()
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "gwa_portal.core.cache.ResilientRedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"fallback_retry_after": RETRY_AFTER},
        }
    }
    yield server
    server.kill()


@pytest.fixture
def survey(db):
    befragung = BefragungFactory(modus=Befragung.Modus.OFFEN)
    befragung.erste = FrageFactory(befragung=befragung, typ=Frage.Typ.TEXT, seite=1)
    befragung.zweite = FrageFactory(befragung=befragung, typ=Frage.Typ.TEXT, seite=2)
    return befragung


def first_step(client, survey, answer):
    """The citizen fills in step 1 and gets step 2 (the answers travel in `stand`)."""
    target = reverse("befragung:formular", kwargs={"slug": survey.slug})
    response = client.post(target, {field_name(survey.erste): answer})
    assert response.status_code == 200
    return STAND.search(response.content.decode()).group(1)


def final_step(client, survey, stand, answer):
    target = reverse("befragung:formular", kwargs={"slug": survey.slug})
    return client.post(target, {field_name(survey.zweite): answer, "stand": stand})


def totp_code(user):
    return format_hotp_value(hotp_value(user.totp_secret, next(yield_hotp_counters_from_time())))


def test_redis_outage_loses_no_answer_and_gives_no_500(
    own_redis, survey, koordination, fachstelle, caplog
):
    citizen, staff, admin = Client(), Client(), Client()
    # While Redis runs: a citizen is half-way through, staff sign in.
    stand = first_step(citizen, survey, "Mehr Bänke")
    assert (
        staff.post(
            reverse("account_login"), {"login": koordination.email, "password": PASSWORD}
        ).status_code
        == 302
    )
    assert own_redis.client().dbsize() > 0  # the cache really is this Redis

    own_redis.kill()
    caplog.set_level(logging.WARNING, logger="gwa_portal.core.cache")

    # The final POST is stored with every answer.
    response = final_step(citizen, survey, stand, "Ein Spielplatz")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("befragung:danke", args=[survey.slug]))
    assert stored(survey) == 1
    assert stored_texts(survey) == ["Ein Spielplatz", "Mehr Bänke"]
    # Sending it again (back button) still stores it once: the send-once mark is local now.
    assert final_step(citizen, survey, stand, "Ein Spielplatz").status_code == 302
    assert stored(survey) == 1

    # Logins work: password, and password plus TOTP (allauth's limits and used-code markers).
    staff.logout()
    response = staff.post(
        reverse("account_login"), {"login": koordination.email, "password": PASSWORD}
    )
    assert response.status_code == 302 and "_auth_user_id" in staff.session
    response = admin.post(
        reverse("account_login"), {"login": fachstelle.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    response = admin.post(reverse("mfa_authenticate"), {"code": totp_code(fachstelle)})
    assert response.status_code == 302 and "_auth_user_id" in admin.session
    # A wrong password gets the usual German message, not an error page.
    wrong = Client().post(
        reverse("account_login"), {"login": koordination.email, "password": "falsch"}
    )
    assert wrong.status_code == 200
    assert "Die E-Mail-Adresse und/oder das Passwort sind leider falsch." in wrong.text

    # The monitoring learns of it; anonymous callers learn no backend names.
    health = Client().get(reverse("healthz"))
    assert health.status_code == 503
    assert health.json()["checks"]["cache"] == {"ok": False}
    warnings = [r for r in caplog.records if r.name == "gwa_portal.core.cache"]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]  # once, not per request

    # Redis comes back: the portal uses it again.
    own_redis.start()
    time.sleep(RETRY_AFTER * 2)
    assert Client().get(reverse("healthz")).status_code == 200
    stand = first_step(citizen, survey, "Zurück")
    assert final_step(citizen, survey, stand, "Wieder da").status_code == 302
    assert stored(survey) == 2
    assert own_redis.client().dbsize() > 0
    assert not cache.degraded
