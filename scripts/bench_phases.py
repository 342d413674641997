"""The child phases of `make bench` (scripts/bench.py `--phase NAME`): the work that needs
Django runs in child processes, one per database and environment, because Django reads its
settings once per process."""

import datetime
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

from scripts import bench_lighthouse
from scripts.bench_proc import BIN, ROOT, Sink, log, start_group, stop_group, wait_for_log

FANOUT = 1_000


def django_setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gwa_portal.settings")
    import django

    django.setup()


def phase_prepare(args):
    """Migrate, and seed at `scale` unless the bench data of that scale is there."""
    import io

    from django.core.management import call_command

    from cockpit.management.commands.seed_city import PER_SCALE

    call_command("migrate", interactive=False, verbosity=0)
    from befragung.models import Rueckmeldung
    from netzwerk.models import Akteur, Einladung, Gremium, Person, Termin
    from quartiere.models import Aktivitaet, Quartier

    expected = PER_SCALE["quartiere"] * args.scale
    found = Quartier.objects.filter(name__startswith="Bench Quartier ").count()
    seconds = None
    if found != expected:
        log(f"seed_city --scale {args.scale} (found {found} Bench Quartiere, want {expected})")
        started = time.monotonic()
        out = io.StringIO()
        call_command("seed_city", scale=args.scale, replace=True, force=True, stdout=out)
        seconds = time.monotonic() - started
        log(out.getvalue().strip())
    counts = {
        "Quartiere": Quartier.objects.filter(name__startswith="Bench").count(),
        "Akteure": Akteur.objects.filter(name__startswith="Bench").count(),
        "Personen": Person.objects.filter(name__startswith="Bench Person").count(),
        "Gremien": Gremium.objects.filter(name__startswith="Bench").count(),
        "Termine": Termin.objects.filter(titel__startswith="Bench Termin").count(),
        "Einladungen": Einladung.objects.filter(termin__titel__startswith="Bench Termin").count(),
        "Aktivitäten": Aktivitaet.objects.filter(kurzbeschreibung__startswith="Bench").count(),
        "Rückmeldungen": Rueckmeldung.objects.filter(
            befragung__slug__startswith="bench-befragung-"
        ).count(),
    }
    return {"seeded_seconds": seconds, "counts": counts}


def phase_queries(args):
    from django.test import Client

    from scripts import bench_pages as bench

    staff = Client(HTTP_HOST="127.0.0.1")
    staff.force_login(bench.ensure_bench_user())
    results = bench.query_counts(staff, Client(HTTP_HOST="127.0.0.1"))
    return {label: {"url": u, "status": s, "queries": q} for label, (u, s, q) in results.items()}


def phase_session(args):
    """A logged-in session of the bench user (signed with this environment's SECRET_KEY) and
    the URLs of the pages."""
    from django.conf import settings
    from django.test import Client

    from scripts import bench_pages as bench

    client = Client()
    client.force_login(bench.ensure_bench_user())
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    pages = [
        {"label": page.label, "url": url, "public": page.public}
        for page, url in bench.page_urls(bench.bench_objects())
    ]
    return {"cookie": cookie, "pages": pages}


def phase_smtp_sink(args):
    """An SMTP server on loopback that prints "<time> <bytes>" per message; stops on stdin EOF."""
    from aiosmtpd.controller import Controller

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            sys.stdout.write(f"{time.time():.6f} {len(envelope.content)}\n")
            sys.stdout.flush()
            return "250 Message accepted for delivery"

    controller = Controller(Handler(), hostname="127.0.0.1", port=args.port)
    controller.start()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    sys.stdin.read()
    controller.stop()


