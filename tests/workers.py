"""What keeps pytest-xdist workers apart (`make test` runs two): each worker's Redis databases.

pytest-django gives every worker (PYTEST_XDIST_WORKER=gw0, gw1, …) its own test database, and
ports, temporary directories and the private redis-servers of the fault tests are picked per
test. The Redis databases come from REDIS_URL and CELERY_BROKER_URL: two workers on the same ones
would empty each other's cache (every test clears it) and take each other's Celery tasks. So,
before the portal's settings read the environment (tests/settings.py), worker N moves each Redis
URL N strides up, a stride being the span of the databases given: with REDIS_URL=…/11 and
CELERY_BROKER_URL=…/10, gw0 keeps 10 and 11 and gw1 gets 12 and 13. The environment is changed,
not only the settings, because Celery reads CELERY_BROKER_URL from it and the worker processes
that fault tests start inherit it.
"""

import os
import re

REDIS_URL_VARIABLES = ("REDIS_URL", "CELERY_BROKER_URL")
# Marks an environment that is already moved (a process that a test starts inherits it).
MOVED_MARKER = "GWA_TEST_REDIS_WORKER"
REDIS_DB = re.compile(r"^(rediss?://[^/]*)/(\d+)(.*)$")


def worker_index(environ=os.environ):
    """0 for gw0 (and without xdist), 1 for gw1, …"""
    return int(environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)


def redis_database(url):
    """(URL before the database number, the number, the rest); None for other schemes."""
    if not url.startswith(("redis://", "rediss://")):
        return None
    if (match := REDIS_DB.match(url)) is None:
        return url.rstrip("/"), 0, ""  # no number: database 0
    return match.group(1), int(match.group(2)), match.group(3)


def redis_stride(urls):
    """How many consecutive databases one worker uses (1 when none is given)."""
    numbers = [parts[1] for url in urls if (parts := redis_database(url))]
    return max(numbers) - min(numbers) + 1 if numbers else 1


def moved_redis_url(url, index=None, stride=1):
    """`url` with its database number moved `index` strides up."""
    index = worker_index() if index is None else index
    if (parts := redis_database(url)) is None or index == 0:
        return url
    base, number, rest = parts
    return f"{base}/{number + index * stride}{rest}"


def move_redis_databases(environ=os.environ):
    """Give this xdist worker its own Redis databases (once: started processes inherit them)."""
    worker = environ.get("PYTEST_XDIST_WORKER")
    if worker is None or environ.get(MOVED_MARKER) == worker:
        return
    urls = [environ[name] for name in REDIS_URL_VARIABLES if environ.get(name)]
    index, stride = worker_index(environ), redis_stride(urls)
    for name in REDIS_URL_VARIABLES:
        if environ.get(name):
            environ[name] = moved_redis_url(environ[name], index, stride)
    environ[MOVED_MARKER] = worker


def fallback_broker_url():
    """The broker of the integration and fault tests when CELERY_BROKER_URL is not set."""
    return moved_redis_url("redis://127.0.0.1:6379/13")
