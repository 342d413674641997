"""Form pieces every app shares (date picker, hours, slugs, searchable choices) and the forms
of the user administration."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.utils import ErrorDict
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Role, User

# Django 6.1 labels the empty choice of a select "- Select an option -", which has no German
# translation yet. CoreConfig.ready() makes this the label of every form in the portal.
BLANK_CHOICE_LABEL = _("– bitte wählen –")

DATE_ERRORS = {
    "required": _("Bitte geben Sie ein Datum ein."),
    "invalid": _("Bitte geben Sie ein gültiges Datum ein, zum Beispiel 01.03.2025."),
}
UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


class DateInput(forms.DateInput):
    """The browser's date picker; it sends ISO dates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class StundenField(forms.DecimalField):
    """Hours as people type them on a German keyboard: "1,5" as well as "1.5"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format(value.normalize(), "f").replace(".", ",")
        return super().prepare_value(value)


def suggest_slug(name):
    """„Alte Mitte Süd“ -> "alte-mitte-sued" (German umlauts spelt out, not dropped)."""
    return slugify(name.translate(UMLAUTS))


class UserCreateForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "email", "role"]
        help_texts = {
            "email": _("An diese Adresse geht der Link zum Festlegen des Passworts."),
        }
        error_messages = {
            "email": {"unique": _("Für diese E-Mail-Adresse gibt es schon einen Zugang.")},
            "name": {"required": _("Bitte geben Sie den Namen ein.")},
            "role": {"required": _("Bitte wählen Sie eine Rolle.")},
        }

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Für diese E-Mail-Adresse gibt es schon einen Zugang."))
        return email


class UserUpdateForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "role", "is_active"]

    def __init__(self, *args, editor, **kwargs):
        super().__init__(*args, **kwargs)
        self.editor = editor

    def clean(self):
        cleaned = super().clean()
        demotes_self = cleaned.get("role") != Role.FACHSTELLE or not cleaned.get("is_active")
        if self.instance.pk == self.editor.pk and demotes_self:
            raise forms.ValidationError(
                _("Sie können sich nicht selbst die Fachstellen-Rolle entziehen oder deaktivieren.")
            )
        return cleaned


# --- Choices from a big table: search first, then pick ---------------------------------------
#
# A select of every Person or Akteur grows with the directory. These fields validate the POST
# against their full queryset but render only the choices that match a server-side search (at
# most SEARCH_LIMIT) plus the ones already chosen. No JavaScript: the search field's button
# submits the form with `SEARCH_BUTTON`; the form is then shown again with what was entered,
# without errors and without saving. Unbound forms take the search term from `search_data`
# (request.GET), so a plain GET form elsewhere can lead to the results.

SEARCH_LIMIT = 25
SEARCH_BUTTON = "suchen"


class SearchInput(forms.TextInput):
    """The search field of a SearchableChoiceMixin field; _field.html adds the search button."""

    input_type = "search"

    def __init__(self, attrs=None):
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})


def search_field(label, help_text):
    return forms.CharField(
        label=label,
        required=False,
        max_length=100,
        help_text=help_text,
        widget=SearchInput,
        error_messages={"max_length": _("Bitte geben Sie höchstens 100 Zeichen ein.")},
    )


class SearchResultsWidgetMixin:
    """Render only the field's shown choices (search results and chosen values)."""

    def optgroups(self, name, value, attrs=None):
        iterator = self.choices
        self.choices = list(iterator.field.shown_choices(value))
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = iterator


class SearchResultsCheckboxes(SearchResultsWidgetMixin, forms.CheckboxSelectMultiple):
    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "kern-form-check__checkbox", **(attrs or {})})


class SearchResultsRadios(SearchResultsWidgetMixin, forms.RadioSelect):
    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "kern-form-check__radio", **(attrs or {})})


def chosen_objects(field, value):
    """The objects of a ModelChoiceField's queryset whose keys are in `value`."""
    values = value if isinstance(value, (list, tuple)) else [value]
    keys = {str(v) for v in values if v not in (None, "")}
    if not keys:
        return []
    key = field.to_field_name or "pk"
    try:
        return list(field.queryset.filter(**{f"{key}__in": keys}))
    except (ValueError, TypeError, ValidationError):
        return []  # not a valid key: validation says so, nothing to show


class ChosenOnlySelect(forms.Select):
    """A select with the empty choice and the chosen value only, for a list filter that a link
    sets (?akteur=<pk>); choosing among all is the text filter's job. Without a value the
    filterset renders the field hidden (see hide_unless_chosen)."""

    def optgroups(self, name, value, attrs=None):
        iterator = self.choices
        field = iterator.field
        choices = [("", field.empty_label)] if field.empty_label is not None else []
        choices += [iterator.choice(obj) for obj in chosen_objects(field, value)]
        self.choices = choices
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = iterator


