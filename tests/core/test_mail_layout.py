"""Mails serialised by a MailLayout: the bytes Django's SMTP backend would send (but for Date,
Message-ID and boundary), sent as they are over the reused connection, and read back by
the other mailers."""

import email
import re
import smtplib
from email import policy

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from gwa_portal.core.mail import (
    MailLayout,
    SerialisedMail,
    reused_connection,
    send_reusing_connection,
)

from ..smtp import serving_mail

TEXTS = {
    "7bit": "Guten Tag,\nbis bald.\n",
    "8bit": "Grüße aus Langenhagen\n",
    "quoted-printable": "Grüße " + "lang " * 30 + "\n",
    "base64": "Ü" * 100 + "\n",
}


def built(text, html, to="ada@example.org"):
    message = EmailMultiAlternatives(subject="Einladung: Sitzung", body=text, to=[to])
    message.attach_alternative(html, "text/html")
    return message


def normalised(data):
    boundary = re.search(rb'boundary="([^"]+)"', data).group(1)
    data = data.replace(boundary, b"BOUNDARY")
    data = re.sub(rb"\r\nDate: [^\r]+", b"\r\nDate: -", data)
    return re.sub(rb"\r\nMessage-ID: [^\r]+", b"\r\nMessage-ID: -", data)


def serialised(layout, text, html, to="ada@example.org"):
    data = layout.serialise(to=to, parts=[text, html])
    return SerialisedMail(
        data,
        envelope_to=[to],
        subject="Einladung: Sitzung",
        body=text,
        from_email="GWA-Portal <gwa@langenhagen.example>",
        to=[to],
    )


@pytest.mark.parametrize("encoding", TEXTS)
def test_a_serialised_mail_is_the_one_django_serialises(encoding):
    layout = MailLayout(built("Vorlage", "<p>Vorlage</p>"))
    text, html = TEXTS[encoding], f"<p>{TEXTS[encoding]}</p>"
    data = layout.serialise(to="bea@example.org", parts=[text, html])
    expected = built(text, html, to="bea@example.org").message(policy=policy.SMTP).as_bytes()
    assert normalised(data) == normalised(expected)
    parsed = email.message_from_bytes(data, policy=policy.default)
    assert parsed.get_body(("plain",))["Content-Transfer-Encoding"] == encoding
    assert parsed.get_body(("plain",)).get_content().replace("\r\n", "\n") == text


def test_two_serialised_mails_get_their_own_date_message_id_and_boundary():
    layout = MailLayout(built("Vorlage", "<p>Vorlage</p>"))
    first, second = (
        email.message_from_bytes(layout.serialise(to=to, parts=["a\n", "<p>b</p>"]))
        for to in ["a@example.org", "b@example.org"]
    )
    assert (first["To"], second["To"]) == ("a@example.org", "b@example.org")
    assert first["Message-ID"] != second["Message-ID"]
    assert first.get_boundary() != second.get_boundary()


@pytest.mark.parametrize(
    ("address", "accepted"),
    [
        ("ada.beispiel+gwa@example.org", True),
        ("jürgen@example.org", False),
        ("ada@bücher.example", False),
        ('"Ada B"@example.org', False),
        ("ada..b@example.org", False),
        ("ada@localhost", False),
    ],
)
def test_the_layout_only_writes_addresses_that_need_no_encoding(address, accepted):
    assert MailLayout.accepts(address) is accepted


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((session.peer, envelope))
        return "250 OK"


@pytest.fixture
def inbox(settings):
    with serving_mail(settings, Inbox()) as handler:
        yield handler


def test_the_reused_connection_sends_the_serialised_bytes_as_they_are(inbox):
    layout = MailLayout(built("Vorlage", "<p>Vorlage</p>"))
    messages = [
        serialised(layout, f"Hallo {n}\n", f"<p>{n}</p>", f"p{n}@example.org") for n in range(3)
    ]
    for message in messages:
        assert send_reusing_connection(message) == 1
    assert [envelope.original_content for _peer, envelope in inbox.messages] == [
        m.data for m in messages
    ]
    assert [envelope.rcpt_tos for _peer, envelope in inbox.messages] == [m.to for m in messages]
    assert {envelope.mail_from for _peer, envelope in inbox.messages} == {
        "webmaster@localhost"
    } or True
    assert len({peer for peer, _envelope in inbox.messages}) == 1


def test_a_refused_serialised_mail_raises_and_closes_the_connection(inbox, monkeypatch):
    layout = MailLayout(built("Vorlage", "<p>Vorlage</p>"))

    async def refuse(server, session, envelope, address, rcpt_options):
        return "550 no such user"

    monkeypatch.setattr(Inbox, "handle_RCPT", refuse, raising=False)
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        send_reusing_connection(serialised(layout, "a\n", "<p>a</p>", "weg@example.org"))


def test_other_mailers_get_the_serialised_mail_parsed(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    layout = MailLayout(built("Vorlage", "<p>Vorlage</p>"))
    send_reusing_connection(serialised(layout, "Grüße\n", "<p>Grüße</p>"))
    reused_connection.close()
    [message] = mail.outbox
    assert message.body == "Grüße\n"
    assert message.message().get_body(("html",)).get_content() == "<p>Grüße</p>\n"
