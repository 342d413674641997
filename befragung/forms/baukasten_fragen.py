"""Forms of the builder's questions and of the translations of one language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .. import baukasten
from ..models import Antwortoption, Frage
from ..models.sprachen import html_lang, text_direction
from .baukasten import MAX_TEXT, german_text, lines_of, with_german

MAX_SKALA_STUFEN = 11


class BedingungField(forms.ModelChoiceField):
    def __init__(self, *args, numbers, **kwargs):
        super().__init__(*args, **kwargs)
        self.numbers = numbers

    def label_from_instance(self, option):
        return _("Frage %(n)s „%(frage)s“: %(antwort)s") % {
            "n": self.numbers.get(option.frage_id, "?"),
            "frage": option.frage.t("text", "de"),
            "antwort": option.t("text", "de"),
        }


class FrageForm(forms.ModelForm):
    text_de = forms.CharField(
        label=_("Frage"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Bitte geben Sie die Frage ein.")},
    )
    hilfe_de = forms.CharField(
        label=_("Hinweis zur Frage"),
        required=False,
        max_length=1000,
        help_text=_("Zum Beispiel „Mehrere Antworten sind möglich.“"),
    )
    optionen = forms.CharField(
        label=_("Antwortmöglichkeiten"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Eine Antwort pro Zeile. Für Einfach- und Mehrfachauswahl und für die Spalten einer "
            "Matrix. Ja/Nein-Fragen bekommen „Ja“ und „Nein“ von selbst."
        ),
    )
    zeilen = forms.CharField(
        label=_("Aussagen der Matrix"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Nur für Matrix-Fragen: eine Aussage pro Zeile."),
    )
    skala_links_de = forms.CharField(
        label=_("Beschriftung des kleinsten Werts"),
        required=False,
        max_length=200,
        help_text=_("Nur für Skalen, z. B. „gar nicht zufrieden“."),
    )
    skala_rechts_de = forms.CharField(
        label=_("Beschriftung des größten Werts"),
        required=False,
        max_length=200,
        help_text=_("Nur für Skalen, z. B. „sehr zufrieden“."),
    )

    class Meta:
        model = Frage
        fields = [
            "typ",
            "pflicht",
            "seite",
            "name",
            "skala_min",
            "skala_max",
            "zahl_min",
            "zahl_max",
            "bedingung_option",
        ]
        error_messages = {
            "typ": {
                "required": _("Bitte wählen Sie die Art der Frage."),
                "invalid_choice": _("Bitte wählen Sie eine Art aus der Liste."),
            },
            "seite": {
                "required": _("Bitte geben Sie den Schritt an, auf dem die Frage steht."),
                "invalid": _("Bitte geben Sie eine ganze Zahl ein."),
                "min_value": _("Der Schritt ist mindestens 1."),
            },
            "name": {
                "invalid": _(
                    "Die Kennung darf nur Kleinbuchstaben, Ziffern, Unterstriche und "
                    "Bindestriche enthalten."
                )
            },
            "skala_min": {"invalid": _("Bitte geben Sie eine ganze Zahl ein.")},
            "skala_max": {"invalid": _("Bitte geben Sie eine ganze Zahl ein.")},
            "zahl_min": {"invalid": _("Bitte geben Sie eine ganze Zahl ein.")},
            "zahl_max": {"invalid": _("Bitte geben Sie eine ganze Zahl ein.")},
        }
        labels = {"skala_min": _("Skala von"), "skala_max": _("Skala bis")}

    field_order = [
        "typ",
        "text_de",
        "hilfe_de",
        "pflicht",
        "seite",
        "optionen",
        "zeilen",
        "skala_min",
        "skala_max",
        "skala_links_de",
        "skala_rechts_de",
        "zahl_min",
        "zahl_max",
        "bedingung_option",
        "name",
    ]

    def __init__(self, *args, befragung, **kwargs):
        super().__init__(*args, **kwargs)
        self.befragung = befragung
        self.instance.befragung = befragung
        instance = self.instance
        self.fields["name"].required = False
        self.fields["name"].help_text = _(
            "Kurzer Name für Exporte, z. B. „zufriedenheit“. Leer lassen: wird aus der Frage "
            "gebildet."
        )
        self.fields["seite"].min_value = 1
        self.fields["seite"].widget.attrs["min"] = 1
        self.fields["seite"].help_text = _(
            "Fragen mit gleicher Nummer stehen auf einer Seite des Formulars."
        )
        self.fields["text_de"].initial = german_text(instance.text)
        self.fields["hilfe_de"].initial = german_text(instance.hilfe)
        self.fields["skala_links_de"].initial = german_text(instance.skala_links)
        self.fields["skala_rechts_de"].initial = german_text(instance.skala_rechts)
        if instance.pk:
            if instance.typ != Frage.Typ.JANEIN:
                self.fields["optionen"].initial = "\n".join(
                    o.t("text", "de") for o in instance.optionen.order_by("position")
                )
            self.fields["zeilen"].initial = "\n".join(
                z.t("text", "de") for z in instance.zeilen.order_by("position")
            )
        earlier = Frage.objects.filter(befragung=befragung, typ__in=baukasten.CONDITION_TYPES)
        if instance.pk:
            earlier = earlier.filter(position__lt=instance.position)
        numbers = {
            pk: n
            for n, pk in enumerate(
                Frage.objects.filter(befragung=befragung)
                .order_by("position")
                .values_list("pk", flat=True),
                start=1,
            )
        }
        self.fields["bedingung_option"] = BedingungField(
            queryset=Antwortoption.objects.filter(frage__in=earlier)
            .select_related("frage")
            .order_by("frage__position", "position"),
            numbers=numbers,
            required=False,
            label=_("Nur zeigen, wenn diese Antwort gewählt wurde"),
            empty_label=_("immer zeigen"),
            help_text=_(
                "Zur Wahl stehen die Antworten früherer Einfach-, Mehrfach- und Ja/Nein-Fragen."
            ),
            error_messages={
                "invalid_choice": _(
                    "Bitte wählen Sie eine Antwort einer früheren Frage dieser Befragung."
                )
            },
        )

    def clean_name(self):
        name = (self.cleaned_data.get("name") or "").strip()
        if name and (
            Frage.objects.filter(befragung=self.befragung, name=name)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError(
                _("Diese Kennung hat schon eine andere Frage dieser Befragung.")
            )
        return name

    def _check_lines(self, field, lines, *, minimum, too_few):
        if len(lines) < minimum:
            self.add_error(field, too_few)
        elif len({line.casefold() for line in lines}) != len(lines):
            self.add_error(field, _("Bitte nennen Sie jede Zeile nur einmal."))
        elif any(len(line) > 300 for line in lines):
            self.add_error(field, _("Jede Zeile darf höchstens 300 Zeichen lang sein."))

    def clean(self):
        cleaned = super().clean()
        typ = cleaned.get("typ")
        optionen, zeilen = lines_of(cleaned.get("optionen")), lines_of(cleaned.get("zeilen"))
        cleaned["optionen_lines"], cleaned["zeilen_lines"] = optionen, zeilen
        if typ in baukasten.TYPED_OPTIONS:
            self._check_lines(
                "optionen",
                optionen,
                minimum=2,
                too_few=_(
                    "Bitte geben Sie mindestens zwei Antwortmöglichkeiten ein, eine pro Zeile."
                ),
            )
        if typ == Frage.Typ.MATRIX:
            self._check_lines(
                "zeilen",
                zeilen,
                minimum=1,
                too_few=_("Bitte geben Sie mindestens eine Aussage ein, eine pro Zeile."),
            )
        if typ == Frage.Typ.SKALA:
            low, high = cleaned.get("skala_min"), cleaned.get("skala_max")
            if low is None and "skala_min" not in self.errors:
                self.add_error("skala_min", _("Bitte geben Sie den kleinsten Wert der Skala ein."))
            if high is None and "skala_max" not in self.errors:
                self.add_error("skala_max", _("Bitte geben Sie den größten Wert der Skala ein."))
            if low is not None and high is not None:
                if high <= low:
                    self.add_error(
                        "skala_max", _("Der größte Wert muss größer als der kleinste sein.")
                    )
                elif high - low + 1 > MAX_SKALA_STUFEN:
                    self.add_error(
                        "skala_max",
                        _("Eine Skala hat höchstens %(n)d Stufen.") % {"n": MAX_SKALA_STUFEN},
                    )
        if typ == Frage.Typ.ZAHL:
            low, high = cleaned.get("zahl_min"), cleaned.get("zahl_max")
            if low is not None and high is not None and high < low:
                self.add_error(
                    "zahl_max", _("Die größte Zahl darf nicht kleiner als die kleinste sein.")
                )
        if self.instance.pk and typ:
            dropped = baukasten.dropped_conditions(self.instance, typ=typ, optionen=optionen)
            if dropped:
                field = "optionen" if typ in baukasten.TYPED_OPTIONS else "typ"
                self.add_error(
                    field,
                    _(
                        "Diese Antworten werden als Bedingung späterer Fragen gebraucht: "
                        "%(antworten)s. Ändern Sie zuerst diese Bedingungen."
                    )
                    % {
                        "antworten": ", ".join(
                            f"„{d.bedingung_option.t('text', 'de')}“ ({d.t('text', 'de')})"
                            for d in dropped
                        )
                    },
                )
        return cleaned

    def _post_clean(self):
        # Texts first, so that the model's validation sees the German question.
        self.instance.text = with_german(self.instance.text, self.cleaned_data.get("text_de"))
        self.instance.hilfe = with_german(self.instance.hilfe, self.cleaned_data.get("hilfe_de"))
        self.instance.skala_links = with_german(
            self.instance.skala_links, self.cleaned_data.get("skala_links_de")
        )
        self.instance.skala_rechts = with_german(
            self.instance.skala_rechts, self.cleaned_data.get("skala_rechts_de")
        )
        super()._post_clean()

    def save_frage(self):
        return baukasten.save_frage(
            frage=self.save(commit=False),
            optionen=self.cleaned_data["optionen_lines"],
            zeilen=self.cleaned_data["zeilen_lines"],
        )


class UebersetzungForm(forms.Form):
    """One input per text for `sprache`, next to the German original.

    Once the survey is locked, only missing translations can be filled in."""

    def __init__(self, *args, texts, sprache, locked=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.texts = texts
        self.sprache = sprache
        for text in texts:
            long = (
                text.field in ("beschreibung", "datenschutz", "danke", "hilfe")
                or len(text.de) > 120
            )
            widget = forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput()
            widget.attrs.update(
                {
                    "class": "kern-form-input__input",
                    "lang": html_lang(sprache),
                    "dir": text_direction(sprache),
                    "aria-describedby": f"original-{text.key}",
                }
            )
            current = text.value(sprache)
            if not current.strip():
                widget.attrs["aria-describedby"] += f" fehlt-{text.key}"
            self.fields[text.key] = forms.CharField(
                label=text.label,
                required=False,
                max_length=MAX_TEXT,
                initial=current,
                widget=widget,
                disabled=locked and bool(current.strip()),
                error_messages={
                    "max_length": _("Der Text ist zu lang (höchstens %(limit_value)d Zeichen).")
                },
            )

    def rows(self):
        """(text, bound field, missing) for the template, which groups them by `text.group`."""
        return [(text, self[text.key], text.missing(self.sprache)) for text in self.texts]

    def values(self):
        return {
            key: value for key, value in self.cleaned_data.items() if not self.fields[key].disabled
        }
