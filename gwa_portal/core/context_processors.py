"""Role-aware main navigation, built from the same rules the views apply."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import rules


def navigation(request):
    user = request.user
    items = [(_("Start"), reverse("start"))]
    items.append((_("Quartiere"), reverse("quartiere:index")))
    if rules.is_network_member(user):
        items.append((_("Netzwerk"), reverse("netzwerk:index")))
    items.append((_("Befragungen"), reverse("befragung:index")))
    if rules.can_manage_users(user):
        items.append((_("Zugänge"), reverse("core:user_list")))
    current = request.path
    nav = [
        {
            "label": label,
            "url": url,
            "active": url == current or (url != "/" and current.startswith(url)),
        }
        for label, url in items
    ]
    return {"main_nav": nav}
