"""The outbox: a row records each mail before Celery is asked, a task sends it once, and a
periodic sweep sends what a broker outage left behind. Tasks are called by their registered
name, so domain code never imports a tasks module.

Rows with a `sending_started_at` column are sent at most once: the task commits that claim
before the SMTP call and clears it with the "sent" mark after it. A worker killed in between
leaves the claim; the row is then "Versand unklar" and only a person sends it again.
"""

import datetime
import functools
import logging

from celery import current_app
from django.db import connections, router, transaction

log = logging.getLogger(__name__)

# Bounded batches: a long outage is worked off over a few sweeps instead of one huge run.
SWEEP_BATCH = 500
# A claim this old whose SMTP call never returned: the worker died mid-send ("Versand unklar").
# Longer than the SMTP timeout, so that a slow but living send is not shown as unclear.
SEND_CLAIM_STALE = datetime.timedelta(minutes=10)


def task_named(name):
    """The registered Celery task `name`.

    Not `send_task`: it ignores `task_always_eager`, with which the development server and the
    tests run tasks in-process."""
    if name not in current_app.tasks:
        # No tasks module imported yet (a web process): import every app's tasks module. Not
        # `loader.import_default_modules()`: Celery's Django fixup runs all system checks there.
        current_app.autodiscover_tasks(force=True)
    return current_app.tasks[name]


def enqueue(name, *args):
    """Enqueue task `name` without failing the request: if the broker is down, the row stays in
    the outbox and the sweep sends it. Returns whether the broker took the task."""
    task = task_named(name)
    try:
        task.delay(*args)
    except Exception as error:  # any broker error: the row stays in the outbox for the sweep
        log.warning("enqueue %s%r failed, the sweep will retry: %s", name, args, error)
        return False
    return True


def enqueue_each(name, ids):
    """Enqueue `name(id)` for every id, and stop at the first broker failure: each failed
    attempt costs the request time, and the sweep picks up all the rows anyway."""
    return all(enqueue(name, pk) for pk in ids)


def enqueue_each_on_commit(name, ids):
    """`enqueue_each` once the current transaction has committed the outbox rows."""
    ids = list(ids)
    if ids:
        transaction.on_commit(lambda: enqueue_each(name, ids))


def enqueue_chunks(name, ids, *, size):
    """Enqueue `name([id, …])` for every `size` ids: one task sends a chunk over one SMTP
    connection, and the broker carries a message per chunk instead of one per row. Stops at
    the first broker failure, like `enqueue_each`."""
    ids = list(ids)
    return all(enqueue(name, ids[i : i + size]) for i in range(0, len(ids), size))


def enqueue_chunks_on_commit(name, ids, *, size):
    """`enqueue_chunks` once the current transaction has committed the outbox rows."""
    ids = list(ids)
    if ids:
        transaction.on_commit(lambda: enqueue_chunks(name, ids, size=size))


def lock(queryset, pk):
    """Row `pk` of `queryset`, locked until the end of the transaction; None when it is gone or
    locked by a second run of the same task (or by the sweep racing a delayed worker)."""
    return queryset.select_for_update(skip_locked=True, of=("self",)).filter(pk=pk).first()


def error_text(error, *, model):
    """Why a send failed, cut to fit `model.send_error`, for the staff to see."""
    max_length = model._meta.get_field("send_error").max_length
    return str(error)[:max_length] or error.__class__.__name__


def sweep_ids(queryset):
    """The first batch of `queryset`'s pks, oldest first, for one run of a sweep."""
    return list(queryset.order_by("pk").values_list("pk", flat=True)[:SWEEP_BATCH])


def run_each(task, ids):
    """Run `task(id)` in this process for every id (a sweep that sends itself). A failing row
    must not hold back the others: it is logged and stays in the outbox for the next sweep.
    Returns how many mails went out."""
    sent = 0
    for pk in ids:
        try:
            sent += bool(task(pk))
        except Exception:
            log.exception("%s(%s) failed, next sweep retries", task.name, pk)
    return sent


