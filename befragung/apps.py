from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BefragungConfig(AppConfig):
    name = "befragung"
    verbose_name = _("Befragungen")
