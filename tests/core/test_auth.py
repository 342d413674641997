"""Login by email, no public sign-up, MFA duty for the Fachstelle, and rate limits."""

from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from gwa_portal.core.models import Role, User

from ..factories import PASSWORD


def test_login_with_email_and_password(client, koordination):
    response = client.post(
        reverse("account_login"), {"login": "BOB@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("start")
    assert "Willkommen" in client.get("/").content.decode()


def test_wrong_password_gets_a_german_error(client, koordination):
    response = client.post(
        reverse("account_login"), {"login": "bob@example.org", "password": "falsch"}
    )
    assert response.status_code == 200
    assert (
        "Die E-Mail-Adresse und/oder das Passwort sind leider falsch." in response.content.decode()
    )


def test_failed_logins_are_rate_limited(client, koordination):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "bob@example.org", "password": "falsch"})
    response = client.post(
        reverse("account_login"), {"login": "bob@example.org", "password": PASSWORD}
    )
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_there_is_no_public_signup(client, db):
    response = client.post(
        reverse("account_signup"), {"email": "neu@example.org", "password1": "Quartier-Leben-2026"}
    )
    assert "Keine öffentliche Registrierung" in response.content.decode()
    assert not User.objects.filter(email="neu@example.org").exists()


def test_fachstelle_without_totp_is_sent_to_mfa_setup(client, make_user):
    user = make_user(Role.FACHSTELLE, with_totp=False)
    client.force_login(user)
    response = client.get(reverse("quartiere:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("core:user_list")).status_code == 302


def test_other_roles_need_no_second_factor(client, koordination):
    client.force_login(koordination)
    assert client.get(reverse("quartiere:index")).status_code == 200


def test_mfa_exemption_works_only_in_debug(client, make_user, settings):
    user = make_user(Role.FACHSTELLE, with_totp=False, mfa_exempt=True)
    client.force_login(user)
    settings.DEBUG = False
    assert client.get(reverse("core:user_list")).status_code == 302
    settings.DEBUG = True
    assert client.get(reverse("core:user_list")).status_code == 200


def test_fachstelle_logs_in_with_totp_code(client, fachstelle):
    response = client.post(
        reverse("account_login"), {"login": fachstelle.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    counter = next(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(fachstelle.totp_secret, counter))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("core:user_list")).status_code == 200


def test_inactive_account_cannot_log_in(client, make_user):
    user = make_user(Role.PARTNER, is_active=False)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
