"""The audit trail: what is recorded (and what never is), the Fachstelle's pages, retention."""

import datetime
import json

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from befragung import einladungen as befragung_einladungen
from befragung import freigabe, zugangscodes
from befragung.antworten import submit
from befragung.models import (
    Antwort,
    Befragung,
    Befragungseinladung,
    Frage,
    Rueckmeldung,
    WartendeRueckmeldung,
    Zugangscode,
)
from cockpit.audit import purge_expired
from cockpit.tasks import purge_audit_log
from gwa_portal.core.models import Role, User
from netzwerk.dsgvo import person_erase
from netzwerk.models import Person, Termin
from quartiere.models import Quartier

from ..factories import (
    AkteurFactory,
    BefragungFactory,
    EinladungFactory,
    FrageFactory,
    MitgliedschaftFactory,
    OrtFactory,
    PersonFactory,
    QuartierFactory,
    StadtteilFactory,
    TerminFactory,
)
from ..netzwerk.test_termine import termin_data
from ..quartiere.test_stammdaten import quartier_data

pytestmark = pytest.mark.django_db

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER
LIST = reverse("core:audit_list")


def entries_for(obj_or_model):
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    qs = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))
    if not isinstance(obj_or_model, type):
        qs = qs.filter(object_id=obj_or_model.pk)
    return qs.order_by("pk")


def history(obj):
    return reverse("core:audit_object", args=[obj._meta.app_label, obj._meta.model_name, obj.pk])


# --- what is recorded ------------------------------------------------------------------------


def test_every_domain_model_but_the_anonymous_survey_tables_is_registered():
    registered = {m._meta.label for m in auditlog.get_models()}

    domain = {
        m._meta.label
        for app in ("quartiere", "netzwerk", "befragung", "cockpit")
        for m in apps.get_app_config(app).get_models()
    }
    never = {
        "befragung.Rueckmeldung",
        "befragung.Antwort",
        "befragung.WartendeRueckmeldung",
        "befragung.Zugangscode",
    }
    assert registered == (domain - never) | {"core.User"}


def test_secrets_and_the_code_link_are_excluded_from_the_diff():
    fields = {m._meta.label: auditlog.get_model_fields(m)["exclude_fields"] for m in [User, Person]}
    assert {"password", "last_login"} <= set(fields["core.User"])
    assert "kalender_token" in fields["netzwerk.Person"]
    excluded = auditlog.get_model_fields(Befragungseinladung)["exclude_fields"]
    assert {"code_hash", "teilgenommen"} <= set(excluded)


def test_quartier_create_change_delete_through_the_views_are_logged_with_the_actor(
    client_as, fachstelle
):
    stadtteil = StadtteilFactory()
    client = client_as(F)
    client.post(reverse("quartiere:quartier_create"), quartier_data(stadtteil, name="Wiesenau"))
    quartier = Quartier.objects.get()
    client.post(
        reverse("quartiere:quartier_edit", args=[quartier.slug]),
        quartier_data(stadtteil, name="Wiesenau Nord", slug=quartier.slug),
    )
    client.post(reverse("quartiere:quartier_delete", args=[quartier.slug]))
    assert not Quartier.objects.exists()
    log = list(entries_for(quartier))
    assert [e.action for e in log] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
        LogEntry.Action.DELETE,
    ]
    assert {e.actor for e in log} == {fachstelle}
    assert log[1].changes["name"] == ["Wiesenau", "Wiesenau Nord"]
    assert "created_at" not in log[0].changes and "updated_at" not in log[1].changes
    assert all(e.remote_addr is None for e in log)


def test_termin_create_and_delete_through_the_views_are_logged_with_the_actor(
    client_as, fachstelle
):
    client = client_as(F)
    client.post(reverse("netzwerk:termin_create"), termin_data(OrtFactory()))
    termin = Termin.objects.get()
    client.post(reverse("netzwerk:termin_delete", args=[termin.pk]))
    assert not Termin.objects.exists()
    created, deleted = entries_for(termin)
    assert (created.action, deleted.action) == (LogEntry.Action.CREATE, LogEntry.Action.DELETE)
    assert created.actor == deleted.actor == fachstelle
    assert created.changes["titel"] == ["None", "Runder Tisch im Dezember"]
    agenda = entries_for(termin.tagesordnung.model).filter(action=LogEntry.Action.CREATE)
    assert agenda.count() == 3 and {e.actor for e in agenda} == {fachstelle}


