"""Role-aware main navigation, built from the same rules the views apply."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import rules


def navigation(request):
    user = request.user
    items = [(_("Start"), reverse("start"))]
    items.append((_("Quartiere"), reverse("quartiere:index")))
    # Active Angebote are public information, so everyone gets the list.
    items.append((_("Angebote"), reverse("netzwerk:angebot_list")))
    if rules.is_internal(user):
        items.append((_("Aktivitäten"), reverse("quartiere:aktivitaet_list")))
        items.append((_("Lückenanalyse"), reverse("cockpit:luecken")))
        items.append((_("Sachstandsbericht"), reverse("cockpit:bericht")))
    if rules.is_network_member(user):
        items.append((_("Netzwerk"), reverse("netzwerk:index")))
    # Internal users build and follow surveys; the public list stays linked in the footer.
    befragungen = "befragung:liste" if rules.is_internal(user) else "befragung:index"
    items.append((_("Befragungen"), reverse(befragungen)))
    if rules.can_manage_users(user):
        items.append((_("Zugänge"), reverse("core:user_list")))
    current = request.path
    # The longest matching prefix wins: /quartiere/aktivitaeten/ is "Aktivitäten", not "Quartiere".
    matches = [
        url for _label, url in items if url == current or (url != "/" and current.startswith(url))
    ]
    active = max(matches, key=len, default=None)
    nav = [{"label": label, "url": url, "active": url == active} for label, url in items]
    return {"main_nav": nav}
