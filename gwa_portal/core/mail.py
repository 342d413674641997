"""Sending portal mails: German text and HTML rendered from templates, through Django's mailers.

A fan-out (one mail to many people that differ only in a few values) can serialise its mails
with a `MailLayout` taken from one mail built the usual way, and hand the bytes straight to the
reused SMTP connection (`SerialisedMail`).
"""

import base64
import email
import email.contentmanager
import email.policy
import email.utils
import logging
import os
import random
import re
import sys
import threading
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.utils import DNS_NAME
from django.template.loader import render_to_string
from django.utils import timezone, translation

log = logging.getLogger(__name__)


def absolute_url(path):
    """Links in mails sent from Celery have no request; GWA_BASE_URL supplies the origin."""
    return settings.GWA_BASE_URL.rstrip("/") + path


def build_mail(
    *, to, template, context, headers=None, mail_class=EmailMultiAlternatives, **mail_kwargs
):
    """Render `<template>_subject.txt`, `_message.txt` and `_message.html` into one message.

    `mail_class` and `mail_kwargs` build a richer message (an invitation with its calendar)."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        subject = " ".join(subject.splitlines())
        text = render_to_string(f"{template}_message.txt", context)
        html = render_to_string(f"{template}_message.html", context)
    message = mail_class(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
        **mail_kwargs,
    )
    message.attach_alternative(html, "text/html")
    return message


class ReusedConnection:
    """The default mailer's connection, kept open across the mails one worker process (thread)
    sends, so that a fan-out pays the SMTP handshake once and not per mail.

    It is dropped after any failure (the next mail opens a new one), after `max_messages`
    mails (servers limit mails per session), when it was idle longer than `max_idle` seconds
    (servers close idle sessions), and when MAILERS changed or the process forked."""

    max_messages = 200
    max_idle = 10.0

    def __init__(self):
        self._state = threading.local()

    def send(self, message):
        """Send `message` over the open connection, opening one if needed. Returns 1 when the
        mailer took it. Whatever `send` raises, the connection is closed first."""
        state = self._state
        try:
            backend = self._open(state)
            if isinstance(message, SerialisedMail) and isinstance(backend, SMTPBackend):
                # The bytes as they are: Django's backend would build and serialise the
                # message again (message() and as_bytes()).
                backend.connection.sendmail(
                    _envelope_address(backend, message.from_email),
                    message.envelope_to,
                    message.data,
                )
                sent = 1
            else:
                sent = backend.send_messages([message])
        except BaseException:
            self.close()
            raise
        state.sent += 1
        state.last_used = time.monotonic()
        if state.sent >= self.max_messages:
            self.close()
        return sent

    def close(self):
        """Close the connection (QUIT, or just drop it when that fails)."""
        backend = getattr(self._state, "backend", None)
        self._state.backend = None
        if backend is None:
            return
        if getattr(self._state, "pid", None) != os.getpid():
            return  # the parent's socket, copied by fork: never QUIT the parent's session
        try:
            backend.close()
        except Exception:  # a dead connection: nothing to close politely
            log.debug("closing the mail connection failed", exc_info=True)

    def _open(self, state):
        config = settings.MAILERS.get("default")
        backend = getattr(state, "backend", None)
        if backend is not None and (
            state.pid != os.getpid()
            or state.config != config
            or time.monotonic() - state.last_used > self.max_idle
        ):
            self.close()
            backend = None
        if backend is None:
            backend = mailers["default"]
            backend.open()  # then send_messages neither opens nor closes it
            state.backend, state.config, state.pid = backend, config, os.getpid()
            state.sent, state.last_used = 0, time.monotonic()
        return backend


# One per process; the outbox tasks send through it.
reused_connection = ReusedConnection()


def send_reusing_connection(message):
    """Send `message` over this process's reused connection (see ReusedConnection)."""
    return reused_connection.send(message)


_envelope_addresses = {}


def _envelope_address(backend, address):
    """The addr-spec of a From address (Django's `prep_address`, which parses the header)."""
    if address not in _envelope_addresses:
        _envelope_addresses[address] = backend.prep_address(address)
    return _envelope_addresses[address]


class SerialisedMail(EmailMultiAlternatives):
    """A mail already serialised for SMTP (`data`: bytes with CRLF line ends) by a MailLayout.
    Subject, body and alternatives are kept for reading. The reused SMTP connection sends
    `data` as it is; other mailers (console, locmem) get `message()`, parsed from `data`."""

    def __init__(self, data, *, envelope_to, **kwargs):
        super().__init__(**kwargs)
        self.data = data
        self.envelope_to = envelope_to

    def message(self, *, policy=email.policy.default):
        # Parsed with the line ends of a message built in Python (as Django's would be).
        return email.message_from_bytes(self.data.replace(b"\r\n", b"\n"), policy=policy)


