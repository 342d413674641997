"""Races on PostgreSQL: two requests at the same moment must not both take the last place,
and a task delivered twice must mail once. Row locks decide; SQLite has none, so these run
on PostgreSQL only (CI runs the suite on PostgreSQL; locally set DATABASE_URL=postgres://…).

Each test starts two threads with a Barrier and widens the race window on purpose (a pause
between reading and writing): without the row lock both threads would win.
"""

import threading
import time

import pytest
from django.core import mail
from django.db import connections

from gwa_portal.core.models import Role
from netzwerk import einladungen, fortbildungen, tasks
from netzwerk.models import Anmeldung, Einladung
from netzwerk.tasks import einladungen as einladungen_tasks

from ..factories import EinladungFactory, FortbildungFactory, TerminFactory

# Needs PostgreSQL row locks (SELECT … FOR UPDATE): skips locally on SQLite, fails in CI.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("needs_postgresql"),
]

RACE_WINDOW = 0.3  # seconds between a thread's read and its write


def run_together(*calls):
    """Run each call in its own thread, all released at once; return results or exceptions."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=5)
            results[index] = call()
        except Exception as error:  # the test inspects what each thread raised
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return results


def test_two_coordinators_registering_for_the_last_place_one_gets_it_one_waits(
    make_user, monkeypatch
):
    fortbildung = FortbildungFactory(kapazitaet=1)
    anna, ben = make_user(Role.KOORDINATION), make_user(Role.KOORDINATION)
    counted = fortbildungen._taken

    def slow_taken(locked):
        taken = counted(locked)
        time.sleep(RACE_WINDOW)
        return taken

    monkeypatch.setattr(fortbildungen, "_taken", slow_taken)

    results = run_together(
        lambda: fortbildungen.register(fortbildung=fortbildung, user=anna),
        lambda: fortbildungen.register(fortbildung=fortbildung, user=ben),
    )

    assert all(isinstance(r, Anmeldung) for r in results), results
    statuses = sorted(fortbildung.anmeldungen.values_list("status", flat=True))
    assert statuses == [Anmeldung.Status.ANGEMELDET, Anmeldung.Status.WARTELISTE]


def test_two_zusagen_for_the_last_place_one_is_accepted_one_is_told_it_is_full(monkeypatch):
    termin = TerminFactory(kapazitaet=1)
    first, second = EinladungFactory(termin=termin), EinladungFactory(termin=termin)
    saved = Einladung.save

    def slow_save(self, *args, **kwargs):
        time.sleep(RACE_WINDOW)
        return saved(self, *args, **kwargs)

    monkeypatch.setattr(Einladung, "save", slow_save)

    results = run_together(
        *(
            lambda e=e: einladungen.answer(
                einladung=Einladung.objects.get(pk=e.pk), antwort=Einladung.Antwort.ZUGESAGT
            )
            for e in (first, second)
        )
    )

    assert sorted(type(r).__name__ for r in results) == ["NoneType", "TerminAusgebucht"]
    answers = sorted(termin.einladungen.values_list("antwort", flat=True))
    assert answers == [Einladung.Antwort.OFFEN, Einladung.Antwort.ZUGESAGT]
    assert einladungen.free_places(termin) == 0


def test_send_invitation_delivered_twice_at_once_mails_once(monkeypatch):
    einladung = EinladungFactory(termin=TerminFactory())
    loser_done = threading.Event()
    winner_saw_loser_finish = []
    send = einladungen_tasks.send_reusing_connection

    def send_slowly(message):
        # Hold the claim inside the SMTP call until the other run has given up: it must not
        # wait (the chunk's row lock is released before sending, the claim is not a lock).
        winner_saw_loser_finish.append(loser_done.wait(timeout=5))
        return send(message)

    monkeypatch.setattr(einladungen_tasks, "send_reusing_connection", send_slowly)

    def deliver():
        sent = tasks.send_invitation(einladung.pk)
        if not sent:
            loser_done.set()
        return sent

    results = run_together(deliver, deliver)

    assert sorted(results) == [False, True]
    assert winner_saw_loser_finish == [True], "the second run waited for the lock"
    assert [m.to for m in mail.outbox] == [[einladung.person.email]]
    einladung.refresh_from_db()
    assert (einladung.sent_sequence, einladung.send_error) == (0, "")