def test_person_changes_through_the_views_are_logged_without_the_calendar_token(
    client_as, fachstelle
):
    client = client_as(F)
    data = {"name": "Ina Muster", "email": "ina@example.org", "einwilligung_zweck": "Einladungen"}
    client.post(reverse("netzwerk:person_create"), {**data, "einwilligung_am": "2024-03-01"})
    person = Person.objects.get()
    client.post(
        reverse("netzwerk:person_edit", args=[person.pk]),
        {**data, "einwilligung_am": "2024-03-01", "telefon": "0511 1"},
    )
    created, changed = entries_for(person)
    assert created.actor == changed.actor == fachstelle
    assert "kalender_token" not in created.changes
    assert changed.changes["telefon"] == ["", "0511 1"]


def test_background_jobs_and_commands_log_without_an_actor():
    quartier = QuartierFactory()
    assert entries_for(quartier).get().actor is None


def test_m2m_changes_are_logged_on_the_owning_object():
    akteur = AkteurFactory()
    quartier = QuartierFactory(name="Godshorn")
    akteur.quartiere.add(quartier)
    entry = entries_for(akteur).last()
    assert entry.changes["quartiere"] == {
        "type": "m2m",
        "operation": "add",
        "objects": ["Godshorn"],
    }


def test_answers_codes_and_their_redemption_are_never_logged():
    befragung = BefragungFactory(modus=Befragung.Modus.ZUGANGSCODE, status=Befragung.Status.LAEUFT)
    frage = FrageFactory(befragung=befragung, typ=Frage.Typ.ZAHL)
    person = PersonFactory()
    befragung_einladungen.invite(befragung=befragung, personen=[person])
    (code,) = zugangscodes.generate(befragung=befragung, anzahl=1)
    # The invitation holds the hash of its unused code (as the mail task leaves it).
    Befragungseinladung.objects.update(code_hash=Zugangscode.objects.get().code_hash)
    before = LogEntry.objects.count()
    submit(befragung=befragung, sprache="de", kanal="online", cleaned={frage: 3}, code=code)
    submit(befragung=befragung, sprache="de", kanal="papier", cleaned={frage: 4})
    befragung.status = Befragung.Status.BEENDET
    befragung.save(update_fields=["status"])  # logged: the one entry below
    assert freigabe.flush(befragung) == 2
    assert Rueckmeldung.objects.count() == 2 and Zugangscode.objects.filter(benutzt=True).exists()
    assert Befragungseinladung.objects.get().teilgenommen
    assert LogEntry.objects.count() == before + 1
    anonymous = ContentType.objects.get_for_models(
        Rueckmeldung, Antwort, WartendeRueckmeldung, Zugangscode
    ).values()
    assert not LogEntry.objects.filter(content_type__in=anonymous).exists()
    for entry in entries_for(Befragungseinladung):
        assert "code_hash" not in entry.changes and "teilgenommen" not in entry.changes
    Rueckmeldung.objects.all().delete()
    assert not LogEntry.objects.filter(content_type__in=anonymous).exists()


def test_survey_deletion_cascades_to_answers_and_codes_without_logging_them():
    befragung = BefragungFactory()
    frage = FrageFactory(befragung=befragung, typ=Frage.Typ.ZAHL)
    zugangscodes.generate(befragung=befragung, anzahl=3)
    submit(befragung=befragung, sprache="de", kanal="papier", cleaned={frage: 4})
    befragung.delete()
    anonymous = ContentType.objects.get_for_models(Rueckmeldung, Antwort, Zugangscode).values()
    assert not LogEntry.objects.filter(content_type__in=anonymous).exists()
    assert entries_for(Befragung).filter(action=LogEntry.Action.DELETE).count() == 1


# --- DSGVO erasure ---------------------------------------------------------------------------


def _log_text():
    return json.dumps(
        list(LogEntry.objects.values_list("object_repr", "changes")), ensure_ascii=False
    )


