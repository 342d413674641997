"""Redacting an erased Person's values in the audit trail (DSGVO)."""

import json
import re

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast

from ..models import User
from .trail import is_none

REDACTED = "[gelöscht]"
# Shortest text that `redact_log` searches for: shorter ones would match unrelated entries.
MIN_TEXT = 3
# Printable ASCII except `"` and `\`: JSON spells these the same in every database (SQLite keeps
# "M\u00fcller", PostgreSQL's jsonb "Müller", both write `\"`), and LIKE ignores their case.
PLAIN_RUN = re.compile(r"[ !#-\[\]-~]+")


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
            changes[name] = [v if is_none(v) else REDACTED for v in change]
    return changes


def _earlier_values(content_type, pk, names):
    values = set()
    own = LogEntry.objects.filter(content_type=content_type, object_id=pk)
    for changes in own.values_list("changes", flat=True):
        for name in names:
            change = (changes or {}).get(name)
            if isinstance(change, list):
                values.update(v for v in change if isinstance(v, str) and not is_none(v))
    return values


def _search_terms(text):
    """What the database is searched for so that `text` is found however it is stored: its
    longest plain run ("rgen M" of "Jürgen Müller"); the exact match is decided in Python."""
    longest = max(PLAIN_RUN.findall(text), key=len, default="")
    if len(longest.strip()) >= MIN_TEXT:
        return {longest}
    return {text, json.dumps(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1]}


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
    for term in {term for text in texts for term in _search_terms(text)}:
        text_condition |= Q(object_repr__icontains=term) | Q(changes_as_text__icontains=term)
    user_ct = ContentType.objects.get_for_model(User)
    if texts:
        condition |= text_condition & ~Q(content_type=user_ct)
    candidates = LogEntry.objects.annotate(changes_as_text=Cast("changes", models.TextField()))
    pattern = re.compile("|".join(re.escape(t) for t in texts), re.IGNORECASE) if texts else None
    changed = []
    for entry in candidates.filter(condition).order_by("pk").iterator(chunk_size=500):
        before = (entry.changes, entry.object_repr)
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
        if (entry.changes, entry.object_repr) != before:  # a candidate may only look alike
            changed.append(entry)
    LogEntry.objects.bulk_update(changed, ["changes", "object_repr"], batch_size=500)
    return len(changed)
