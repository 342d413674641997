"""The form renderer draws the stock widget templates in Python: byte for byte Django's markup."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from gwa_portal.core import form_renderer
from gwa_portal.core.forms import SearchInput

STOCK = DjangoTemplates()
FAST = form_renderer.FormRenderer()

CHOICES = [
    ("", "– alle –"),
    (1, "Wiesenau <Nord>"),
    ("2", gettext_lazy("Quartiere")),
    (3.5, mark_safe("<b>sicher</b>")),
    ("Gruppe & Co", [("a", 'A "1"'), ("b", "B 'zwei'")]),
]


def widgets():
    yield forms.Select(choices=CHOICES), "a", {}
    yield forms.Select(choices=CHOICES), 1, {"class": "kern", "aria-invalid": "true"}
    yield forms.Select(choices=CHOICES), None, {"required": True, "disabled": False}
    yield forms.SelectMultiple(choices=CHOICES), ["a", "2"], {"id": "id_x"}
    yield forms.NullBooleanSelect(), True, {}
    yield forms.TextInput(), 'Ein "Wert" <mit> & Zeichen', {"maxlength": 100, "id": "id_t"}
    yield forms.TextInput(), None, {"placeholder": gettext_lazy("Suchen")}
    yield forms.TextInput(), mark_safe("<i>sicher</i>"), {}
    yield forms.NumberInput(), 1.5, {"min": 0, "step": Decimal("0.5")}
    yield forms.NumberInput(), 1234567, {}
    yield forms.DateInput(attrs={"type": "date"}), datetime.date(2026, 12, 8), {}
    yield forms.EmailInput(), "a@example.org", {"autocomplete": "email"}
    yield forms.HiddenInput(), (1, 2), {}
    yield forms.PasswordInput(render_value=True), "geheim", {}
    yield forms.CheckboxInput(), True, {"aria-describedby": "id_c_hint"}
    yield forms.CheckboxInput(), False, {}
    yield SearchInput(), "Wiese", {"aria-describedby": "id_s_hint id_s_error"}
    yield forms.Textarea(), "Zeile 1\n<Zeile 2>", {"rows": 3}
    yield forms.Textarea(), "", {}
    yield forms.RadioSelect(choices=CHOICES), "2", {"id": "id_r"}
    yield forms.CheckboxSelectMultiple(choices=CHOICES), ["a", 1], {"id": "id_m"}


@pytest.mark.parametrize("widget, value, attrs", list(widgets()))
def test_widgets_render_as_with_django_templates(widget, value, attrs):
    assert widget.render("feld", value, attrs, FAST) == widget.render("feld", value, attrs, STOCK)


@pytest.mark.parametrize("widget_class", [forms.RadioSelect, forms.CheckboxSelectMultiple])
def test_single_options_render_as_with_django_templates(widget_class):
    class Form(forms.Form):
        feld = forms.ChoiceField(choices=CHOICES[:4], widget=widget_class)

    fast, stock = (Form({"feld": "2"}, renderer=r)["feld"] for r in (FAST, STOCK))
    for fast_choice, stock_choice in zip(fast, stock, strict=True):
        assert fast_choice.tag() == stock_choice.tag()
        assert fast_choice.tag(wrap_label=True) == stock_choice.tag(wrap_label=True)
        assert str(fast_choice) == str(stock_choice)


def test_the_stock_templates_are_drawn_and_others_are_not(monkeypatch):
    drawn = FAST.drawn
    assert "django/forms/widgets/select.html" in drawn
    assert "django/forms/widgets/text.html" in drawn
    assert "django/forms/widgets/multiple_input.html" not in drawn
    calls = []
    monkeypatch.setattr(
        form_renderer.DjangoTemplates, "render", lambda *a, **k: calls.append(a[1]) or ""
    )
    forms.Select(choices=CHOICES).render("feld", "a", {}, FAST)
    assert calls == []
    forms.RadioSelect(choices=CHOICES).render("feld", "a", {}, FAST)
    assert calls == ["django/forms/widgets/radio.html"]


def test_a_callable_value_takes_the_template_path():
    class Lazy:
        def __call__(self):
            return "gerufen"

    widget = forms.TextInput(attrs={"data-wert": Lazy()})
    assert 'data-wert="gerufen"' in widget.render("feld", "x", {}, FAST)
    assert widget.render("feld", "x", {}, FAST) == widget.render("feld", "x", {}, STOCK)


def test_the_portal_uses_it(settings):
    assert settings.FORM_RENDERER == "gwa_portal.core.form_renderer.FormRenderer"