# An address whose To header and envelope address are the address itself (Django's
# `prep_address` and the header would change nothing): dot-atom@ASCII domain.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_SIMPLE_ADDRESS = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_MAX_LINE = email.policy.SMTP.max_line_length
_CTE = b"Content-Transfer-Encoding: "


class MailLayout:
    """The bytes of a multipart/alternative mail around its parts, taken from one mail built the
    usual way (`prototype`): for many mails that differ from it only in the recipient and in
    the content of the parts. `serialise` puts a mail together as Django's SMTP backend would
    (email's generator with the SMTP policy): the prototype's headers, a new Date, Message-ID
    and boundary, the To header, and each part encoded with email's own choice of transfer
    encoding (text: 7bit, 8bit, quoted-printable or base64 by content; bytes: base64)."""

    def __init__(self, prototype):
        msg = prototype.message(policy=email.policy.SMTP)
        parts = list(msg.iter_parts())
        if msg.get_content_type() != "multipart/alternative" or any(
            part.is_multipart() for part in parts
        ):
            raise ValueError("MailLayout takes a multipart/alternative mail of single parts.")
        raw = msg.as_bytes()
        boundary = msg.get_boundary().encode()
        head, body = raw.split(b"\r\n\r\n", 1)
        self.head = []  # header lines as bytes, or the name of a header set per mail
        for line in re.split(rb"\r\n(?=[^ \t])", head):
            name = line.split(b":", 1)[0].decode().lower()
            if name in ("to", "date", "message-id"):
                self.head.append(name)
            else:
                self.head.append(line.split(boundary) if boundary in line else line)
        pieces = body.split(b"--" + boundary)
        if pieces[0] or pieces[-1] != b"--\r\n" or len(pieces) != len(parts) + 2:
            raise ValueError("Unexpected multipart layout.")
        # Each part's headers around the value of its Content-Transfer-Encoding.
        self.parts = []
        for piece in pieces[1:-1]:
            headers = piece[2:].split(b"\r\n\r\n", 1)[0] + b"\r\n"
            before, after = headers.split(_CTE, 1)
            self.parts.append((before + _CTE, after.split(b"\r\n", 1)[1]))

    @staticmethod
    def accepts(address):
        """Whether `serialise` can address a mail to `address` (else build the mail the usual
        way, which encodes what needs encoding)."""
        return len(address) <= 64 and _SIMPLE_ADDRESS.fullmatch(address) is not None

    def serialise(self, *, to, parts):
        """The mail's bytes for recipient `to` (see `accepts`), with `parts` (str for a text
        part, bytes for a base64 one) in the prototype's order."""
        encoded = [_encode_part(content) for content in parts]
        boundary = _new_boundary(encoded)
        per_mail = {
            "to": b"To: " + to.encode(),
            "date": b"Date: " + _date().encode(),
            "message-id": b"Message-ID: " + email.utils.make_msgid(domain=DNS_NAME).encode(),
        }
        out = []
        for line in self.head:
            if isinstance(line, str):
                line = per_mail[line]
            elif isinstance(line, list):
                line = boundary.join(line)
            out += [line, b"\r\n"]
        out.append(b"\r\n")
        for (before, after), (cte, payload) in zip(self.parts, encoded, strict=True):
            out += [b"--", boundary, b"\r\n", before, cte, b"\r\n", after, b"\r\n", payload]
            out.append(b"\r\n")
        out += [b"--", boundary, b"--\r\n"]
        return b"".join(out)


def _encode_part(content):
    if isinstance(content, bytes):
        return b"base64", base64.encodebytes(content).replace(b"\n", b"\r\n")
    # The email package's own choice of transfer encoding for a text part (what set_content
    # and so Django use); private, so the tests compare whole mails with Django's.
    cte, data = email.contentmanager._encode_text(content, "utf-8", None, email.policy.SMTP)
    payload = data.encode("ascii", "surrogateescape").replace(b"\n", b"\r\n")
    return cte.encode(), payload


def _new_boundary(encoded):
    """A boundary like email's generator makes, that no part contains."""
    while True:
        boundary = b"=" * 15 + b"%019d" % random.randrange(sys.maxsize) + b"=="  # noqa: S311
        if not any(boundary in payload for _cte, payload in encoded):
            return boundary


def _date():
    """The Date header's value as Django's EmailMessage sets it."""
    zone = timezone.get_current_timezone() if settings.EMAIL_USE_LOCALTIME else UTC
    return email.utils.format_datetime(datetime.now(zone))