def hide_unless_chosen(filterset, name):
    """Keep filter `name` for links, but render it only when the query chose a value."""
    filter_ = filterset.filters[name]
    key = f"{filterset.form_prefix}-{name}" if filterset.form_prefix else name
    if (filterset.data or {}).get(key):
        filter_.extra["widget"] = ChosenOnlySelect
    else:
        filter_.extra["widget"] = forms.HiddenInput


class SearchableChoiceMixin:
    """For Model(Multiple)ChoiceField: `search_field` names the form field with the search term,
    `lookups` the model fields searched (icontains; every word must match one of them)."""

    def __init__(self, *args, search_field=None, lookups=(), limit=SEARCH_LIMIT, **kwargs):
        self.search_field, self.lookups, self.limit = search_field, tuple(lookups), limit
        self.search = ""
        self.base_help_text = kwargs.get("help_text", "")
        super().__init__(*args, **kwargs)

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result._result = None
        return result

    def search_result(self):
        """(matching objects, at most `limit`; whether there are more)."""
        if getattr(self, "_result", None) is None:
            words = self.search.split()
            if not self.lookups:
                self._result = ([], False)
            elif not words:
                # Without a search, a short list is shown whole; a long one waits for a search.
                rows = list(self.queryset[: self.limit + 1])
                self._result = (rows, False) if len(rows) <= self.limit else ([], True)
            else:
                queryset = self.queryset
                for word in words[:5]:
                    condition = Q()
                    for lookup in self.lookups:
                        condition |= Q(**{f"{lookup}__icontains": word})
                    queryset = queryset.filter(condition)
                rows = list(queryset[: self.limit + 1])
                self._result = (rows[: self.limit], len(rows) > self.limit)
        return self._result

    def shown_choices(self, value):
        iterator = self.iterator(self)
        if self.empty_label is not None:
            yield ("", self.empty_label)
        matches, _more = self.search_result()
        chosen = chosen_objects(self, value)
        seen = set()
        for obj in chosen + matches:
            if obj.pk not in seen:
                seen.add(obj.pk)
                yield iterator.choice(obj)

    def search_status(self):
        """What the search found, for the field's hint (None without a search)."""
        term = " ".join(self.search.split())
        if not self.lookups:
            return None
        matches, more = self.search_result()
        if not term:
            if more:
                return _("Es gibt mehr als %(n)d zur Wahl: Bitte suchen Sie zuerst.") % {
                    "n": self.limit
                }
            return None
        if more:
            return _(
                "Mehr als %(n)d Treffer für „%(term)s“; gezeigt werden die ersten %(n)d. Bitte genauer suchen."
            ) % {"n": self.limit, "term": term}
        if not matches:
            return _("Keine Treffer für „%(term)s“. Bitte anders suchen.") % {"term": term}
        return ngettext(
            "%(n)d Treffer für „%(term)s“.", "%(n)d Treffer für „%(term)s“.", len(matches)
        ) % {"n": len(matches), "term": term}

    @property
    def help_text(self):
        status = self.search_status() if hasattr(self, "lookups") else None
        return " ".join(str(t) for t in (status, self.base_help_text) if t)

    @help_text.setter
    def help_text(self, value):
        self.base_help_text = value


class SearchableModelChoiceField(SearchableChoiceMixin, forms.ModelChoiceField):
    widget = SearchResultsRadios


class SearchableModelMultipleChoiceField(SearchableChoiceMixin, forms.ModelMultipleChoiceField):
    widget = SearchResultsCheckboxes


class ChoiceSearchFormMixin:
    """For forms with Searchable*ChoiceFields: passes the search terms to the fields and, when
    the search button was pressed, shows the form again instead of validating it."""

    def __init__(self, *args, search_data=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.searching = self.is_bound and SEARCH_BUTTON in self.data
        source = self.data if self.is_bound else (search_data or {})
        for field in self.fields.values():
            if isinstance(field, SearchableChoiceMixin) and field.search_field:
                term = str(source.get(self.add_prefix(field.search_field), ""))[:100]
                field.search = term
                if not self.is_bound and term:
                    self.initial[field.search_field] = term

    def full_clean(self):
        if self.searching:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()
        if hasattr(self, "cleaned_data"):
            # The search terms only served to find the choices; they are not form data.
            for field in self.fields.values():
                if isinstance(field, SearchableChoiceMixin) and field.search_field:
                    self.cleaned_data.pop(field.search_field, None)

    def is_valid(self):
        return not self.searching and super().is_valid()
