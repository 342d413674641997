"""The reused SMTP connection of a worker process: one session for many mails, a new one after
a failure, after `max_messages` mails and after an idle pause."""

import smtplib

import pytest
from django.core.mail import EmailMessage

from gwa_portal.core.mail import reused_connection, send_reusing_connection

from ..smtp import mailers, serving_mail


class Server:
    """Keeps (connection, recipient) per mail; refuses the recipients in `refuse`."""

    def __init__(self):
        self.mails = []
        self.refuse = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.mails.append((session.peer, envelope.rcpt_tos[0]))
        return "250 Message accepted for delivery"

    def connections(self):
        return len({peer for peer, _to in self.mails})


@pytest.fixture
def server(settings):
    with serving_mail(settings, Server()) as handler:
        yield handler


def mail(to):
    return EmailMessage(subject="Hallo", body="Text", to=[to])


def test_mails_share_one_connection(server):
    for i in range(3):
        assert send_reusing_connection(mail(f"p{i}@example.org")) == 1
    assert [to for _peer, to in server.mails] == [f"p{i}@example.org" for i in range(3)]
    assert server.connections() == 1


def test_a_refused_mail_raises_and_the_next_mail_opens_a_new_connection(server):
    server.refuse.add("weg@example.org")
    send_reusing_connection(mail("a@example.org"))
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        send_reusing_connection(mail("weg@example.org"))
    send_reusing_connection(mail("b@example.org"))
    send_reusing_connection(mail("c@example.org"))
    assert [to for _peer, to in server.mails] == ["a@example.org", "b@example.org", "c@example.org"]
    first, second, third = (peer for peer, _to in server.mails)
    assert first != second == third


def test_an_unreachable_server_raises_and_a_later_mail_connects(server, settings):
    good = settings.MAILERS
    settings.MAILERS = mailers(1, timeout=2)
    with pytest.raises(OSError):
        send_reusing_connection(mail("a@example.org"))
    settings.MAILERS = good
    send_reusing_connection(mail("a@example.org"))
    assert len(server.mails) == 1


def test_the_connection_is_renewed_after_max_messages(server, monkeypatch):
    monkeypatch.setattr(reused_connection, "max_messages", 2)
    for i in range(5):
        send_reusing_connection(mail(f"p{i}@example.org"))
    assert server.connections() == 3


def test_an_idle_connection_is_not_reused(server, monkeypatch):
    monkeypatch.setattr(reused_connection, "max_idle", -1)
    for i in range(3):
        send_reusing_connection(mail(f"p{i}@example.org"))
    assert server.connections() == 3
