"""allauth adapter: there is no public sign-up; the Fachstelle creates all accounts."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        """The client's address by the trusted-proxy setting (TRUSTED_PROXY_COUNT or
        TRUSTED_CLIENT_IP_HEADER), used by allauth's limits and the survey's.

        A request that did not pass through the configured proxies (fewer X-Forwarded-For
        entries than proxies, or no client-IP header) came straight to the portal: its peer
        address is then the client, where allauth would answer with a 500 or a 403.
        """
        try:
            return super().get_client_ip(request)
        except (ImproperlyConfigured, PermissionDenied):
            logger.warning("Request without the trusted proxy's client address; using the peer.")
            return request.META.get("REMOTE_ADDR", "")
