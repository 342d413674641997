"""Texts in several languages, stored as one JSON object {language code: text} per field."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .sprachen import SPRACHEN

DEFAULT = "de"


def text_in(texts, sprache):
    """The text in `sprache`, falling back to German (every text has a German version)."""
    texts = texts or {}
    return texts.get(sprache) or texts.get(DEFAULT) or ""


def validate_texte(value):
    """A dict of language code → text, with a German text."""
    if not isinstance(value, dict):
        raise ValidationError(
            _("Die Texte müssen als Zuordnung Sprache → Text gespeichert werden.")
        )
    unknown = sorted(set(value) - set(SPRACHEN))
    if unknown:
        raise ValidationError(
            _("Unbekannte Sprache(n): %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    if any(not isinstance(text, str) for text in value.values()):
        raise ValidationError(_("Jeder Text muss eine Zeichenkette sein."))
    if not (value.get(DEFAULT) or "").strip():
        raise ValidationError(_("Bitte geben Sie mindestens den deutschen Text ein."))


class TexteMixin:
    """`obj.t("titel", "ar")`: a translated field with the German fallback."""

    def t(self, field, sprache):
        return text_in(getattr(self, field), sprache)

    def missing_translations(self, fields, sprachen):
        """{sprache: [field, …]} of the texts that are empty in a language the survey offers."""
        missing = {}
        for sprache in sprachen:
            empty = [
                f
                for f in fields
                if getattr(self, f) and not (getattr(self, f).get(sprache) or "").strip()
            ]
            if empty:
                missing[sprache] = empty
        return missing
