"""Settings of the test suite (pytest-django's DJANGO_SETTINGS_MODULE): the portal's settings,
read after each pytest-xdist worker has moved to Redis databases of its own (tests/workers.py)."""

from tests.workers import move_redis_databases

move_redis_databases()

from gwa_portal.settings import *  # noqa: E402, F403
