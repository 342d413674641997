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


def _increment(cache, key):
    if cache.add(key, 1, timeout=WINDOW_SECONDS):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr: this hit opens a new window
        cache.add(key, 1, timeout=WINDOW_SECONDS)
        return 1


def _count(cache, key, limit):
    """Count one hit; False (and the hit taken back) when it is over the limit."""
    if _increment(cache, key) <= limit:
        return True
    with contextlib.suppress(ValueError):  # the window ended meanwhile
        cache.decr(key)
    return False


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
    return not _count(cache, _key(request, slug, bucket), limit)


# `hit` and then `cache.add(claim)` in one round trip: KEYS = the counter, the claim; ARGV =
# window, limit, the claim's timeout. Returns -1 (over the limit: the hit taken back, nothing
# claimed), 0 (claimed already) or 1 (claimed now).
HIT_AND_CLAIM = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
if n > tonumber(ARGV[2]) then
    redis.call('DECR', KEYS[1])
    return -1
end
if redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[3]) then return 1 end
return 0
"""

OVER_LIMIT, SENT_ALREADY, CLAIMED = -1, 0, 1


def hit_and_claim(request, slug, *, claim_key, claim_timeout, limit=None):
    """`hit` for a complete questionnaire, and – when it is within the limit – the mark that
    it is being sent (`cache.add(claim_key)`): one round trip on Redis (a Lua script, atomic
    like the two steps), the same steps one after the other on any other cache.

    Returns OVER_LIMIT, SENT_ALREADY or CLAIMED."""
    limit = settings.BEFRAGUNG_RATE_LIMIT if limit is None else limit
    key = _key(request, slug, "submissions")

    def steps(cache):
        if not _count(cache, key, limit):
            return OVER_LIMIT
        return CLAIMED if cache.add(claim_key, 1, timeout=claim_timeout) else SENT_ALREADY

    run_script = getattr(cache, "run_script", None)
    if run_script is None:
        return steps(cache)
    args = [WINDOW_SECONDS, limit, claim_timeout]
    return int(run_script(HIT_AND_CLAIM, [key, claim_key], args, steps))
