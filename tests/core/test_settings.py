"""Production settings are safe: `check --deploy` is clean and unsafe starts are refused."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from gwa_portal.settings import mailers_from_url

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "p" * 20 + "-production-secret-for-the-deploy-check-only-1234567890",
    "DJANGO_ALLOWED_HOSTS": "gwa.langenhagen.example",
}


def manage(*args, env):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_has_zero_issues_in_production():
    result = manage("check", "--deploy", "--fail-level", "DEBUG", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_seed_demo_refuses_in_production_without_force():
    result = manage("seed_demo", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "--force" in result.stderr


def test_csp_header_forbids_inline_scripts_and_styles(client, db):
    policy = client.get("/barrierefreiheit/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["frame-ancestors"] == "'none'"


@pytest.mark.parametrize(
    ("url", "backend", "options"),
    [
        ("console://", "django.core.mail.backends.console.EmailBackend", {}),
        (
            "smtp://user%40x:geheim@mail.example:587?tls=1",
            "django.core.mail.backends.smtp.EmailBackend",
            {
                "host": "mail.example",
                "port": 587,
                "username": "user@x",
                "password": "geheim",
                "use_tls": True,
            },
        ),
        (
            "smtps://mail.example",
            "django.core.mail.backends.smtp.EmailBackend",
            {"port": 465, "use_ssl": True},
        ),
    ],
)
def test_email_url_builds_mailers(url, backend, options):
    default = mailers_from_url(url)["default"]
    assert default["BACKEND"] == backend
    for key, value in options.items():
        assert default["OPTIONS"][key] == value


def test_unknown_email_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured):
        mailers_from_url("ftp://mail.example")


def test_one_trusted_proxy_setting_from_the_environment_reaches_allauth():
    code = (
        "from django.conf import settings; "
        "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT, settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER)"
    )
    result = manage("shell", "--no-imports", "-c", code, env={"TRUSTED_PROXY_COUNT": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "None"]
    result = manage(
        "shell", "--no-imports", "-c", code, env={"TRUSTED_CLIENT_IP_HEADER": "X-Real-IP"}
    )
    assert result.stdout.split() == ["0", "X-Real-IP"]
