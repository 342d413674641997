"""Template helpers for KERN UX form markup that keeps labels, hints and errors linked."""

from django import forms, template
from django.urls import reverse

from gwa_portal.core.forms import SEARCH_BUTTON, SearchInput

register = template.Library()

CHOICE_WIDGETS = (forms.CheckboxSelectMultiple, forms.RadioSelect)

# The KERN class of each widget kind; its error variant is the same class with "--error".
KERN_CLASSES = {
    "checkbox": "kern-form-check__checkbox",
    "select": "kern-form-input__select",
    "textarea": "kern-form-input__input",
    "input": "kern-form-input__input",
    "search": "kern-form-input__input",
    "choices": "",
}


def widget_kind(field):
    widget = field.field.widget
    if isinstance(widget, CHOICE_WIDGETS):
        return "choices"
    if isinstance(widget, SearchInput):
        return "search"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


@register.simple_tag
def search_button_name():
    return SEARCH_BUTTON


@register.filter
def kind(field):
    return widget_kind(field)


@register.simple_tag
def kern_widget(field):
    """Render the widget with KERN classes and aria-describedby pointing at hint and error."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_hint")
    if field.errors:
        described.append(f"{field.auto_id}_error")
    kind_ = widget_kind(field)
    error = bool(field.errors)
    base_class = KERN_CLASSES[kind_]
    attrs = {}
    if base_class:
        attrs["class"] = f"{base_class} {base_class}--error" if error else base_class
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if error:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.inclusion_tag("includes/_breadcrumbs.html")
def breadcrumbs(*trail, current):
    """The breadcrumbs include from alternating links and labels, top down, then `current`.

    A link is a URL name without arguments (`"netzwerk:index"`) or a path; an empty link
    drops its pair, so a template can leave a level out (`{% if … %}`-free).
    """
    pairs = [
        (link if "/" in link else reverse(link), label)
        for link, label in zip(trail[::2], trail[1::2], strict=True)
        if link
    ]
    return {"breadcrumbs": pairs, "current": current}
