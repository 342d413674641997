"""The Celery app: `celery -A gwa_portal worker` and `celery -A gwa_portal beat`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gwa_portal.settings")

app = Celery("gwa_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
