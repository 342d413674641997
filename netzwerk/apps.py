from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetzwerkConfig(AppConfig):
    name = "netzwerk"
    verbose_name = _("Netzwerk")

    def ready(self):
        # Celery autodiscovers only tasks.py; importing registers the other module's tasks.
        from . import mail_jobs  # noqa: F401
