"""Gunicorn settings shared by the image, compose and the production smoke test.

The access log names neither the client address nor the query string, and the secret part of
a link (RSVP token, calendar-feed token, password-reset key) reads "[token]": an access code
or a token must never reach a log line, and an IP address must not sit next to a request time
(docs/architecture.md §2, the survey threat model). Time, method, path, status, size and
duration are enough to run the service.
"""

from gunicorn.glogging import Logger

from gwa_portal.core.redaction import redact_path


class RedactingLogger(Logger):
    """Gunicorn's logger, but the path atoms never carry a token and the request line never
    carries the query string."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = redact_path(environ.get("PATH_INFO"))
        atoms["U"] = path
        atoms["r"] = f"{environ.get('REQUEST_METHOD')} {path} {environ.get('SERVER_PROTOCOL')}"
        atoms["q"] = "-"
        atoms["h"] = "-"
        atoms["f"] = "-"
        return atoms


accesslog = "-"
errorlog = "-"
logger_class = RedactingLogger
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'
