"""An aiosmtpd server on a free loopback port, and the MAILERS setting that sends to it: the
pieces the mail tests share (the handler, which decides what the server does, is each test's
own)."""

import contextlib

from aiosmtpd.controller import Controller

from gwa_portal.core.mail import reused_connection

from .conftest import free_port


def mailers(port, timeout=10):
    """`settings.MAILERS` for Django's SMTP backend to 127.0.0.1:`port`."""
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": timeout},
        }
    }


@contextlib.contextmanager
def running_smtp(handler):
    """Run `handler` as an SMTP server on a free port; yields the port."""
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


@contextlib.contextmanager
def serving_mail(settings, handler, timeout=5):
    """`handler` as the SMTP server that the portal's mailers send to; afterwards the worker's
    reused connection (core.mail) is closed, so the next test opens its own."""
    with running_smtp(handler) as port:
        settings.MAILERS = mailers(port, timeout=timeout)
        try:
            yield handler
        finally:
            reused_connection.close()
