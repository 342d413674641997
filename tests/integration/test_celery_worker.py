"""Account mails travel through Redis to a real worker and out over SMTP."""

import email
from email import policy

import pytest
from django.urls import reverse

from gwa_portal.core.models import Role

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_new_account_mail_goes_through_worker_and_smtp(
    client, celery_worker, smtp_server, make_user
):
    client.force_login(make_user(Role.FACHSTELLE))
    response = client.post(
        reverse("core:user_create"),
        {"name": "Ida Integration", "email": "ida@example.org", "role": "partner"},
    )
    assert response.status_code == 302
    messages = smtp_server.wait_for(1)
    assert len(messages) == 1
    envelope = messages[0]
    assert envelope.rcpt_tos == ["ida@example.org"]
    parsed = email.message_from_bytes(envelope.content, policy=policy.default)
    assert parsed["Subject"] == "Ihr Zugang zum GWA-Portal Langenhagen"
    types = {part.get_content_type() for part in parsed.walk()}
    assert {"text/plain", "text/html"} <= types
    assert "/accounts/password/reset/key/" in parsed.get_body(("plain",)).get_content()
