"""Reading the audit trail (django-auditlog's LogEntry) for people, and redacting it on erasure.

Which models are recorded is decided in `gwa_portal/cockpit/audit.py`; this module only reads
and rewrites entries, so every app may use it.
"""

import datetime
import json
import re
from collections import defaultdict

import django_filters
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Max, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import User

REDACTED = "[gelöscht]"
ACTIONS = [
    (LogEntry.Action.CREATE, gettext_lazy("angelegt")),
    (LogEntry.Action.UPDATE, gettext_lazy("geändert")),
    (LogEntry.Action.DELETE, gettext_lazy("gelöscht")),
]
ACTION_LABELS = dict(ACTIONS)
# Longer values (a Quartier's boundary, a JSON of translations) are cut in the list.
DISPLAY_LENGTH = 200
# Shortest text that `redact_log` searches for: shorter ones would match unrelated entries.
MIN_TEXT = 3


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


class LogEntryFilter(django_filters.FilterSet):
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


def _none(value):
    return value is None or value == "None"


def _related_reprs(wanted):
    """{(model, pk): text} for FK targets, from the trail itself: two queries for a whole page,
    and deleted objects keep their name."""
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
    rows = LogEntry.objects.filter(pk__in=list(latest)).values_list(
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
    if _none(value):
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


def describe(page_entries):
    """Each entry with `action_label`, `model_label`, `history_url` and `rows`: a list of
    (field label, old, new) with readable values. Constant queries for a page."""
    page_entries = list(page_entries)
    wanted = set()
    for entry in page_entries:
        model = entry.content_type.model_class()
        for name, change in (entry.changes or {}).items():
            field = _field(model, name)
            if isinstance(change, list) and field is not None and field.is_relation:
                for value in change:
                    if not _none(value) and str(value).isdigit():
                        wanted.add((field.related_model, str(value)))
    reprs = _related_reprs(wanted)
    for entry in page_entries:
        model = entry.content_type.model_class()
        entry.model_label = model._meta.verbose_name if model else entry.content_type.model
        entry.action_label = ACTION_LABELS.get(entry.action, "")
        entry.history_url = reverse(
            "core:audit_object",
            kwargs={
                "app_label": entry.content_type.app_label,
                "model": entry.content_type.model,
                "pk": entry.object_pk,
            },
        )
        entry.rows = []
        for name, change in sorted((entry.changes or {}).items()):
            if name == "id":
                continue  # the list shows the number already
            field = _field(model, name)
            label = str(field.verbose_name) if field is not None else name
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
    return page_entries


# --- erasure ---------------------------------------------------------------------------------


def _replace_texts(value, pattern, replacement):
    if isinstance(value, str):
        return pattern.sub(replacement, value)
    if isinstance(value, list):
        return [_replace_texts(v, pattern, replacement) for v in value]
    if isinstance(value, dict):
        return {k: _replace_texts(v, pattern, replacement) for k, v in value.items()}
    return value


def _redact_fields(changes, names):
    for name in names:
        change = changes.get(name)
        if isinstance(change, list):
            changes[name] = [v if _none(v) else REDACTED for v in change]
    return changes


def _earlier_values(content_type, pk, names):
    values = set()
    own = LogEntry.objects.filter(content_type=content_type, object_id=pk)
    for changes in own.values_list("changes", flat=True):
        for name in names:
            change = (changes or {}).get(name)
            if isinstance(change, list):
                values.update(v for v in change if isinstance(v, str) and not _none(v))
    return values


def redact_log(*, instance, keep_fields=(), texts=(), text_fields=(), related=()):
    """Remove erased personal data of `instance` from the audit trail; returns entries changed.

    The entries stay (who changed what when remains accountable), but their values do not:
    - entries of `instance` itself: every value except `keep_fields` becomes REDACTED and the
      name is the erased one;
    - `related` is a list of (model, pks, field names): those fields of those entries are
      redacted (an RSVP comment the erasure emptied);
    - `texts` (the old name, e-mail, phone) are replaced by the erased name wherever else an
      entry shows them (the name of an Einladung "Name → Termin", m2m lists). User accounts'
      own entries are left alone: the account is not erased with the Person. Every earlier
      value of `text_fields` in the instance's own entries counts as such a text (a name
      changed before the erasure is still in older entries of its Einladungen).
    Call it in the erasure's transaction, after the erasing save (whose own entry it redacts).
    """
    own_ct = ContentType.objects.get_for_model(instance)
    new_name = str(instance)
    texts = {*texts, *_earlier_values(own_ct, instance.pk, text_fields)} - {new_name}
    texts = sorted({t.strip() for t in texts if t and len(t.strip()) >= MIN_TEXT}, key=len)[::-1]
    condition = Q(content_type=own_ct, object_id=instance.pk)
    related_fields = {}
    for model, pks, names in related:
        pks = list(pks)
        if pks:
            ct = ContentType.objects.get_for_model(model)
            condition |= Q(content_type=ct, object_id__in=pks)
            related_fields[ct.pk] = names
    text_condition = Q()
    for text in texts:
        escaped = json.dumps(text)[1:-1]  # SQLite keeps JSON ASCII-escaped
        text_condition |= Q(object_repr__icontains=text) | Q(changes_as_text__icontains=text)
        text_condition |= Q(changes_as_text__icontains=escaped)
    user_ct = ContentType.objects.get_for_model(User)
    if texts:
        condition |= text_condition & ~Q(content_type=user_ct)
    candidates = LogEntry.objects.annotate(changes_as_text=Cast("changes", models.TextField()))
    pattern = re.compile("|".join(re.escape(t) for t in texts), re.IGNORECASE) if texts else None
    changed = []
    for entry in candidates.filter(condition).order_by("pk").iterator(chunk_size=500):
        changes = dict(entry.changes or {})
        if entry.content_type_id == own_ct.pk and entry.object_id == instance.pk:
            changes = _redact_fields(changes, [n for n in changes if n not in keep_fields])
            entry.object_repr = new_name
        if entry.content_type_id in related_fields:
            changes = _redact_fields(changes, related_fields[entry.content_type_id])
        if pattern is not None and entry.content_type_id != user_ct.pk:
            changes = _replace_texts(changes, pattern, new_name)
            entry.object_repr = pattern.sub(new_name, entry.object_repr)
        entry.changes = changes
        changed.append(entry)
    LogEntry.objects.bulk_update(changed, ["changes", "object_repr"], batch_size=500)
    return len(changed)
