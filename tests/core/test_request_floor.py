"""What every signed-in request costs: the session and the user with its TOTP state, two queries,
and the same answers as Django's own session store and backends."""

import datetime

from allauth.mfa.models import Authenticator
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.models import Session
from django.urls import reverse

from gwa_portal.core.auth_backends import RENAMED_BACKENDS, load_user
from gwa_portal.core.models import Role

INTERNAL_PAGE = reverse("barrierefreiheit")
MFA_PAGE = reverse("cockpit:fassung_list")  # internal, behind the MFA duty, few queries


def queries_of(client, path, django_assert_max_num_queries, capture):
    with django_assert_max_num_queries(50) as captured:
        response = client.get(path)
    capture.extend(q["sql"] for q in captured.captured_queries)
    return response


def test_a_signed_in_request_reads_session_and_user_with_totp_in_two_queries(
    client, fachstelle, django_assert_max_num_queries
):
    client.force_login(fachstelle)
    client.get(INTERNAL_PAGE)  # the idle stamp of the first request
    sql = []
    assert queries_of(client, INTERNAL_PAGE, django_assert_max_num_queries, sql).status_code == 200
    assert len(sql) == 2, sql
    assert "django_session" in sql[0]
    assert "core_user" in sql[1] and "mfa_authenticator" in sql[1]
    # The MFA duty of a Fachstelle page asks no further query.
    sql = []
    assert queries_of(client, MFA_PAGE, django_assert_max_num_queries, sql).status_code == 200
    assert not any("mfa_authenticator" in q for q in sql[2:]), sql


def test_a_fachstelle_whose_totp_is_removed_is_sent_to_the_setup_at_once(client, fachstelle):
    client.force_login(fachstelle)
    assert client.get(MFA_PAGE).status_code == 200
    Authenticator.objects.filter(user=fachstelle).delete()
    response = client.get(MFA_PAGE)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_a_deactivated_or_deleted_user_is_signed_out(client, koordination, partner):
    client.force_login(koordination)
    assert client.get(MFA_PAGE).status_code == 200
    koordination.is_active = False
    koordination.save(update_fields=["is_active"])
    assert client.get(MFA_PAGE).status_code == 302
    assert not client.get("/").context["user"].is_authenticated

    client.force_login(partner)
    partner.delete()
    assert not client.get("/").context["user"].is_authenticated


def test_a_changed_password_ends_other_sessions(client, koordination):
    client.force_login(koordination)
    assert client.get(MFA_PAGE).status_code == 200
    koordination.set_password("ein-ganz-neues-Passwort-2026")
    koordination.save()
    assert client.get(MFA_PAGE).status_code == 302


def test_an_expired_or_unknown_session_is_anonymous(client, koordination):
    client.force_login(koordination)
    Session.objects.update(expire_date=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert client.get(MFA_PAGE).status_code == 302
    client.cookies["sessionid"] = "x" * 32
    assert client.get(MFA_PAGE).status_code == 302


def test_sessions_of_the_stock_backends_stay_signed_in(client, koordination):
    """Sessions from before the switch name Django's and allauth's backends."""
    for stock in RENAMED_BACKENDS:
        client.force_login(koordination)
        session = client.session
        session[BACKEND_SESSION_KEY] = stock
        session.save()
        response = client.get(MFA_PAGE)
        assert response.status_code == 200
        assert response.context["user"] == koordination


def test_load_user_matches_the_orm(fachstelle, partner):
    for user, has_totp in ((fachstelle, True), (partner, False)):
        loaded = load_user(user.pk)
        fresh = type(user).objects.get(pk=user.pk)
        for field in type(user)._meta.concrete_fields:
            assert getattr(loaded, field.attname) == getattr(fresh, field.attname), field.name
        assert loaded.has_totp is has_totp
        assert loaded._state.adding is False and loaded._state.db == "default"
    assert load_user(10**9) is None


def test_a_login_through_allauth_uses_the_portal_backend(client, koordination):
    from ..factories import PASSWORD

    client.post(reverse("account_login"), {"login": koordination.email, "password": PASSWORD})
    assert client.session[BACKEND_SESSION_KEY].startswith("gwa_portal.core.auth_backends.")
    assert client.get(MFA_PAGE).context["user"].role == Role.KOORDINATION
