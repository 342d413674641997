"""Reading the audit trail for people: the filtered list and readable old → new values."""

import datetime
from collections import defaultdict

import django_filters
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Max, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..filters import FilterSet
from ..models import User

ACTIONS = [
    (LogEntry.Action.CREATE, gettext_lazy("angelegt")),
    (LogEntry.Action.UPDATE, gettext_lazy("geändert")),
    (LogEntry.Action.DELETE, gettext_lazy("gelöscht")),
]
ACTION_LABELS = dict(ACTIONS)
# Longer values (a Quartier's boundary, a JSON of translations) are cut in the list.
DISPLAY_LENGTH = 200


def history_url(obj):
    return reverse(
        "core:audit_object",
        kwargs={
            "app_label": obj._meta.app_label,
            "model": obj._meta.model_name,
            "pk": obj.pk,
        },
    )


def audited_content_types():
    """ContentTypes of the recorded models, sorted by their German name (one cached query)."""
    by_model = ContentType.objects.get_for_models(*auditlog.get_models())
    return sorted(by_model.values(), key=lambda ct: str(ct.model_class()._meta.verbose_name))


def _content_type_choices():
    return [(ct.pk, ct.model_class()._meta.verbose_name) for ct in audited_content_types()]


class LogEntryFilter(FilterSet):
    content_type = django_filters.TypedChoiceFilter(
        label=gettext_lazy("Art des Eintrags"), choices=_content_type_choices, coerce=int
    )
    action = django_filters.TypedChoiceFilter(
        label=gettext_lazy("Aktion"), choices=ACTIONS, coerce=int
    )
    actor = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Wer"), queryset=User.objects.order_by("name", "email")
    )
    von = django_filters.DateFilter(
        label=gettext_lazy("Von (Datum)"),
        field_name="timestamp",
        lookup_expr="date__gte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )
    bis = django_filters.DateFilter(
        label=gettext_lazy("Bis (Datum)"),
        field_name="timestamp",
        lookup_expr="date__lte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )
    object_id = django_filters.NumberFilter(label=gettext_lazy("Objekt-Nr."), min_value=1)

    class Meta:
        model = LogEntry
        fields = ["content_type", "action", "actor", "von", "bis", "object_id"]


def entries():
    """Entries newest first, with what the list shows."""
    return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")


# --- display ---------------------------------------------------------------------------------


def _field(model, name):
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None
    return field if getattr(field, "concrete", False) else None


def is_none(value):
    return value is None or value == "None"


def _related_reprs(wanted):
    """{(model, pk): text} for FK targets, from the trail itself: one query for a whole page
    (the newest entry of each target, as a subquery), and deleted objects keep their name."""
    if not wanted:
        return {}
    cts = ContentType.objects.get_for_models(*{m for m, _pk in wanted})
    condition = Q()
    for model, pks in _group(wanted).items():
        condition |= Q(content_type=cts[model], object_id__in=pks)
    latest = (
        LogEntry.objects.filter(condition)
        .values("content_type", "object_id")
        .annotate(last=Max("pk"))
        .values_list("last", flat=True)
    )
    by_ct = {ct.pk: model for model, ct in cts.items()}
    rows = LogEntry.objects.filter(pk__in=Subquery(latest)).values_list(
        "content_type", "object_id", "object_repr"
    )
    return {(by_ct[ct], str(pk)): text for ct, pk, text in rows}


def _group(pairs):
    grouped = defaultdict(set)
    for model, pk in pairs:
        grouped[model].add(int(pk))
    return grouped


def _plain(field, value, reprs):
    text = _readable(field, value, reprs)
    return text if len(text) <= DISPLAY_LENGTH else text[:DISPLAY_LENGTH] + "…"


def _readable(field, value, reprs):
    if is_none(value):
        return ""
    if field is None:
        return str(value)
    if field.is_relation:
        text = reprs.get((field.related_model, str(value)))
        return text or _("Nr. %(pk)s") % {"pk": value}
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("ja") if value in ("True", True) else _("nein")
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(str(value))
        if moment is not None:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, datetime.UTC)
            return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")
    if isinstance(field, models.DateField):
        try:
            return datetime.date.fromisoformat(str(value)).strftime("%d.%m.%Y")
        except ValueError:
            return str(value)
    return str(value)


def _history_urls():
    """(app_label, model) -> pk -> the history URL: one reverse() per content type."""
    prefixes = {}

    def url(content_type, pk):
        key = (content_type.app_label, content_type.model)
        if key not in prefixes:
            kwargs = {"app_label": key[0], "model": key[1], "pk": _PK_MARKER}
            prefixes[key] = reverse("core:audit_object", kwargs=kwargs).split(_PK_MARKER)
        prefix, suffix = prefixes[key]
        return f"{prefix}{pk}{suffix}"

    return url


_PK_MARKER = "987654321"


def _changes_html(rows):
    """The list of changed fields as audit_entries.html shows it (formatted here: a page has
    hundreds of them)."""
    items = []
    for label, old, new in rows:
        arrow = " → " if old and new else ""
        items.append(
            format_html(
                "<li><strong>{}:</strong> {}{}{}</li>",
                label,
                format_html("<del>{}</del>", old) if old else "",
                arrow,
                format_html("<ins>{}</ins>", new) if new else "",
            )
        )
    return format_html(
        '<ul class="portal-audit-changes">{}</ul>',
        mark_safe("".join(items)),  # noqa: S308
    )


def describe(page_entries):
    """Each entry with `action_label`, `model_label`, `history_url`, `zeit_iso`, `zeit_text`,
    `rows`: a list of (field label, old, new) with readable values, and `changes_html`, the
    rows as a list. Constant queries for a page."""
    page_entries = list(page_entries)
    wanted = set()
    fields = {}  # (model, name) -> (field, label): looked up once per page, not per entry

    def field_of(model, name):
        if (model, name) not in fields:
            field = _field(model, name)
            fields[model, name] = (field, str(field.verbose_name) if field is not None else name)
        return fields[model, name]

    for entry in page_entries:
        model = entry.content_type.model_class()
        for name, change in (entry.changes or {}).items():
            field, _label = field_of(model, name)
            if isinstance(change, list) and field is not None and field.is_relation:
                for value in change:
                    if not is_none(value) and str(value).isdigit():
                        wanted.add((field.related_model, str(value)))
    reprs = _related_reprs(wanted)
    url_of = _history_urls()
    for entry in page_entries:
        model = entry.content_type.model_class()
        entry.model_label = model._meta.verbose_name if model else entry.content_type.model
        entry.action_label = ACTION_LABELS.get(entry.action, "")
        entry.history_url = url_of(entry.content_type, entry.object_pk)
        zeit = timezone.localtime(entry.timestamp)
        entry.zeit_iso, entry.zeit_text = zeit.isoformat(), f"{zeit:%d.%m.%Y %H:%M:%S}"
        entry.rows = []
        for name, change in sorted((entry.changes or {}).items()):
            if name == "id":
                continue  # the list shows the number already
            field, label = field_of(model, name)
            if isinstance(change, dict) and change.get("type") == "m2m":
                objects = ", ".join(change.get("objects", []))
                if change.get("operation") == "add":
                    entry.rows.append((label, "", _("hinzugefügt: %(o)s") % {"o": objects}))
                else:
                    entry.rows.append((label, _("entfernt: %(o)s") % {"o": objects}, ""))
            elif isinstance(change, list) and len(change) == 2:
                old, new = (_plain(field, v, reprs) for v in change)
                if old or new:
                    entry.rows.append((label, old, new))
        entry.changes_html = _changes_html(entry.rows) if entry.rows else ""
    return page_entries
