"""Shared fixtures: users per role, logged-in clients, the CI rule that nothing is skipped, the
test clock (GWA_TEST_CLOCK) and the check that pytest-xdist workers stay apart (tests/workers.py)."""

import datetime
import os
import socket
import zoneinfo

import pytest
import redis
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache

from gwa_portal.celery import app as celery_app
from gwa_portal.core.models import Role

from .factories import UserFactory
from .workers import MOVED_MARKER, REDIS_URL_VARIABLES

ROLES = [Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER]
IN_CI = os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason):
    """Locally a missing chromium or Redis skips with a reason; in CI it fails the test."""
    if IN_CI:
        pytest.fail(f"CI must not skip: {reason}")
    pytest.skip(reason)


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def needs_postgresql(db):
    """Row locks, xmin/ctid and concurrent sessions exist on PostgreSQL only (CI runs it)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL: set DATABASE_URL=postgres://…")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # The safety net of skip_or_fail: in CI no test may skip, whatever skipped it (a skipif
    # marker, pytest.skip, importorskip). xfail stays as it is.
    report = yield
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"CI must not skip: {reason}"
    return report


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, request):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    if request.node.get_closest_marker("integration") is None:
        # Non-integration tests run tasks in-process, even when a broker is configured.
        celery_app.conf.task_always_eager = True
        settings.CELERY_TASK_ALWAYS_EAGER = True


def activate_totp(user):
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.fixture
def make_user(db):
    def make(role=Role.KOORDINATION, *, with_totp=True, **kwargs):
        user = UserFactory(role=role, **kwargs)
        if role == Role.FACHSTELLE and with_totp:
            user.totp_secret = activate_totp(user)
        return user

    return make


@pytest.fixture
def fachstelle(make_user):
    return make_user(Role.FACHSTELLE, name="Alice Fachstelle", email="alice@example.org")


@pytest.fixture
def koordination(make_user):
    return make_user(Role.KOORDINATION, name="Bob Koordination", email="bob@example.org")


@pytest.fixture
def verwaltung(make_user):
    return make_user(Role.VERWALTUNG, name="Charlie Verwaltung", email="charlie@example.org")


@pytest.fixture
def partner(make_user):
    return make_user(Role.PARTNER, name="Dana Partner", email="dana@example.org")


@pytest.fixture
def users(fachstelle, koordination, verwaltung, partner):
    return {
        Role.FACHSTELLE: fachstelle,
        Role.KOORDINATION: koordination,
        Role.VERWALTUNG: verwaltung,
        Role.PARTNER: partner,
    }


@pytest.fixture
def client_as(client, users):
    """`client_as("fachstelle")` returns the test client logged in with that role (None: anonymous)."""

    def login(role):
        client.logout()
        if role is not None:
            client.force_login(users[role])
        return client

    return login


def pytest_collection_modifyitems(config, items):
    # Browser tests run last: their live server keeps SQLite's shared in-memory database busy,
    # which starves the Celery worker thread of the integration tests.
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


def clock_instant():
    """The instant of GWA_TEST_CLOCK (ISO 8601, Berlin time when it has no offset), or None."""
    value = os.environ.get("GWA_TEST_CLOCK", "").strip()
    if not value:
        return None
    instant = datetime.datetime.fromisoformat(value)
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=zoneinfo.ZoneInfo("Europe/Berlin"))
    return instant


def pytest_configure(config):
    from django.conf import settings

    # whitenoise warns on every request when STATIC_ROOT is missing (fresh clones).
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    check_redis_databases()

    # `make test-clock`: the whole session runs with the clock moved to that instant (and ticking
    # on from there), so dates that depend on "now" are tested at year ends and on 29 February.
    if (instant := clock_instant()) is not None:
        import time_machine

        config.gwa_clock = time_machine.travel(instant, tick=True)
        config.gwa_clock.start()


def check_redis_databases():
    """Each xdist worker is on Redis databases of its own (tests/settings.py moved them), and they
    exist: the cache would otherwise fall back to local memory without a word."""
    urls = {name: os.environ[name] for name in REDIS_URL_VARIABLES if os.environ.get(name)}
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and urls and os.environ.get(MOVED_MARKER) != worker:
        raise pytest.UsageError(
            "pytest-xdist workers would share Redis databases: run with the test settings "
            "(DJANGO_SETTINGS_MODULE=tests.settings, as pyproject.toml sets it)"
        )
    for name, url in urls.items():
        try:
            redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
        except redis.ResponseError as error:  # "DB index is out of range"
            raise pytest.UsageError(
                f"{name}={url}: {error}; give lower database numbers, fewer workers "
                "(PYTEST_WORKERS) or a redis-server with more databases (--databases)"
            ) from error
        except redis.RedisError:
            pass  # unreachable: the tests that need it skip, and fail in CI, with the reason


def pytest_unconfigure(config):
    if (traveller := getattr(config, "gwa_clock", None)) is not None:
        traveller.stop()


def pytest_report_header(config):
    if (instant := clock_instant()) is not None:
        return f"test clock: {instant.isoformat()} (GWA_TEST_CLOCK, ticking)"
    return None