def test_erased_person_leaves_no_personal_data_in_the_log(fachstelle):
    person = PersonFactory(name="Jürgen Älterer", email="juergen@example.org", telefon="0511 9")
    person.name = "Jürgen Älter-Neu"
    person.save()
    einladung = EinladungFactory(person=person, termin=TerminFactory(titel="AG Senioren"))
    einladung.kommentar = "Ich komme mit Rollator"
    einladung.save()
    MitgliedschaftFactory(person=person)
    secrets = ["Jürgen Älterer", "Jürgen Älter-Neu", "juergen@example.org", "0511 9", "Rollator"]
    assert all(s in _log_text() for s in secrets)
    person_erase(person=person, by=fachstelle)
    text = _log_text()
    assert [s for s in secrets if s in text] == []
    own = list(entries_for(person))
    assert len(own) == 3  # created, renamed, erased: who and when stay
    assert own[-1].changes["geloescht_am"][0] == "None"
    assert own[0].changes["name"] == ["None", "[gelöscht]"]
    assert {e.object_repr for e in own} == {f"Gelöschte Person {person.pk}"}
    assert entries_for(einladung).first().object_repr.startswith(f"Gelöschte Person {person.pk}")


def test_erasure_leaves_other_people_and_the_linked_account_alone(fachstelle):
    user = User.objects.create_user(email="ina@example.org", name="Ina Zugang", role=P)
    person = PersonFactory(name="Ina Zugang", email="ina@example.org", user=user)
    other = PersonFactory(name="Otto Anders")
    person_erase(person=person, by=fachstelle)
    assert "Otto Anders" in _log_text()
    assert entries_for(user).get().changes["email"] == ["None", "ina@example.org"]
    assert entries_for(other).get().object_repr == "Otto Anders"


# --- retention -------------------------------------------------------------------------------


def _aged(days, now):
    quartier = QuartierFactory()
    entries_for(quartier).update(timestamp=now - datetime.timedelta(days=days))
    return quartier


def test_purge_deletes_entries_older_than_the_retention_in_batches(settings):
    settings.GWA_AUDIT_RETENTION_DAYS = 30
    now = timezone.now()
    old = [_aged(31, now) for _ in range(5)]
    young = _aged(29, now)
    assert purge_expired(now=now, batch_size=2) == 5
    assert not entries_for(Quartier).filter(object_id__in=[q.pk for q in old]).exists()
    assert entries_for(young).exists()
    assert purge_expired(now=now) == 0


def test_beat_task_and_command_enforce_the_retention(settings, capsys):
    settings.GWA_AUDIT_RETENTION_DAYS = 730
    now = timezone.now()
    _aged(731, now)
    _aged(731, now)
    keep = _aged(10, now)
    assert purge_audit_log.delay().get() == 2
    _aged(800, now)
    call_command("audit_bereinigen")
    out = capsys.readouterr().out
    assert out.startswith("1 Protokolleinträge vor dem ") and "730 Tage" in out
    assert list(entries_for(Quartier).values_list("object_id", flat=True)) == [keep.pk]


def test_retention_is_configured_and_scheduled(settings):
    from django.conf import settings as live

    assert live.GWA_AUDIT_RETENTION_DAYS == 730
    job = live.CELERY_BEAT_SCHEDULE["cockpit-purge-audit-log"]
    assert job["task"] == "cockpit.tasks.purge_audit_log"


# --- pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [K, V, P])
def test_only_the_fachstelle_sees_the_log(client_as, role):
    quartier = QuartierFactory()
    client = client_as(role)
    assert client.get(LIST).status_code == 403
    assert client.get(history(quartier)).status_code == 403


