"""Settings of the benchmark's gunicorn only (`make bench`, scripts/bench.py): the portal's
settings plus a URLconf with the one-INSERT baseline view. Never used in production."""

from gwa_portal.settings import *  # noqa: F403

ROOT_URLCONF = "scripts.bench_urls"
