"""Template helpers of the survey form: widgets with KERN classes and linked hints/errors."""

from django import template

from gwa_portal.core.templatetags.portal import KERN_CLASSES, widget_kind

register = template.Library()


@register.simple_tag
def frage_widget(block, field):
    """A text, number or select widget, described by the condition, hint and error."""
    described = []
    if block.bedingung:
        described.append(f"{field.auto_id}_bedingung")
    if block.hilfe:
        described.append(f"{field.auto_id}_hint")
    if field.errors:
        described.append(f"{field.auto_id}_error")
    base = KERN_CLASSES[widget_kind(field)]
    attrs = {"class": f"{base} {base}--error" if field.errors else base}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.simple_tag
def bedingung_text(t, block):
    frage, option = block.bedingung
    return t["bedingung"].format(frage=frage, option=option)
