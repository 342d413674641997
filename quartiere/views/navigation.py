"""Breadcrumbs of the Quartiere pages: every trail starts at the overview of all Quartiere."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _


def crumbs(*pairs):
    """(url, label) pairs from /quartiere/ down to the page before this one."""
    return [(reverse("quartiere:index"), _("Quartiere")), *pairs]


def with_quartier(name, quartier=None):
    """The URL of a list or create page for `quartier` (by slug) when one is given."""
    url = reverse(f"quartiere:{name}")
    return f"{url}?{urlencode({'quartier': quartier.slug})}" if quartier else url


def planung_crumbs(list_name, list_label, *, quartier=None, obj=None):
    """Quartiere › [Quartier] › list › [Bedarf or Maßnahme]: the trail of a planning page."""
    pairs = []
    if quartier:
        pairs.append((quartier.get_absolute_url(), quartier.name))
    pairs.append((with_quartier(list_name, quartier), list_label))
    if obj is not None:
        pairs.append((obj.get_absolute_url(), obj.titel))
    return crumbs(*pairs)
