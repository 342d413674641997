"""`{% audit_history_url obj as url %}`: the Fachstelle's link to one object's audit history."""

from django import template

from .. import rules
from ..audit import history_url

register = template.Library()


@register.simple_tag(takes_context=True)
def audit_history_url(context, obj):
    """The history URL for the Fachstelle, else "". Queries nothing: the log is read there."""
    user = context.get("user")
    if obj is None or user is None or not rules.is_fachstelle(user):
        return ""
    return history_url(obj)