def claim(row, *, now):
    """Mark `row` (locked by `lock`) as being sent. The caller commits this before the SMTP
    call, in its own transaction; from then on neither the task nor the sweep sends it again."""
    row.sending_started_at = now
    row.save(update_fields=["sending_started_at"])


def lock_many(queryset, pks):
    """The rows `pks` of `queryset` that no other transaction holds, locked until the end of
    the transaction, in pk order (so that two chunks never wait for each other crosswise)."""
    return list(
        queryset.select_for_update(skip_locked=True, of=("self",)).filter(pk__in=pks).order_by("pk")
    )


def claim_unchanged(model, pk, *, now, **unchanged):
    """Claim row `pk` in one UPDATE (autocommit) if nobody has claimed it and its `unchanged`
    fields still hold the values the mail was rendered from. Returns whether it did.

    For a task that renders a chunk under `lock_many` and claims each row just before its own
    SMTP call: a row another run sent, claimed or changed meanwhile is left alone."""
    rows = model.objects.filter(pk=pk, sending_started_at=None, **unchanged)
    return bool(rows.update(sending_started_at=now))


def release_and_claim(model, pk, *, now, previous, **unchanged):
    """`release(model, **previous)` and `claim_unchanged(model, pk, now=now, **unchanged)` in
    one UPDATE: one statement and one commit per mail of a chunk, with the semantics of the
    two (each row's condition is its own; the release may fail while the claim succeeds).
    Returns whether the claim did."""
    if previous is None:
        return claim_unchanged(model, pk, now=now, **unchanged)
    released = dict(previous)
    previous_pk, claimed_at = released.pop("pk"), released.pop("claimed_at")
    connection = connections[router.db_for_write(model)]
    sql, fields, unchanged_fields = _release_and_claim_sql(
        model, connection.alias, tuple(released), tuple(unchanged)
    )
    started = fields[0]
    params = [pk, started.get_db_prep_save(now, connection)]
    for field, data in zip(fields[1:], released.values(), strict=True):
        params += [previous_pk, field.get_db_prep_save(data, connection)]
    params += [previous_pk, started.get_db_prep_save(claimed_at, connection), pk]
    for field, data in zip(unchanged_fields, unchanged.values(), strict=True):
        params.append(field.get_db_prep_save(data, connection))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return any(row[0] == pk for row in cursor.fetchall())


@functools.cache
def _release_and_claim_sql(model, alias, released, unchanged):
    """The UPDATE of `release_and_claim`, and the fields of its values in order."""
    name = connections[alias].ops.quote_name
    meta = model._meta
    pk = name(meta.pk.column)
    started = meta.get_field("sending_started_at")
    started_column = name(started.column)
    sets = [f"{started_column} = CASE WHEN {pk} = %s THEN %s ELSE NULL END"]
    fields = [started]
    for field_name in released:
        field = meta.get_field(field_name)
        column = name(field.column)
        sets.append(f"{column} = CASE WHEN {pk} = %s THEN %s ELSE {column} END")
        fields.append(field)
    unchanged_fields = [meta.get_field(field_name) for field_name in unchanged]
    claim = [f"{pk} = %s", f"{started_column} IS NULL"]
    claim += [f"{name(field.column)} = %s" for field in unchanged_fields]
    sql = (
        f"UPDATE {name(meta.db_table)} SET {', '.join(sets)}"  # noqa: S608 – names from _meta
        f" WHERE ({pk} = %s AND {started_column} = %s) OR ({' AND '.join(claim)})"
        f" RETURNING {pk}"
    )
    return sql, fields, unchanged_fields


def release(model, pk, *, claimed_at, **fields):
    """The SMTP call returned: clear the claim of `pk` and set `fields` in one UPDATE (its own
    transaction). Nothing changes when the claim is no longer `claimed_at` (a person released
    the row meanwhile to send it again). Returns whether the row was updated."""
    rows = model.objects.filter(pk=pk, sending_started_at=claimed_at)
    return bool(rows.update(sending_started_at=None, **fields))


def is_unclear(row, *, now):
    """Whether the send of `row` began so long ago that its worker must have died mid-send."""
    started = row.sending_started_at
    return started is not None and started < now - SEND_CLAIM_STALE
