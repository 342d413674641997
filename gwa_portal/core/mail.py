"""Sending portal mails: German text and HTML rendered from templates, through Django's mailers."""

import logging
import os
import threading
import time

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.template.loader import render_to_string
from django.utils import translation

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
