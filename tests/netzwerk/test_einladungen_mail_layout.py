"""Invitation mails serialised once per Termin and sequence: what a chunk sends is, byte for
byte, the mail Django builds for that invitee (but for Date, Message-ID and boundary), and a
template that asks more of the invitee than the slots hold is rendered per invitee."""

import email
import re
from email import policy
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail

from gwa_portal.core.mail import SerialisedMail
from netzwerk import einladungen, mails, tasks
from netzwerk.models import Einladung

from ..factories import EinladungFactory, PersonFactory, TagesordnungspunktFactory, TerminFactory

pytestmark = pytest.mark.django_db

NAMES = [
    "Ada Beispiel",
    'Müller & <Söhne> "Vorsitz"; O\'Brien',
    "Zoë " + "Langer-Name" * 8,  # a text line longer than 78 octets: quoted-printable
    "Ö" * 90,  # mostly non-ASCII and long: base64
]


def normalised(data):
    """The bytes without what differs between any two builds of one mail."""
    boundary = re.search(rb'boundary="([^"]+)"', data).group(1)
    data = data.replace(boundary, b"BOUNDARY")
    data = re.sub(rb"\r\nDate: [^\r]+", b"\r\nDate: -", data)
    data = re.sub(rb"\r\nMessage-ID: [^\r]+", b"\r\nMessage-ID: -", data)
    return re.sub(rb"DTSTAMP:[0-9TZ]+", b"DTSTAMP:-", data)


def as_django_sends_it(message):
    return message.message(policy=policy.SMTP).as_bytes()


def loaded(rows):
    pks = [e.pk for e in rows]
    found = Einladung.objects.select_related("termin", "termin__ort", "person").in_bulk(pks)
    return [found[pk] for pk in pks]


def test_the_serialised_mail_is_the_one_django_builds_for_each_invitee():
    termin = TerminFactory(beschreibung="Bitte pünktlich;\nmit Kaffee, Tee", online_link="")
    TagesordnungspunktFactory(termin=termin, position=1, titel="Spielplatz & Bänke")
    rows = loaded(
        [EinladungFactory(termin=termin, person=PersonFactory(name=name)) for name in NAMES]
    )
    builder = mails.InvitationMails()

    serialised = [builder.mail(einladung) for einladung in rows]

    assert all(isinstance(message, SerialisedMail) for message in serialised)
    for einladung, message in zip(rows, serialised, strict=True):
        slow = as_django_sends_it(builder.built(einladung))
        assert normalised(message.data) == normalised(slow)
        # What other mailers and the tests read is the same mail.
        assert normalised(as_django_sends_it(message)) == normalised(slow)
        assert message.to == [einladung.person.email]
        assert einladung.rsvp_token in message.body
    # Each mail's parts have the encodings email chooses for their content.
    encodings = [
        [p["Content-Transfer-Encoding"] for p in message.message().iter_parts()]
        for message in serialised
    ]
    assert encodings[0] == ["8bit", "quoted-printable", "base64"]
    assert encodings[2] == ["quoted-printable", "quoted-printable", "base64"]
    assert encodings[3] == ["base64", "base64", "base64"]
    # Each invitee's mail has their own name (escaped in HTML), link and calendar address.
    first, second = (
        email.message_from_bytes(m.data, policy=policy.default) for m in serialised[:2]
    )
    html = second.get_body(("html",)).get_content()
    assert "Müller &amp; &lt;Söhne&gt; &quot;Vorsitz&quot;; O&#x27;Brien" in html
    assert rows[1].rsvp_token not in first.get_body(("plain",)).get_content()
    assert rows[0].person.email.encode() not in serialised[1].data


@pytest.mark.parametrize("change", ["update", "cancel"])
def test_updates_and_cancellations_are_serialised_like_django_builds_them(change):
    termin = TerminFactory()
    rows = [EinladungFactory(termin=termin, sent_sequence=0) for _ in range(2)]
    termin.sequence = 1
    if change == "cancel":
        termin.status = termin.Status.ABGESAGT
    termin.save()
    builder = mails.InvitationMails()
    for einladung in loaded(rows):
        message = builder.mail(einladung)
        assert isinstance(message, SerialisedMail)
        assert normalised(message.data) == normalised(as_django_sends_it(builder.built(einladung)))
        subject = "Abgesagt: " if change == "cancel" else "Geändert: "
        assert message.subject.startswith(subject)


def test_an_address_the_layout_cannot_write_is_built_by_django():
    person = PersonFactory(email="jürgen@bücher.example")
    [einladung] = loaded([EinladungFactory(person=person)])
    message = mails.InvitationMails().mail(einladung)
    assert not isinstance(message, SerialisedMail)
    assert message.to == ["jürgen@bücher.example"]


@pytest.fixture
def text_template_asks_for_the_phone(settings, tmp_path):
    """The invitation's text template also prints the invitee's phone number."""
    source = Path(django_settings.BASE_DIR) / "templates/netzwerk/email/einladung_message.txt"
    folder = tmp_path / "netzwerk" / "email"
    folder.mkdir(parents=True)
    text = source.read_text().replace(
        "{% endautoescape %}", "{{ person.telefon }}{% endautoescape %}"
    )
    (folder / "einladung_message.txt").write_text(text)
    [engine] = settings.TEMPLATES
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]


def test_a_template_asking_more_of_the_invitee_than_the_slots_is_rendered_per_invitee(
    text_template_asks_for_the_phone,
):
    termin = TerminFactory()
    rows = [
        EinladungFactory(termin=termin, person=PersonFactory(telefon=phone))
        for phone in ["0511 1111", "0511 2222"]
    ]
    assert tasks.send_invitations([e.pk for e in rows]) == 2
    assert not any(isinstance(message, SerialisedMail) for message in mail.outbox)
    assert ["0511 1111" in m.body for m in mail.outbox] == [True, False]
    assert ["0511 2222" in m.body for m in mail.outbox] == [False, True]


def test_a_chunk_sends_each_invitee_their_own_serialised_mail(django_capture_on_commit_callbacks):
    termin = TerminFactory()
    personen = [PersonFactory(name=name) for name in NAMES]
    with django_capture_on_commit_callbacks(execute=True):
        created = einladungen.invite(termin=termin, personen=personen)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert len(by_address) == len(NAMES)
    for einladung in created:
        message = by_address[einladung.person.email]
        assert isinstance(message, SerialisedMail)
        parsed = message.message()
        assert parsed["To"] == einladung.person.email
        assert einladung.person.name in parsed.get_body(("plain",)).get_content()
        assert einladung.rsvp_token in parsed.get_body(("html",)).get_content()
