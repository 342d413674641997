"""/admin/ sits behind the same door as the portal: allauth with the second factor, never
Django's password-only admin form."""

from urllib.parse import parse_qs, urlsplit

from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from gwa_portal.core.models import Role

from ..factories import PASSWORD

ADMIN_PAGES = ["/admin/", "/admin/core/user/", "/admin/befragung/befragung/"]


def assert_no_admin_page(client):
    for path in ADMIN_PAGES:
        response = client.get(path, follow=True)
        assert response.status_code == 200  # allauth's login or TOTP page, not the admin
        assert response.redirect_chain, path
        final = urlsplit(response.redirect_chain[-1][0]).path
        assert final in (reverse("account_login"), reverse("mfa_authenticate")), (path, final)
        assert "site-name" not in response.content.decode()  # the admin's header


def test_admin_login_form_does_not_sign_in_with_the_password(client, fachstelle):
    response = client.post(
        reverse("admin:login"), {"username": fachstelle.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("account_login")
    assert "_auth_user_id" not in client.session
    assert_no_admin_page(client)


def test_password_without_totp_reaches_no_admin_page(client, fachstelle):
    response = client.post(
        reverse("account_login"), {"login": fachstelle.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    # Half-way through the login (password checked, TOTP pending) is not a session.
    assert "_auth_user_id" not in client.session
    assert_no_admin_page(client)


def test_admin_login_sends_to_allauth_with_the_page_asked_for(client, db):
    response = client.get("/admin/core/user/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    target = urlsplit(response["Location"])
    assert target.path == reverse("account_login")
    assert parse_qs(target.query)["next"] == ["/admin/core/user/"]


def test_admin_login_refuses_a_foreign_next_url(client, db):
    response = client.get(reverse("admin:login") + "?next=https://evil.example/")
    assert parse_qs(urlsplit(response["Location"]).query)["next"] == [reverse("admin:index")]


def test_password_and_totp_reach_the_admin(client, fachstelle):
    client.get("/admin/core/user/", follow=True)
    response = client.post(
        reverse("account_login") + "?next=/admin/core/user/",
        {"login": fachstelle.email, "password": PASSWORD},
    )
    counter = next(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(fachstelle.totp_secret, counter))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert response["Location"] == "/admin/core/user/"
    page = client.get("/admin/core/user/")
    assert page.status_code == 200
    assert fachstelle.email in page.content.decode()
    # A signed-in admin visiting the login page goes on to the admin.
    assert client.get(reverse("admin:login"))["Location"] == reverse("admin:index")


def test_fachstelle_without_totp_is_sent_to_setup_not_to_the_admin(client, make_user):
    user = make_user(Role.FACHSTELLE, with_totp=False)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    response = client.get("/admin/core/user/")
    assert response["Location"] == reverse("mfa_activate_totp")


def test_signed_in_user_without_admin_rights_gets_403_not_a_loop(client, koordination):
    client.force_login(koordination)
    assert client.get(reverse("admin:login") + "?next=/admin/").status_code == 403
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
