"""Request guards for signed-in users: the TOTP duty of some roles, and the idle timeout."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
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


LAST_SEEN_KEY = "gwa_last_seen"
# The stamp is rewritten at most once a minute, so a busy user costs no session write per click.
LAST_SEEN_RESOLUTION = 60


def stamp_login(sender, request, user, **kwargs):
    """`user_logged_in` receiver: the idle clock starts at the login, so the first request
    after it costs no extra session write."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN_KEY] = int(timezone.now().timestamp())


class IdleTimeoutMiddleware:
    """Signs a user out after SESSION_IDLE_TIMEOUT seconds without a request (ASVS 7.3.1).

    The request then goes on as anonymous: a page that needs a login sends to it (with `next`),
    and the login page says why.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(timezone.now().timestamp())
            last_seen = request.session.get(LAST_SEEN_KEY)
            timeout = settings.SESSION_IDLE_TIMEOUT
            if last_seen is not None and now - last_seen > timeout:
                logout(request)
                messages.info(
                    request,
                    _(
                        "Sie wurden nach %(minuten)d Minuten ohne Aktivität abgemeldet. "
                        "Bitte melden Sie sich erneut an."
                    )
                    % {"minuten": max(1, timeout // 60)},
                )
            elif last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)
