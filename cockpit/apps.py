from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CockpitConfig(AppConfig):
    name = "cockpit"
    label = "cockpit"
    verbose_name = _("Cockpit")

    def ready(self):
        from .audit import register_models

        register_models()