def test_anonymous_is_sent_to_the_login(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "login" in response["Location"]


def test_list_shows_who_when_what_and_old_to_new_values(client_as, fachstelle):
    client = client_as(F)
    stadtteil = StadtteilFactory()
    client.post(reverse("quartiere:quartier_create"), quartier_data(stadtteil, name="Wiesenau"))
    quartier = Quartier.objects.get()
    client.post(
        reverse("quartiere:quartier_edit", args=[quartier.slug]),
        quartier_data(stadtteil, name="Wiesenau Nord", slug=quartier.slug),
    )
    entry = entries_for(quartier).last()
    body = client.get(LIST).content.decode()
    assert "Alice Fachstelle" in body
    assert timezone.localtime(entry.timestamp).strftime("%d.%m.%Y %H:%M") in body
    assert "<del>Wiesenau</del> → <ins>Wiesenau Nord</ins>" in body
    assert "geändert" in body and "angelegt" in body
    assert history(quartier) in body
    assert f"<ins>{stadtteil}</ins>" in body  # a foreign key shows the object's name


def test_list_is_newest_first_and_filters(client_as, fachstelle):
    old = QuartierFactory(name="Alt")
    LogEntry.objects.update(timestamp=timezone.now() - datetime.timedelta(days=3))
    client = client_as(F)
    client.post(reverse("netzwerk:person_create"), {"name": "Ina Muster", "email": ""})
    log = client.get(LIST).context["page"].object_list
    assert log[0].object_repr == "Ina Muster"

    def shown(**params):
        return {e.object_repr for e in client.get(LIST, params).context["page"].object_list}

    two_days_ago = timezone.localdate() - datetime.timedelta(days=2)
    assert shown(content_type=ContentType.objects.get_for_model(Person).pk) == {"Ina Muster"}
    assert shown(action=LogEntry.Action.UPDATE) == set()
    assert shown(actor=fachstelle.pk) == {"Ina Muster"}
    assert shown(von=timezone.localdate().isoformat()) == {"Ina Muster"}
    assert "Alt" in shown(bis=two_days_ago.isoformat())
    assert "Ina Muster" not in shown(bis=two_days_ago.isoformat())
    assert "Alt" in shown(object_id=old.pk)


def test_bad_filter_values_do_not_break_the_list(client_as):
    QuartierFactory(name="Sichtbar")
    response = client_as(F).get(LIST, {"content_type": "x", "von": "gestern", "object_id": "-1"})
    assert response.status_code == 200
    assert "Sichtbar" in [e.object_repr for e in response.context["page"].object_list]


def test_list_counts_at_most_the_limit_and_says_more_than(client_as, monkeypatch):
    from gwa_portal.core import views_audit

    monkeypatch.setattr(views_audit, "COUNT_LIMIT", 3)
    client = client_as(Role.FACHSTELLE)
    for n in range(5):
        QuartierFactory(name=f"Quartier {n}")
    entries = LogEntry.objects.count()
    assert entries > 3
    body = client.get(LIST).content.decode()
    assert "Mehr als 3 Einträge" in body
    assert f"{entries} Einträge" not in body
    quartier = Quartier.objects.first()
    filtered = client.get(
        LIST,
        {"object_id": quartier.pk, "content_type": ContentType.objects.get_for_model(Quartier).pk},
    ).content.decode()
    assert "1 Eintrag" in filtered and "Mehr als" not in filtered


def test_list_query_count_is_constant(client_as, django_assert_max_num_queries):
    client = client_as(F)
    # One request first: per-process caches (content types, the filter's choices) are filled
    # by whichever test of the worker comes first, so only later requests compare.
    assert client.get(LIST).status_code == 200
    counts = []
    for n in (10, 200):
        for _ in range(n // 2):
            termin = TerminFactory()
            termin.titel = "Neu"
            termin.save()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(12):
        client.get(LIST)


def test_object_history_shows_only_that_object_and_survives_deletion(client_as):
    quartier = QuartierFactory(name="Godshorn")
    QuartierFactory(name="Anderswo")
    client = client_as(F)
    page = client.get(history(quartier))
    assert {e.object_repr for e in page.context["page"].object_list} == {"Godshorn"}
    assert quartier.get_absolute_url() in page.content.decode()
    url = history(quartier)
    quartier.delete()
    body = client.get(url).content.decode()
    assert "Der Eintrag existiert nicht mehr." in body and "gelöscht" in body


def test_object_history_404_for_unknown_and_unaudited_models(client_as):
    client = client_as(F)
    assert client.get("/portal/protokoll/quartiere/quartier/999/").status_code == 404
    assert client.get("/portal/protokoll/befragung/rueckmeldung/1/").status_code == 404
    assert client.get("/portal/protokoll/nix/nix/1/").status_code == 404


def test_object_history_query_count_is_constant(client_as, django_assert_max_num_queries):
    termin = TerminFactory()
    client = client_as(F)
    for n in (3, 60):
        for i in range(n):
            termin.titel = f"Titel {n} {i}"
            termin.save()
        with django_assert_max_num_queries(12):
            client.get(history(termin))


@pytest.mark.parametrize(
    ("factory", "url"),
    [
        (QuartierFactory, lambda o: o.get_absolute_url()),
        (TerminFactory, lambda o: reverse("netzwerk:termin_detail", args=[o.pk])),
        (PersonFactory, lambda o: reverse("netzwerk:person_detail", args=[o.pk])),
        (BefragungFactory, lambda o: reverse("befragung:detail", args=[o.slug])),
        (lambda: MitgliedschaftFactory().gremium, lambda o: o.get_absolute_url()),
    ],
)
def test_detail_pages_link_the_history_for_the_fachstelle_only(client_as, factory, url):
    obj = factory()
    assert history(obj) in client_as(F).get(url(obj)).content.decode()
    assert history(obj) not in client_as(K).get(url(obj)).content.decode()
