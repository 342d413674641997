"""A per-client limit on survey submissions, kept only in the cache.

The key is a keyed hash of the client's IP address and the survey: the address itself is
never stored, neither in the cache nor with the answers, and the entry expires with the window.
"""

import hashlib
import hmac

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 10 * 60


def _key(request, slug):
    # allauth's adapter knows the trusted proxy setup (ALLAUTH_TRUSTED_PROXY_COUNT / header),
    # the same one its login rate limits use.
    ip = get_adapter(request).get_client_ip(request) or ""
    secret = f"{settings.SECRET_KEY}:befragung-rate-limit".encode()
    digest = hmac.new(secret, f"{ip}|{slug}".encode(), hashlib.sha256).hexdigest()
    return f"befragung:submissions:{digest}"


def exceeded(request, slug, *, limit=None):
    """Whether this client sent BEFRAGUNG_RATE_LIMIT (default 10) questionnaires of this survey
    in the current window."""
    limit = settings.BEFRAGUNG_RATE_LIMIT if limit is None else limit
    return (cache.get(_key(request, slug)) or 0) >= limit


def count(request, slug):
    """Count one submission of this client for this survey in the current window."""
    key = _key(request, slug)
    if not cache.add(key, 1, timeout=WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=WINDOW_SECONDS)
