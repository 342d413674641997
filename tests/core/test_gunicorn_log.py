"""The shipped gunicorn access log holds no client address, query string or token."""

import datetime
import logging
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from gwa_portal import gunicorn_conf
from gwa_portal.core.redaction import RedactTokens, redact_path
from gwa_portal.gunicorn_conf import RedactingLogger


def test_token_segments_are_redacted_and_public_paths_kept():
    assert redact_path("/einladung/AbC-123_xyz/") == "/einladung/[token]/"
    assert redact_path("/kalender/s3cr3tT0ken.ics") == "/kalender/[token].ics"
    assert redact_path("/accounts/password/reset/key/1-abc-def/") == (
        "/accounts/password/reset/key/[token]/"
    )
    assert redact_path("/kalender/quartier/wiesenau.ics") == "/kalender/quartier/wiesenau.ics"
    assert redact_path("/befragung/umfrage/") == "/befragung/umfrage/"


def test_an_access_log_line_names_no_address_query_or_token():
    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", gunicorn_conf.access_log_format)
    logger = RedactingLogger(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/einladung/TOKEN4711/?code=ABCD-EFGH",
        "PATH_INFO": "/einladung/TOKEN4711/",
        "QUERY_STRING": "code=ABCD-EFGH",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_REFERER": "https://example.org/einladung/TOKEN4711/",
    }
    resp = SimpleNamespace(status="200 OK", sent=12, headers=[])
    req = SimpleNamespace(headers=[("X-FORWARDED-FOR", "198.51.100.4")])
    atoms = logger.atoms(resp, req, environ, datetime.timedelta(milliseconds=5))
    line = gunicorn_conf.access_log_format % atoms
    assert '"GET /einladung/[token]/ HTTP/1.1" 200 12' in line
    for secret in ("TOKEN4711", "ABCD-EFGH", "203.0.113.9", "198.51.100.4"):
        assert secret not in line
    assert gunicorn_conf.logger_class is RedactingLogger


@pytest.mark.django_db
def test_django_log_records_carry_no_token(client, caplog):
    caplog.set_level(logging.WARNING, logger="django.request")
    client.get("/einladung/TOKEN4711/")
    client.get("/kalender/FEEDTOKEN4711.ics")
    record = logging.makeLogRecord(
        {"msg": "Not Found: %s", "args": ("/einladung/TOKEN4711/",), "levelno": logging.WARNING}
    )
    assert RedactTokens().filter(record) and record.getMessage() == "Not Found: /einladung/[token]/"
    # What the console handler of LOGGING prints goes through the same filter.
    handler = logging.getHandlerByName("console")
    assert handler is not None and any(isinstance(f, RedactTokens) for f in handler.filters)
    for r in caplog.records:
        assert RedactTokens().filter(r) and "4711" not in r.getMessage()
