"""The languages a Befragung can be offered in, with their labels and text direction."""

from django.utils.translation import gettext_lazy as _

# Language code → (label in German, label in the language itself, text direction).
# "ls" is Leichte Sprache: German (lang="de") in easy-to-read form.
SPRACHEN = {
    "de": (_("Deutsch"), "Deutsch", "ltr"),
    "ls": (_("Leichte Sprache"), "Leichte Sprache", "ltr"),
    "en": (_("Englisch"), "English", "ltr"),
    "tr": (_("Türkisch"), "Türkçe", "ltr"),
    "ar": (_("Arabisch"), "العربية", "rtl"),
    "uk": (_("Ukrainisch"), "Українська", "ltr"),
    "ru": (_("Russisch"), "Русский", "ltr"),
    "fa": (_("Persisch"), "فارسی", "rtl"),
}
HTML_LANG = {"ls": "de"}


def sprache_label(code):
    return SPRACHEN[code][0] if code in SPRACHEN else code


def html_lang(code):
    return HTML_LANG.get(code, code)


def text_direction(code):
    return SPRACHEN[code][2] if code in SPRACHEN else "ltr"
