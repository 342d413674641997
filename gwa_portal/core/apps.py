from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gwa_portal.core"
    label = "core"
    verbose_name = _("Portal und Zugänge")

    def ready(self):
        # Django reads this attribute whenever it builds a select; its deprecation note for
        # USE_BLANK_CHOICE_DASH says to override it in ready(). Form classes defined before
        # this runs (none today) would keep Django's English label.
        from django.db.models import fields

        from .forms import BLANK_CHOICE_LABEL

        fields.BLANK_CHOICE_LABEL = BLANK_CHOICE_LABEL

        # Django's own login hook (no other way in): the idle timeout's clock starts at login.
        from django.contrib.auth.signals import user_logged_in

        from .middleware import stamp_login

        user_logged_in.connect(stamp_login, dispatch_uid="gwa_core_idle_stamp")
