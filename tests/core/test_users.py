"""Account management by the Fachstelle: list, create with set-password mail, edit, resend."""

import re

from django.core import mail
from django.urls import reverse

from gwa_portal.core.models import Role, User


def test_fachstelle_sees_paginated_filtered_user_list(client_as, make_user):
    for i in range(30):
        make_user(Role.PARTNER, name=f"Partnerin {i:02d}")
    client = client_as(Role.FACHSTELLE)
    first = client.get(reverse("core:user_list"), {"role": "partner"})
    assert first.status_code == 200
    assert "Seite 1 von 2" in first.content.decode()
    assert "Alice Fachstelle" not in first.content.decode()
    search = client.get(reverse("core:user_list"), {"q": "Partnerin 07"})
    assert "Partnerin 07" in search.content.decode()
    assert "Partnerin 08" not in search.content.decode()


def test_user_list_query_count_does_not_grow(client_as, make_user, django_assert_max_num_queries):
    client = client_as(Role.FACHSTELLE)
    with django_assert_max_num_queries(8) as small:
        client.get(reverse("core:user_list"))
    for _ in range(40):
        make_user(Role.PARTNER)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("core:user_list"))


def test_creating_an_account_mails_a_working_set_password_link(
    client_as, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(Role.FACHSTELLE).post(
            reverse("core:user_create"),
            {"name": "Neue Koordinatorin", "email": "Neu@Example.org", "role": "koordination"},
        )
    assert response.status_code == 302
    user = User.objects.get(email="neu@example.org")
    assert user.role == Role.KOORDINATION
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["neu@example.org"]
    assert "Passwort" in message.subject or "Zugang" in message.subject
    assert message.alternatives and message.alternatives[0].mimetype == "text/html"
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    client.logout()
    step = client.get("/" + path, follow=True)
    assert step.status_code == 200
    form_url = step.redirect_chain[-1][0] if step.redirect_chain else "/" + path
    done = client.post(
        form_url, {"password1": "Quartier-Leben-2026", "password2": "Quartier-Leben-2026"}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Quartier-Leben-2026")
    assert client.login(email="neu@example.org", password="Quartier-Leben-2026")


def test_duplicate_email_gets_german_error_and_saves_nothing(client_as, koordination):
    before = User.objects.count()
    response = client_as(Role.FACHSTELLE).post(
        reverse("core:user_create"),
        {"name": "Doppelt", "email": "BOB@example.org", "role": "partner"},
    )
    assert response.status_code == 400
    assert "Für diese E-Mail-Adresse gibt es schon einen Zugang." in response.content.decode()
    assert User.objects.count() == before
    assert mail.outbox == []


def test_missing_fields_are_reported_next_to_the_field(client_as):
    response = client_as(Role.FACHSTELLE).post(reverse("core:user_create"), {"email": "kein-at"})
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_email_error"' in body
    assert 'aria-describedby="id_email_hint id_email_error"' in body
    assert "Bitte geben Sie den Namen ein." in body


def test_koordination_cannot_create_accounts(client_as):
    response = client_as(Role.KOORDINATION).post(
        reverse("core:user_create"), {"name": "X", "email": "x@example.org", "role": "fachstelle"}
    )
    assert response.status_code == 403
    assert not User.objects.filter(email="x@example.org").exists()


def test_fachstelle_changes_role_and_deactivates(client_as, partner):
    response = client_as(Role.FACHSTELLE).post(
        reverse("core:user_edit", args=[partner.pk]),
        {"name": "Dana P.", "role": "verwaltung", "is_active": ""},
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.role == Role.VERWALTUNG
    assert partner.is_active is False


def test_fachstelle_cannot_demote_itself(client_as, fachstelle):
    response = client_as(Role.FACHSTELLE).post(
        reverse("core:user_edit", args=[fachstelle.pk]),
        {"name": "Alice", "role": "partner", "is_active": "on"},
    )
    assert response.status_code == 400
    fachstelle.refresh_from_db()
    assert fachstelle.role == Role.FACHSTELLE


def test_resend_link_requires_post_and_sends_one_mail(
    client_as, partner, django_capture_on_commit_callbacks
):
    client = client_as(Role.FACHSTELLE)
    assert client.get(reverse("core:user_resend", args=[partner.pk])).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:user_resend", args=[partner.pk]))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["dana@example.org"]]


def test_only_fachstelle_gets_admin_flags(make_user):
    f = make_user(Role.FACHSTELLE)
    k = make_user(Role.KOORDINATION)
    assert (f.is_staff, f.is_superuser) == (True, True)
    assert (k.is_staff, k.is_superuser) == (False, False)
    f.role = Role.PARTNER
    f.save()
    f.refresh_from_db()
    assert (f.is_staff, f.is_superuser) == (False, False)
