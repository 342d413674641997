"""The form renderer: Django's, with the widget templates of every filter and form drawn in Python.

Django renders a <select> through one template include per option and another per attribute
list: about 50 µs per option, 2 ms for the 42 options of a Quartier filter, so that the filter
forms cost a list page more than its rows (12–40 % of the CPU of the list pages). For the stock
templates of selects, inputs, radio and checkbox options and textareas this renderer writes the
same markup directly, byte for byte (tests/core/test_form_renderer.py compares it with Django's
templates). Any other template, a project or app override of one of these templates, and a
value a template would treat specially (a callable) take Django's path.

settings.FORM_RENDERER points here.
"""

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"
STOCK_DIR = Path(django.forms.__file__).parent / "templates"
# Widget templates that are only `{% include "django/forms/widgets/input.html" %}`.
INPUT_TEMPLATES = (
    "checkbox",
    "color",
    "date",
    "datetime",
    "email",
    "file",
    "hidden",
    "number",
    "password",
    "search",
    "tel",
    "text",
    "time",
    "url",
)
# Autoescaping on, localisation and time zones as the settings say: what a template sees.
_CONTEXT = Context(autoescape=True)


class _Fallback(Exception):
    """The value needs the template engine (e.g. a callable it would call)."""


def _text(value):
    """`{{ value }}`."""
    if type(value) is str:
        return escape(value)
    if callable(value):
        raise _Fallback
    return render_value_in_context(value, _CONTEXT)


def _formatted(value):
    """`{{ value|stringformat:'s' }}`."""
    if callable(value):
        raise _Fallback
    text = "%s" % (str(value) if isinstance(value, tuple) else value)
    # The filter keeps a safe value safe, like Django's (is_safe=True).
    return _text(mark_safe(text) if isinstance(value, SafeData) else text)  # noqa: S308


def _attrs(attrs):
    """django/forms/widgets/attrs.html."""
    if "items" in attrs:  # the template would read this key instead of the method
        raise _Fallback
    parts = []
    for name, value in attrs.items():
        if value is not False:
            parts.append(" " + _text(name))
            if value is not True:
                parts.append('="' + _formatted(value) + '"')
    return "".join(parts)


def _input(widget):
    """django/forms/widgets/input.html (with its final newline)."""
    value = ""
    if widget["value"] != None:  # noqa: E711 (the template's comparison)
        value = ' value="' + _formatted(widget["value"]) + '"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{value}{_attrs(widget['attrs'])}>\n"
    )


def _input_option(widget):
    """django/forms/widgets/input_option.html (radio and checkbox options)."""
    if not widget["wrap_label"]:
        return _input(widget)
    label_id = widget["attrs"].get("id")
    label_for = f' for="{_text(label_id)}"' if label_id else ""
    return f"<label{label_for}>{_input(widget)} {_text(widget['label'])}</label>"


def _option(option):
    """django/forms/widgets/select_option.html (with its final newline)."""
    if option["template_name"] != WIDGETS + "select_option.html":
        raise _Fallback
    return (
        f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_text(option['label'])}</option>\n"
    )


def _select(widget):
    """django/forms/widgets/select.html."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            parts.append("\n  " + _option(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _textarea(widget):
    """django/forms/widgets/textarea.html."""
    value = _text(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>\n'
    )


# Template → (drawing function, the templates its output stands for).
DRAWN = {
    **{f"{WIDGETS}{name}.html": (_input, ("input.html", "attrs.html")) for name in INPUT_TEMPLATES},
    WIDGETS + "radio_option.html": (
        _input_option,
        ("input_option.html", "input.html", "attrs.html"),
    ),
    WIDGETS + "checkbox_option.html": (
        _input_option,
        ("input_option.html", "input.html", "attrs.html"),
    ),
    WIDGETS + "select.html": (_select, ("select_option.html", "attrs.html")),
    WIDGETS + "textarea.html": (_textarea, ("attrs.html",)),
}


class FormRenderer(DjangoTemplates):
    @cached_property
    def drawn(self):
        """The drawing functions of the templates that are Django's own in this deployment."""

        def stock(name):
            origin = self.engine.get_template(name).origin.name
            return Path(origin).resolve().is_relative_to(STOCK_DIR.resolve())

        return {
            name: draw
            for name, (draw, includes) in DRAWN.items()
            if stock(name) and all(stock(WIDGETS + include) for include in includes)
        }

    def render(self, template_name, context, request=None):
        draw = self.drawn.get(template_name)
        if draw is not None:
            try:
                return draw(context["widget"]).strip()
            except _Fallback:
                pass
        return super().render(template_name, context, request=request)
