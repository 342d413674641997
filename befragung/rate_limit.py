"""A per-client limit on survey submissions, kept only in the cache.

The key is a keyed hash of the client's IP address and the survey: the address itself is
never stored, neither in the cache nor with the answers, and the entry expires with the window.
The client's address comes from allauth's adapter, so the one trusted-proxy setting
(TRUSTED_PROXY_COUNT / TRUSTED_CLIENT_IP_HEADER in the environment) serves both limits.
"""

import contextlib
import hashlib
import hmac

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 10 * 60


def _key(request, slug, bucket):
    ip = get_adapter(request).get_client_ip(request) or ""
    secret = f"{settings.SECRET_KEY}:befragung-rate-limit".encode()
    digest = hmac.new(secret, f"{ip}|{slug}".encode(), hashlib.sha256).hexdigest()
    return f"befragung:{bucket}:{digest}"


def _increment(key):
    if cache.add(key, 1, timeout=WINDOW_SECONDS):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr: this hit opens a new window
        cache.add(key, 1, timeout=WINDOW_SECONDS)
        return 1


def hit(request, slug, *, bucket="submissions", limit=None):
    """Count one submission of this client for this survey, then say whether it is over the
    limit (BEFRAGUNG_RATE_LIMIT per window, default 10). Honeypot hits use the bucket
    "honeypot": a bot on a shared address (a city network behind one proxy) must not use up the
    citizens' allowance, yet sees the same limit.

    Counting first and deciding on the count the cache returned is atomic: of any number of
    concurrent requests at most `limit` pass. A refused hit is taken back, so it does not use
    up the next window's allowance of a client who waits.
    """
    limit = settings.BEFRAGUNG_RATE_LIMIT if limit is None else limit
    key = _key(request, slug, bucket)
    if _increment(key) <= limit:
        return False
    with contextlib.suppress(ValueError):  # the window ended meanwhile
        cache.decr(key)
    return True