def phase_fanout(args):
    """1,000 Einladungen through a Celery worker (prefork, 2 processes) to the SMTP sink, then a
    smtplib loop with 1,000 messages of the same size over one connection. Runs with
    EMAIL_URL pointing at the sink (set by main before Django reads the settings)."""
    import email.policy
    import smtplib

    import redis
    from django.db import transaction
    from django.utils import timezone

    from netzwerk import einladungen, mails
    from netzwerk.models import Einladung, Person, Termin

    broker = os.environ["CELERY_BROKER_URL"]
    redis.Redis.from_url(broker, socket_connect_timeout=3).flushdb()
    log(f"flushed {broker}")

    personen = list(Person.objects.filter(email__startswith="bench-fanout-").order_by("pk"))
    if len(personen) != FANOUT:
        Person.objects.filter(email__startswith="bench-fanout-").delete()
        personen = Person.objects.bulk_create(
            Person(
                name=f"Bench Fanout Person {i}",
                email=f"bench-fanout-{i}@example.org",
                einwilligung_am=datetime.date(2024, 1, 1),
                einwilligung_zweck="Benchmark",
                kalender_token=f"bench-fanout-{i}-{secrets.token_hex(8)}",
            )
            for i in range(FANOUT)
        )
    beginn = timezone.now() + datetime.timedelta(days=7)
    termin, _ = Termin.objects.update_or_create(
        titel="Bench Fanout Termin",
        defaults={"beginn": beginn, "ende": beginn + datetime.timedelta(hours=2)},
    )
    Einladung.objects.filter(termin=termin).delete()

    sink = Sink(os.environ | {"EMAIL_URL": ""})
    result = {}
    worker_log = Path(args.tmp) / "celery-worker.log"
    worker = None
    try:
        env = os.environ | {"EMAIL_URL": f"smtp://127.0.0.1:{sink.port}"}
        with open(worker_log, "wb") as out:
            worker = start_group(
                [
                    str(BIN / "celery"),
                    "-A",
                    "gwa_portal",
                    "worker",
                    "--pool=prefork",
                    "--concurrency=2",
                    "--loglevel=INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "--hostname",
                    f"bench-{os.getpid()}@%h",
                ],
                out,
                env,
            )
        wait_for_log(worker_log, r"ready\.", worker, timeout=90)
        log(f"celery worker ready (pid {worker.pid}); inviting {FANOUT} Personen")

        started = time.time()
        with transaction.atomic():
            einladungen.invite(termin=termin, personen=personen)
        enqueued = time.time()
        arrivals = sink.wait_for(FANOUT, timeout=900)
        if len(arrivals) < FANOUT:
            raise RuntimeError(f"only {len(arrivals)} of {FANOUT} invitations arrived in 900 s")
        last = arrivals[FANOUT - 1][0]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            sent = Einladung.objects.filter(termin=termin, sent_at__isnull=False).count()
            if sent == FANOUT:
                break
            time.sleep(0.5)
        sizes = [size for _, size in arrivals[:FANOUT]]
        result["worker"] = {
            "messages": FANOUT,
            "enqueue_seconds": enqueued - started,
            "seconds": last - started,
            "per_second": FANOUT / (last - started),
            "mean_bytes": statistics.mean(sizes),
            "marked_sent": sent,
            "extra_messages": len(sink.arrivals) - FANOUT,
        }
        log(f"worker: {result['worker']}")
    finally:
        if worker is not None:
            stop_group(worker)
            log("celery worker stopped")

    try:
        einladung = Einladung.objects.select_related("termin", "person").filter(termin=termin)[0]
        # As Django's SMTP backend serialises it (CRLF line ends).
        sample = mails.invitation_mail(einladung).message(policy=email.policy.SMTP)
        sample = sample.as_bytes()
        offset = len(sink.arrivals)
        started = time.time()
        with smtplib.SMTP("127.0.0.1", sink.port, timeout=20) as smtp:
            for i in range(FANOUT):
                smtp.sendmail("gwa@langenhagen.example", [f"bench-smtplib-{i}@example.org"], sample)
        arrivals = sink.wait_for(offset + FANOUT, timeout=300)[offset:]
        last = arrivals[FANOUT - 1][0]
        result["smtplib"] = {
            "messages": FANOUT,
            "seconds": last - started,
            "per_second": FANOUT / (last - started),
            "mean_bytes": statistics.mean(size for _, size in arrivals[:FANOUT]),
        }
        log(f"smtplib: {result['smtplib']}")
    finally:
        sink.stop()
        # The fan-out's own audit entries would otherwise head the scale-1 audit list in the
        # next run's query counts, unlike the scale-5 one (seed_city's entries).
        from auditlog.models import LogEntry

        LogEntry.objects.filter(object_repr__contains="Bench Fanout").delete()
    return result


def phase_submissions_prepare(args):
    """The one-step bench survey (emptied) and `--count` complete, valid bodies for its form."""
    from scripts import bench_pages as bench

    befragung = bench.ensure_submission_survey()
    return {
        "befragung_id": befragung.pk,
        "path": befragung.get_public_url(),
        "fragen": befragung.fragen.count(),
        "bodies": bench.submission_bodies(befragung, args.count),
    }


def phase_submissions_cleanup(args):
    """How many Rückmeldungen the run wrote to the bench survey; then they are deleted."""
    from befragung import freigabe
    from befragung.models import Antwort, Befragung, Rueckmeldung
    from scripts import bench_pages as bench

    # Answers wait for their batch; release the rest, as the survey's end would.
    freigabe.flush(Befragung.objects.get(slug=bench.SUBMISSION_SLUG), final=True)
    rueckmeldungen = Rueckmeldung.objects.filter(befragung__slug=bench.SUBMISSION_SLUG)
    result = {
        "rueckmeldungen": rueckmeldungen.count(),
        "antworten": Antwort.objects.filter(rueckmeldung__in=rueckmeldungen).count(),
    }
    rueckmeldungen.delete()
    return result


PHASES = {
    "prepare": phase_prepare,
    "queries": phase_queries,
    "session": phase_session,
    "fanout": phase_fanout,
    "submissions-prepare": phase_submissions_prepare,
    "submissions-cleanup": phase_submissions_cleanup,
    "lighthouse-session": bench_lighthouse.phase_session,
}
