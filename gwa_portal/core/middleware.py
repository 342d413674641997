"""Sends users whose role requires two-factor login to the TOTP setup until they have one."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .rules import needs_mfa_setup

# Paths a user without TOTP may still reach: setting it up, logging out, assets, health.
ALLOWED_PREFIXES = (
    "/accounts/",
    "/static/",
    "/healthz/",
    "/barrierefreiheit/",
    "/leichte-sprache/",
)


class RequireMfaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and needs_mfa_setup(user, debug=settings.DEBUG)
        ):
            messages.warning(
                request,
                _(
                    "Für Ihre Rolle ist die Anmeldung mit zweitem Faktor Pflicht. "
                    "Bitte richten Sie jetzt eine Authenticator-App ein."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
