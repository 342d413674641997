"""Role-aware main navigation, built from the same rules the views apply."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import rules


def navigation(request):
    user = request.user
    # (label, url, further paths the entry stands for)
    items = [(_("Start"), reverse("start"), ())]
    items.append((_("Quartiere"), reverse("quartiere:index"), ()))
    # Active Angebote are public information, so everyone gets the list.
    items.append((_("Angebote"), reverse("netzwerk:angebot_list"), ()))
    if rules.is_internal(user):
        items.append((_("Aktivitäten"), reverse("quartiere:aktivitaet_list"), ()))
    if rules.is_network_member(user):
        items.append((_("Netzwerk"), reverse("netzwerk:index"), ()))
    # Internal users build and follow surveys; the public list stays linked in the footer.
    befragungen = "befragung:liste" if rules.is_internal(user) else "befragung:index"
    items.append((_("Befragungen"), reverse(befragungen), ()))
    if rules.is_internal(user):
        # One entry for the evaluation tools keeps the bar on one line; its hub page links
        # each tool the user may open. The audit trail lives under /portal/, not /cockpit/.
        items.append((_("Auswertung"), reverse("cockpit:index"), (reverse("core:audit_list"),)))
    if rules.can_manage_users(user):
        items.append((_("Zugänge"), reverse("core:user_list"), ()))
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
    return {"main_nav": nav}
