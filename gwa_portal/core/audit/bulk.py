"""Audit entries for bulk writes, which auditlog's signals do not see.

auditlog records through the save, delete and m2m signals; QuerySet.bulk_create() and update()
send none. A queryset delete() is seen, but its
signal writes one entry (and query) per row, so `delete_logged` writes them in one as well.
These functions write the entries those signals would have written – auditlog's own
diff, so the registry's include/exclude fields and the changes format hold, and the actor from
auditlog's context – with one bulk_create, so that a user action over many rows costs the same
number of queries for 5 rows as for 50. The rows' __str__ becomes the entry's name: load what
it needs (select_related) first. auditlog's pre_log/post_log hooks are not sent (the portal
uses none).
"""

import copy
from functools import partial

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled, disable_auditlog
from auditlog.diff import get_field_value, get_fields_in_model, model_instance_diff
from auditlog.models import DEFAULT_OBJECT_REPR, LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import router, transaction
from django.db.models.signals import pre_save
from django.utils.encoding import smart_str

# A LogEntry has 15 columns; 500 rows stay far below PostgreSQL's 65,535 parameters.
BULK_BATCH_SIZE = 500


def _audited(model):
    return auditlog.contains(model) and not auditlog_disabled.get()


def _new_entry(instance, action, changes):
    """An unsaved LogEntry, filled like `LogEntry.objects.log_create` fills it."""
    pk = instance.pk
    try:
        name = smart_str(instance)
    except ObjectDoesNotExist:
        name = DEFAULT_OBJECT_REPR
    entry = LogEntry(
        content_type=ContentType.objects.get_for_model(instance),
        object_pk=smart_str(pk),
        object_id=pk if isinstance(pk, int) else None,
        object_repr=name,
        # None unless the model is registered with serialize_data (ours are not).
        serialized_data=LogEntry.objects._get_serialized_data_or_none(instance),
        action=action,
        changes=changes,
        cid=get_cid(),
    )
    get_additional_data = getattr(instance, "get_additional_data", None)
    if callable(get_additional_data):
        entry.additional_data = get_additional_data()
    return entry


def _save_entries(entries):
    if not entries:
        return []
    # auditlog's middleware and `set_actor` stamp the actor in LogEntry's pre_save, which
    # bulk_create does not send: send it as save() would.
    using = router.db_for_write(LogEntry)
    for entry in entries:
        pre_save.send(sender=LogEntry, instance=entry, raw=False, using=using, update_fields=None)
    return LogEntry.objects.bulk_create(entries, batch_size=BULK_BATCH_SIZE)


def log_bulk_create(objs):
    """Write CREATE entries for rows just saved by bulk_create (their pks must be set:
    `ignore_conflicts=True` sets none, so fetch those rows again). Returns the entries."""
    entries = []
    diffs = {}
    for obj in objs:
        model = type(obj)
        if not _audited(model):
            continue
        if obj.pk is None:
            raise ValueError(f"{obj!r} has no primary key; log the rows as stored.")
        if model not in diffs:
            diffs[model] = _creation_diff(obj)
        changes = diffs[model](obj)
        if changes:
            entries.append(_new_entry(obj, LogEntry.Action.CREATE, changes))
    return _save_entries(entries)


def _creation_diff(sample):
    """auditlog's `model_instance_diff(None, obj)` for the rows of `sample`'s model, with its
    choice of fields made once rather than per row (most of its cost in a bulk insert)."""
    model_fields = auditlog.get_model_fields(type(sample))
    if model_fields["mask_fields"]:
        return partial(model_instance_diff, None)
    fields = get_fields_in_model(sample)
    if model_fields["include_fields"]:
        fields = [f for f in fields if f.name in model_fields["include_fields"]]
    fields = [f for f in fields if f.name not in model_fields["exclude_fields"]]
    # The "old" values of a row that did not exist: the same for every row.
    before = [(field, get_field_value(None, field)) for field in fields]

    def diff(obj):
        changes = {}
        for field, old in before:
            new = get_field_value(obj, field)
            if old != new:
                changes[field.name] = (smart_str(old), smart_str(new))
        return changes or None

    return diff


def changed_copy(obj, **values):
    """A copy of `obj` with `values` set: the `after` of a row that update() changed."""
    after = copy.copy(obj)
    for name, value in values.items():
        if hasattr(value, "resolve_expression"):
            raise TypeError(f"{name}: log the value an expression gave, not the expression.")
        setattr(after, name, value)
    return after


def log_bulk_update(pairs, *, fields):
    """Write UPDATE entries for rows changed by QuerySet.update(): `pairs` of (before, after)
    instances, compared on `fields` like a save(update_fields=…). Unchanged rows get none."""
    entries = []
    for before, after in pairs:
        if not _audited(type(after)):
            continue
        changes = model_instance_diff(before, after, fields_to_check=list(fields))
        if changes:
            entries.append(_new_entry(after, LogEntry.Action.UPDATE, changes))
    return _save_entries(entries)


def update_logged(queryset, **values):
    """`queryset.update(**values)` with an UPDATE entry per changed row; returns the count.

    The rows are read locked first, so the entries say what this UPDATE changed even when
    someone else writes at the same time (a conditional update stays conditional)."""
    with transaction.atomic():
        rows = list(queryset.select_for_update(of=("self",)))
        if not rows:
            return 0
        count = queryset.filter(pk__in=[r.pk for r in rows]).update(**values)
        log_bulk_update([(r, changed_copy(r, **values)) for r in rows], fields=values)
    return count


def log_bulk_m2m_add(field_name, related_by_obj):
    """Write the entries auditlog's m2m receiver writes for `obj.<field_name>.add(…)`, for
    through rows saved by bulk_create: `related_by_obj` is [(obj, [related objects])]."""
    entries = []
    for obj, related in related_by_obj:
        model = type(obj)
        if not related or not _audited(model):
            continue
        # The registry has no public reader for the m2m fields it records.
        if field_name not in auditlog._registry[model]["m2m_fields"]:
            continue
        change = {"type": "m2m", "operation": "add", "objects": [smart_str(r) for r in related]}
        entries.append(_new_entry(obj, LogEntry.Action.UPDATE, {field_name: change}))
    return _save_entries(entries)


def log_bulk_delete(objs):
    """Write DELETE entries for rows deleted in bulk; pass the rows as they were."""
    entries = []
    for obj in objs:
        if not _audited(type(obj)):
            continue
        changes = model_instance_diff(obj, None)
        if changes:
            entries.append(_new_entry(obj, LogEntry.Action.DELETE, changes))
    return _save_entries(entries)


def delete_logged(queryset):
    """`queryset.delete()` with one DELETE entry per row, written in one query rather than
    one per row by auditlog's signal; returns how many rows went. For rows without cascades
    (their dependants would be deleted unlogged)."""
    with transaction.atomic():
        rows = list(queryset.select_for_update(of=("self",)))
        if not rows:
            return 0
        with disable_auditlog():
            count, _by_model = queryset.model._default_manager.filter(
                pk__in=[r.pk for r in rows]
            ).delete()
        log_bulk_delete(rows)
    return count
