"""Secrets that travel in a URL path (RSVP token, calendar-feed token, password-reset key) never
reach a log line: the web server's access log (gwa_portal/gunicorn_conf.py) and the portal's
own log records (`RedactTokens`, a logging filter) show "[token]" instead."""

import logging
import re

# Paths whose last segment is a secret: /einladung/<token>/, /kalender/<token>.ics (not the
# public /kalender/quartier/<slug>.ics), /accounts/password/reset/key/<key>/.
SECRET_SEGMENT = re.compile(
    r"(/einladung/|/kalender/(?!quartier/)|/accounts/password/reset/key/)[^/?\s\"]+?(\.ics)?"
    r"(?=[/?\s\"]|$)"
)


def redact_path(text):
    """`text` (a path, or a message holding paths) with each token segment replaced."""
    return SECRET_SEGMENT.sub(lambda m: f"{m.group(1)}[token]{m.group(2) or ''}", text or "")


class RedactTokens(logging.Filter):
    """Rewrites a record's message so that Django's "Not Found: /einladung/<token>/" and the
    runserver's request lines carry no token."""

    def filter(self, record):
        message = record.getMessage()
        redacted = redact_path(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
