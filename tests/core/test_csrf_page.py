"""The CSRF failure page is the portal's own page: German, helpful, and within the CSP."""

import re

from django.test import Client


def test_csrf_failure_page_is_german_and_needs_no_inline_style(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/", {"x": "1"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Das Formular konnte nicht gesendet werden" in html
    assert "laden Sie die Seite neu" in html
    # The CSP allows no inline style: neither attributes nor <style> blocks without a nonce.
    assert "style=" not in html
    assert not re.search(r"<style(?![^>]*\bnonce=)", html)
    policy = response["Content-Security-Policy"]
    assert "style-src 'self'" in policy and "unsafe-inline" not in policy
    assert 'href="/static/css/portal.css"' in html  # the portal's own layout, not Django's
