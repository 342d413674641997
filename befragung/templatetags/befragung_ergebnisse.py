"""Template helpers of the results page: one cell of a results table.

A tag rather than an include: a cross-tab has some 500 cells, and an include per cell was a
large part of the page's rendering time."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def zelle(zelle, anteil=False):
    """A count, with its percentage where `anteil`; a suppressed cell says so instead."""
    if zelle.unterdrueckt:
        return format_html('<span class="portal-suppressed">{}</span>', _("nicht ausgewiesen"))
    if anteil and zelle.prozent is not None:
        return format_html("{} ({}&nbsp;%)", localize(zelle.n), floatformat(zelle.prozent, 1))
    return format_html("{}", localize(zelle.n))
