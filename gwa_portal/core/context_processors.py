"""Role-aware main navigation, built from the same rules the views apply, and the header's and
footer's links.

The URLs depend only on the role's rights and the deployment (URLconf, script prefix), so each
combination is reversed once per process; a request only marks its current entry.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from . import rules

# base.html's fixed links: its name in the template, the URL name.
CHROME_URLS = {
    "start": "start",
    "password": "account_change_password",
    "logout": "account_logout",
    "login": "account_login",
    "barrierefreiheit": "barrierefreiheit",
    "leichte_sprache": "leichte_sprache",
    "quartiere": "quartiere:index",
    "befragungen": "befragung:index",
}


@lru_cache(maxsize=64)
def _nav_items(internal, network_member, manages_users, urlconf, script_prefix):
    """(label, url, further paths the entry stands for) of one combination of rights."""
    items = [(_("Start"), reverse("start"), ())]
    items.append((_("Quartiere"), reverse("quartiere:index"), ()))
    # Active Angebote are public information, so everyone gets the list.
    items.append((_("Angebote"), reverse("netzwerk:angebot_list"), ()))
    if internal:
        items.append((_("Aktivitäten"), reverse("quartiere:aktivitaet_list"), ()))
    if network_member:
        items.append((_("Netzwerk"), reverse("netzwerk:index"), ()))
    # Internal users build and follow surveys; the public list stays linked in the footer.
    befragungen = "befragung:liste" if internal else "befragung:index"
    items.append((_("Befragungen"), reverse(befragungen), ()))
    if internal:
        # One entry for the evaluation tools keeps the bar on one line; its hub page links
        # each tool the user may open. The audit trail lives under /portal/, not /cockpit/.
        items.append((_("Auswertung"), reverse("cockpit:index"), (reverse("core:audit_list"),)))
    if manages_users:
        items.append((_("Zugänge"), reverse("core:user_list"), ()))
    return tuple(items)


@lru_cache(maxsize=8)
def _chrome_urls(urlconf, script_prefix):
    return {name: reverse(url_name) for name, url_name in CHROME_URLS.items()}


def navigation(request):
    user = request.user
    deployment = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    items = _nav_items(
        rules.is_internal(user),
        rules.is_network_member(user),
        rules.can_manage_users(user),
        *deployment,
    )
    current = request.path
    # The longest matching prefix wins: /quartiere/aktivitaeten/ is "Aktivitäten", not "Quartiere".
    matches = [
        (len(prefix), url)
        for _label, url, extra in items
        for prefix in (url, *extra)
        if prefix == current or (prefix != "/" and current.startswith(prefix))
    ]
    active = max(matches, default=(0, None))[1]
    nav = [{"label": label, "url": url, "active": url == active} for label, url, _extra in items]
    return {"main_nav": nav, "chrome_urls": _chrome_urls(*deployment)}
