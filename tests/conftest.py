"""Shared fixtures: users per role, logged-in clients, and the CI rule that nothing is skipped."""

import os

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache

from gwa_portal.celery import app as celery_app
from gwa_portal.core.models import Role

from .factories import UserFactory

ROLES = [Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER]
IN_CI = os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason):
    """Locally a missing chromium or Redis skips with a reason; in CI it fails the test."""
    if IN_CI:
        pytest.fail(f"CI must not skip: {reason}")
    pytest.skip(reason)


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


def pytest_configure(config):
    from django.conf import settings

    # whitenoise warns on every request when STATIC_ROOT is missing (fresh clones).
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
