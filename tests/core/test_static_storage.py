"""The production static storage answers each `{% static %}` name from memory after the first."""

import json

from whitenoise.storage import CompressedManifestStaticFilesStorage

from gwa_portal.core.static_storage import StaticFilesStorage

from .test_settings import PRODUCTION_ENV, manage


def test_urls_come_from_the_manifest_once(tmp_path, settings, monkeypatch):
    settings.STATIC_URL = "/static/"
    manifest = {"version": "1.1", "hash": "x", "paths": {"css/portal.css": "css/portal.abc123.css"}}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")
    stock = CompressedManifestStaticFilesStorage(location=tmp_path, base_url="/static/")
    assert storage.url("css/portal.css") == stock.url("css/portal.css")
    assert storage.url("css/portal.css") == "/static/css/portal.abc123.css"

    def fail(*args, **kwargs):
        raise AssertionError("looked up again")

    monkeypatch.setattr(CompressedManifestStaticFilesStorage, "url", fail)
    assert storage.url("css/portal.css") == "/static/css/portal.abc123.css"


def test_production_uses_it():
    code = "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND'])"
    result = manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "gwa_portal.core.static_storage.StaticFilesStorage"
