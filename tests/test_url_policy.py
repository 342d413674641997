"""Every named URL has a stated outcome for anonymous users and each role.

A view that is missing from POLICY fails this test, so nothing ships unguarded.
Outcomes are GET status codes; 302 for anonymous users means "sent to the login".
"""

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gwa_portal.core.models import Role
from netzwerk.tokens import rsvp_token

from .factories import (
    AkteurFactory,
    AktivitaetFactory,
    AngebotFactory,
    BedarfFactory,
    BerichtsfassungFactory,
    EinladungFactory,
    HandlungsfeldFactory,
    KennzahlFactory,
    KoordinationFactory,
    MassnahmeFactory,
    PersonFactory,
    QuartierFactory,
    StadtteilFactory,
    ZielgruppeFactory,
)
from .netzwerk import url_kwargs_protokolle as nw_pfs

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER
ANON = None

PUBLIC = {ANON: 200, F: 200, K: 200, V: 200, P: 200}
INTERNAL_NETWORK = {ANON: 302, F: 200, K: 200, V: 200, P: 200}
FACHSTELLE_ONLY = {ANON: 302, F: 200, K: 403, V: 403, P: 403}
FACHSTELLE_ONLY_POST = {ANON: 405, F: 405, K: 405, V: 405, P: 405}
ANON_ONLY = {ANON: 200, F: 302, K: 302, V: 302, P: 302}
LOGGED_IN = {ANON: 302, F: 200, K: 200, V: 200, P: 200}
INTERNAL = {ANON: 302, F: 200, K: 200, V: 200, P: 403}
STAFF = {ANON: 302, F: 200, K: 200, V: 403, P: 403}
# netzwerk: gremien und termine – objects of a Gremium the partner is not in: 404 for them.
NOT_MEMBER_NETWORK = {ANON: 302, F: 200, K: 200, V: 200, P: 404}
NOT_MEMBER_EDIT = {ANON: 302, F: 200, K: 403, V: 403, P: 404}
# befragung: baukasten – reordering is POST only (405 on GET for staff).
BF_STAFF_POST = {ANON: 302, F: 405, K: 405, V: 403, P: 403}
# Objects in a Quartier the policy's Koordination user does not coordinate: read-only for them.
FOREIGN_QUARTIER_EDIT = {ANON: 302, F: 200, K: 403, V: 403, P: 403}


def pk_of(factory):
    return lambda: {"pk": factory().pk}


def slug_of(factory):
    return lambda: {"slug": factory().slug}


# name -> (kwargs factory or None, expected status per role)
POLICY = {
    "start": (None, PUBLIC),
    "healthz": (None, PUBLIC),
    "barrierefreiheit": (None, PUBLIC),
    "leichte_sprache": (None, PUBLIC),
    "account_login": (None, ANON_ONLY),
    "account_logout": (None, {ANON: 302, F: 200, K: 200, V: 200, P: 200}),
    "account_inactive": (None, PUBLIC),
    "account_signup": (None, ANON_ONLY),
    "account_reauthenticate": (None, LOGGED_IN),
    "account_email": (None, LOGGED_IN),
    "account_email_verification_sent": (None, PUBLIC),
    "account_change_password": (None, LOGGED_IN),
    "account_set_password": (None, {ANON: 302, F: 302, K: 302, V: 302, P: 302}),
    "account_reset_password": (None, PUBLIC),
    "account_confirm_login_code": (None, {ANON: 302, F: 302, K: 302, V: 302, P: 302}),
    # Code-based reauthentication (allauth 65.14+) is off: password reauthentication is used.
    "account_request_reauthentication_code": (None, {ANON: 302, F: 302, K: 302, V: 302, P: 302}),
    "account_confirm_reauthentication_code": (None, {ANON: 302, F: 302, K: 302, V: 302, P: 302}),
    "account_confirm_email": (lambda: {"key": "ungueltig"}, PUBLIC),
    "account_reset_password_from_key_done": (None, PUBLIC),
    "account_reset_password_from_key": (lambda: {"uidb36": "0", "key": "ungueltig"}, PUBLIC),
    "account_reset_password_done": (None, PUBLIC),
    "mfa_index": (None, LOGGED_IN),
    "mfa_authenticate": (None, {ANON: 302, F: 302, K: 302, V: 302, P: 302}),
    "mfa_reauthenticate": (None, {ANON: 302, F: 200, K: 302, V: 302, P: 302}),
    # allauth asks for a fresh login (302) before changing a second factor; 404 where the
    # user has no such authenticator.
    "mfa_activate_totp": (None, {ANON: 302, F: 302, K: 302, V: 302, P: 302}),
    "mfa_deactivate_totp": (None, {ANON: 302, F: 302, K: 404, V: 404, P: 404}),
    "mfa_view_recovery_codes": (None, {ANON: 302, F: 404, K: 404, V: 404, P: 404}),
    "mfa_generate_recovery_codes": (None, {ANON: 302, F: 302, K: 302, V: 302, P: 302}),
    "mfa_download_recovery_codes": (None, {ANON: 302, F: 404, K: 404, V: 404, P: 404}),
    "core:user_list": (None, FACHSTELLE_ONLY),
    "core:user_create": (None, FACHSTELLE_ONLY),
    "core:user_edit": (lambda: {"pk": 1}, FACHSTELLE_ONLY),
    "core:user_resend": (lambda: {"pk": 1}, FACHSTELLE_ONLY_POST),
    # core: audit
    "core:audit_list": (None, FACHSTELLE_ONLY),
    "core:audit_object": (
        lambda: {"app_label": "quartiere", "model": "quartier", "pk": QuartierFactory().pk},
        FACHSTELLE_ONLY,
    ),
    "quartiere:index": (None, PUBLIC),
    "quartiere:detail": (slug_of(QuartierFactory), PUBLIC),
    "quartiere_geojson": (None, PUBLIC),
    "quartiere:quartier_create": (None, FACHSTELLE_ONLY),
    "quartiere:quartier_edit": (slug_of(QuartierFactory), FACHSTELLE_ONLY),
    "quartiere:quartier_delete": (slug_of(QuartierFactory), FACHSTELLE_ONLY),
    "quartiere:koordination": (slug_of(QuartierFactory), FACHSTELLE_ONLY),
    "quartiere:koordination_end": (
        lambda: (lambda k: {"slug": k.quartier.slug, "pk": k.pk})(KoordinationFactory()),
        FACHSTELLE_ONLY,
    ),
    "quartiere:stadtteil_list": (None, INTERNAL),
    "quartiere:stadtteil_create": (None, FACHSTELLE_ONLY),
    "quartiere:stadtteil_edit": (slug_of(StadtteilFactory), FACHSTELLE_ONLY),
    "quartiere:stadtteil_delete": (slug_of(StadtteilFactory), FACHSTELLE_ONLY),
    "quartiere:handlungsfeld_list": (None, INTERNAL),
    "quartiere:handlungsfeld_create": (None, FACHSTELLE_ONLY),
    "quartiere:handlungsfeld_edit": (pk_of(HandlungsfeldFactory), FACHSTELLE_ONLY),
    "quartiere:handlungsfeld_delete": (pk_of(HandlungsfeldFactory), FACHSTELLE_ONLY),
    "quartiere:zielgruppe_list": (None, INTERNAL),
    "quartiere:zielgruppe_create": (None, FACHSTELLE_ONLY),
    "quartiere:zielgruppe_edit": (pk_of(ZielgruppeFactory), FACHSTELLE_ONLY),
    "quartiere:zielgruppe_delete": (pk_of(ZielgruppeFactory), FACHSTELLE_ONLY),
    "quartiere:kennzahl_list": (None, INTERNAL),
    "quartiere:kennzahl_create": (None, FACHSTELLE_ONLY),
    "quartiere:kennzahl_import": (None, FACHSTELLE_ONLY),
    "quartiere:kennzahl_export": (None, INTERNAL),
    "quartiere:kennzahl_edit": (pk_of(KennzahlFactory), FACHSTELLE_ONLY),
    "quartiere:kennzahl_delete": (pk_of(KennzahlFactory), FACHSTELLE_ONLY),
    "quartiere:aktivitaet_list": (None, INTERNAL),
    "quartiere:aktivitaet_create": (None, STAFF),
    "quartiere:aktivitaet_mine": (None, STAFF),
    "quartiere:aktivitaet_export": (None, INTERNAL),
    "quartiere:aktivitaet_detail": (pk_of(AktivitaetFactory), INTERNAL),
    "quartiere:aktivitaet_edit": (pk_of(AktivitaetFactory), FOREIGN_QUARTIER_EDIT),
    "quartiere:aktivitaet_delete": (pk_of(AktivitaetFactory), FOREIGN_QUARTIER_EDIT),
    "quartiere:bedarf_list": (None, INTERNAL),
    "quartiere:bedarf_create": (None, STAFF),
    "quartiere:bedarf_detail": (pk_of(BedarfFactory), INTERNAL),
    "quartiere:bedarf_edit": (pk_of(BedarfFactory), FOREIGN_QUARTIER_EDIT),
    "quartiere:bedarf_delete": (pk_of(BedarfFactory), FOREIGN_QUARTIER_EDIT),
    "quartiere:massnahme_list": (None, INTERNAL),
    "quartiere:massnahme_create": (None, STAFF),
    "quartiere:massnahme_detail": (pk_of(MassnahmeFactory), INTERNAL),
    "quartiere:massnahme_edit": (pk_of(MassnahmeFactory), FOREIGN_QUARTIER_EDIT),
    "quartiere:massnahme_delete": (pk_of(MassnahmeFactory), FOREIGN_QUARTIER_EDIT),
    "netzwerk:index": (None, INTERNAL_NETWORK),
    # netzwerk: verzeichnis
    "netzwerk:akteur_list": (None, INTERNAL),
    "netzwerk:akteur_create": (None, STAFF),
    "netzwerk:akteur_export": (None, INTERNAL),
    "netzwerk:akteur_detail": (pk_of(AkteurFactory), INTERNAL),
    "netzwerk:akteur_edit": (pk_of(AkteurFactory), STAFF),
    "netzwerk:akteur_delete": (pk_of(AkteurFactory), FACHSTELLE_ONLY),
    "netzwerk:person_list": (None, INTERNAL),
    "netzwerk:person_create": (None, STAFF),
    "netzwerk:person_export_csv": (None, INTERNAL),
    "netzwerk:person_import": (None, FACHSTELLE_ONLY),
    "netzwerk:akteur_import": (None, FACHSTELLE_ONLY),
    "netzwerk:person_detail": (pk_of(PersonFactory), INTERNAL),
    "netzwerk:person_edit": (pk_of(PersonFactory), STAFF),
    "netzwerk:person_dsgvo_export": (pk_of(PersonFactory), FACHSTELLE_ONLY),
    "netzwerk:person_loeschen": (pk_of(PersonFactory), FACHSTELLE_ONLY),
    # Without a linked Person the page explains that; it never shows anyone else's data.
    "netzwerk:meine_kontaktdaten": (None, INTERNAL_NETWORK),
    "netzwerk:kalender_link_eigen": (None, FACHSTELLE_ONLY_POST),
    "netzwerk:kalender_link_person": (lambda: {"pk": 1}, FACHSTELLE_ONLY_POST),
    # netzwerk: angebote
    # Active Angebote are public information; changes follow the Quartier (foreign for K here).
    "netzwerk:angebot_list": (None, PUBLIC),
    "netzwerk:angebot_create": (None, STAFF),
    "netzwerk:angebot_detail": (pk_of(AngebotFactory), PUBLIC),
    "netzwerk:angebot_edit": (pk_of(AngebotFactory), FOREIGN_QUARTIER_EDIT),
    "netzwerk:angebot_delete": (pk_of(AngebotFactory), FOREIGN_QUARTIER_EDIT),
    # netzwerk: einladungen
    # Token links from mails and calendar apps: no login; a bad token is 404 for everyone.
    "einladung_rsvp": (lambda: {"token": rsvp_token(EinladungFactory())}, PUBLIC),
    "kalender_person": (lambda: {"token": PersonFactory().kalender_token}, PUBLIC),
    "kalender_quartier": (slug_of(QuartierFactory), PUBLIC),
    # netzwerk: protokolle, fortbildung, supervision
    "netzwerk:protokoll_detail": (
        nw_pfs.released_protokoll,
        {ANON: 302, F: 200, K: 200, V: 200, P: 404},
    ),
    "netzwerk:protokoll_edit": (nw_pfs.termin, FOREIGN_QUARTIER_EDIT),
    "netzwerk:protokoll_release": (nw_pfs.draft_protokoll, FOREIGN_QUARTIER_EDIT),
    "netzwerk:aufgabe_list": (None, STAFF),
    "netzwerk:aufgabe_mine": (None, INTERNAL_NETWORK),
    "netzwerk:aufgabe_done": (nw_pfs.aufgabe, FACHSTELLE_ONLY_POST),
    "netzwerk:fortbildung_list": (None, INTERNAL),
    "netzwerk:fortbildung_create": (None, FACHSTELLE_ONLY),
    "netzwerk:fortbildung_mine": (None, INTERNAL),
    "netzwerk:fortbildung_nachweis": (nw_pfs.other_user, FACHSTELLE_ONLY),
    "netzwerk:fortbildung_detail": (nw_pfs.fortbildung, INTERNAL),
    "netzwerk:fortbildung_edit": (nw_pfs.fortbildung, FACHSTELLE_ONLY),
    "netzwerk:fortbildung_delete": (nw_pfs.fortbildung, FACHSTELLE_ONLY),
    "netzwerk:fortbildung_termin_create": (nw_pfs.fortbildung, FACHSTELLE_ONLY),
    "netzwerk:fortbildung_anmelden": (nw_pfs.fortbildung, FACHSTELLE_ONLY_POST),
    "netzwerk:fortbildung_abmelden": (nw_pfs.fortbildung, FACHSTELLE_ONLY_POST),
    "netzwerk:fortbildung_teilnahme": (nw_pfs.fortbildung, FACHSTELLE_ONLY_POST),
    # Someone else's confirmation: only the Fachstelle (and the person themselves).
    "netzwerk:fortbildung_bestaetigung": (nw_pfs.bestaetigung, FACHSTELLE_ONLY),
    "netzwerk:supervision_list": (None, STAFF),
    "netzwerk:supervision_create": (None, FACHSTELLE_ONLY),
    # A group without the user as member does not exist for them.
    "netzwerk:supervision_detail": (
        nw_pfs.supervision,
        {ANON: 302, F: 200, K: 404, V: 404, P: 404},
    ),
    "netzwerk:supervision_edit": (nw_pfs.supervision, FACHSTELLE_ONLY),
    "netzwerk:supervision_delete": (nw_pfs.supervision, FACHSTELLE_ONLY),
    "netzwerk:supervision_termin_create": (nw_pfs.supervision, FACHSTELLE_ONLY),
    "netzwerk:supervision_teilnahme": (nw_pfs.supervision_termin, FACHSTELLE_ONLY),
    # netzwerk: gremien und termine
    # Partners get 404 for Gremien and Termine that are not theirs (not even their existence);
    # the policy's Koordination coordinates no Quartier and Verwaltung belongs to no Gremium.
    "netzwerk:gremium_list": (None, INTERNAL_NETWORK),
    "netzwerk:gremium_create": (None, STAFF),
    "netzwerk:gremium_detail": (lambda: _nw("gremium_slug"), NOT_MEMBER_NETWORK),
    "netzwerk:gremium_edit": (lambda: _nw("gremium_slug"), NOT_MEMBER_EDIT),
    "netzwerk:gremium_delete": (lambda: _nw("gremium_slug"), NOT_MEMBER_EDIT),
    "netzwerk:mitgliedschaft_add": (lambda: _nw("gremium_slug"), NOT_MEMBER_EDIT),
    "netzwerk:mitgliedschaft_end": (lambda: _nw("mitgliedschaft"), NOT_MEMBER_EDIT),
    "netzwerk:ort_list": (None, STAFF),
    "netzwerk:ort_create": (None, STAFF),
    "netzwerk:ort_edit": (lambda: _nw("ort"), STAFF),
    "netzwerk:termin_list": (None, INTERNAL_NETWORK),
    "netzwerk:termin_month": (None, INTERNAL_NETWORK),
    "netzwerk:termin_create": (None, STAFF),
    "netzwerk:termin_detail": (lambda: _nw("termin"), NOT_MEMBER_NETWORK),
    "netzwerk:termin_edit": (lambda: _nw("termin"), NOT_MEMBER_EDIT),
    "netzwerk:termin_cancel": (lambda: _nw("termin"), NOT_MEMBER_EDIT),
    "netzwerk:termin_delete": (lambda: _nw("termin"), NOT_MEMBER_EDIT),
    "netzwerk:termin_einladungen": (lambda: _nw("termin"), NOT_MEMBER_NETWORK),
    "netzwerk:termin_einladen": (lambda: _nw("termin"), NOT_MEMBER_EDIT),
    "netzwerk:termin_links_erneuern": (lambda: _nw("termin"), FACHSTELLE_ONLY_POST),
    "netzwerk:einladung_link_erneuern": (
        lambda: {"pk": 1, "einladung_pk": 1},
        FACHSTELLE_ONLY_POST,
    ),
    "befragung:index": (None, PUBLIC),
    # cockpit: auswertung – the hub of the evaluation tools, for the roles the tools admit.
    "cockpit:index": (None, INTERNAL),
    "karte_aktivitaet": (None, STAFF),
    # cockpit: luecken – the cell page without a cell in its query string is a 400 for readers.
    "cockpit:luecken": (None, INTERNAL),
    "cockpit:luecken_zelle": (None, {ANON: 302, F: 400, K: 400, V: 400, P: 403}),
    "cockpit:luecken_csv": (None, INTERNAL),
    # cockpit: dashboard und übergabe
    "cockpit:uebergabe": (lambda: {"quartier_slug": QuartierFactory().slug}, INTERNAL),
    "cockpit:uebergeben": (lambda: {"quartier_slug": QuartierFactory().slug}, FACHSTELLE_ONLY),
    # cockpit: sachstandsbericht – without a period the print view and exports are a 400.
    "cockpit:bericht": (None, INTERNAL),
    "cockpit:bericht_ansicht": (None, {ANON: 302, F: 400, K: 400, V: 400, P: 403}),
    "cockpit:bericht_csv": (None, {ANON: 302, F: 400, K: 400, V: 400, P: 403}),
    "cockpit:bericht_xlsx": (None, {ANON: 302, F: 400, K: 400, V: 400, P: 403}),
    # cockpit: berichtsfassungen – saving needs a period (400 without); only the Fachstelle saves.
    "cockpit:bericht_speichern": (None, {ANON: 302, F: 400, K: 403, V: 403, P: 403}),
    "cockpit:fassung_list": (None, INTERNAL),
    "cockpit:fassung_detail": (pk_of(BerichtsfassungFactory), INTERNAL),
    "cockpit:fassung_csv": (pk_of(BerichtsfassungFactory), INTERNAL),
    "cockpit:fassung_xlsx": (pk_of(BerichtsfassungFactory), INTERNAL),
    "cockpit:fassung_loeschen": (pk_of(BerichtsfassungFactory), FACHSTELLE_ONLY),
    # befragung: zugang – a code survey in a Quartier the policy's Koordination user coordinates.
    "befragung:zugangscodes": (lambda: _bf_zugang(own=True), STAFF),
    "befragung:zugangscodes_erzeugen": (lambda: _bf_zugang(own=True), FACHSTELLE_ONLY_POST),
    "befragung:zugangscodes_csv": (lambda: _bf_zugang(own=True), FACHSTELLE_ONLY_POST),
    "befragung:zugangscodes_druck": (lambda: _bf_zugang(own=True), FACHSTELLE_ONLY_POST),
    "befragung:einladungen": (lambda: _bf_zugang(own=True), STAFF),
    "befragung:einladen": (lambda: _bf_zugang(own=False), FOREIGN_QUARTIER_EDIT),
    "befragung:einladungen_erinnern": (lambda: _bf_zugang(own=True), FACHSTELLE_ONLY_POST),
    # befragung: baukasten
    # The policy's Koordination coordinates no Quartier, so every survey is foreign to it.
    # Reordering is POST only: staff get 405 on GET, the others are refused first.
    "befragung:liste": (None, INTERNAL),
    "befragung:neu": (None, STAFF),
    "befragung:detail": (lambda: _bf("entwurf"), INTERNAL),
    "befragung:bearbeiten": (lambda: _bf("entwurf"), FOREIGN_QUARTIER_EDIT),
    "befragung:loeschen": (lambda: _bf("entwurf"), FOREIGN_QUARTIER_EDIT),
    "befragung:starten": (lambda: _bf("entwurf"), FACHSTELLE_ONLY),
    "befragung:beenden": (lambda: _bf("laeuft"), FACHSTELLE_ONLY),
    "befragung:frage_neu": (lambda: _bf("entwurf"), FOREIGN_QUARTIER_EDIT),
    "befragung:frage_bearbeiten": (lambda: _bf("frage"), FOREIGN_QUARTIER_EDIT),
    "befragung:frage_loeschen": (lambda: _bf("frage"), FOREIGN_QUARTIER_EDIT),
    "befragung:frage_verschieben": (lambda: _bf("frage"), BF_STAFF_POST),
    "befragung:uebersetzungen": (lambda: _bf("sprache"), FOREIGN_QUARTIER_EDIT),
    "befragung:papier_druck": (lambda: _bf("papier"), STAFF),
    # befragung: formular
    # Running surveys are public; the preview shows drafts too; the policy's Koordination
    # coordinates no Quartier, so paper entry is the Fachstelle's alone here.
    "befragung:formular": (lambda: _bf_formular("laeuft"), PUBLIC),
    "befragung:danke": (lambda: _bf_formular("laeuft"), PUBLIC),
    "befragung:vorschau": (lambda: {**_bf_formular("entwurf"), "sprache": "en"}, INTERNAL),
    "befragung:papier_erfassen": (lambda: _bf_formular("laeuft"), FOREIGN_QUARTIER_EDIT),
    # befragung: ergebnisse
    "befragung:ergebnisse": (lambda: _bf_ergebnisse("befragung"), INTERNAL),
    "befragung:freitext": (lambda: _bf_ergebnisse("freitext"), INTERNAL),
    # Without ?frage= the page has nothing to start from (404); the policy's Koordination
    # coordinates no Quartier of the survey (403).
    "befragung:bedarf_neu": (
        lambda: _bf_ergebnisse("bedarf"),
        {ANON: 302, F: 404, K: 403, V: 403, P: 403},
    ),
    "befragung:export_csv": (lambda: _bf_ergebnisse("befragung"), FACHSTELLE_ONLY),
    "befragung:export_xlsx": (lambda: _bf_ergebnisse("befragung"), FACHSTELLE_ONLY),
    "befragung:xlsform_export": (lambda: _bf_ergebnisse("befragung"), INTERNAL),
    "befragung:xlsform_import": (None, FACHSTELLE_ONLY),
}


def _nw(kind):
    """URL kwargs for the netzwerk gremien/termine entries (factories imported here to keep
    this topic's lines in one place)."""
    from .factories import GremiumFactory, MitgliedschaftFactory, OrtFactory, TerminFactory

    if kind == "gremium_slug":
        return {"slug": GremiumFactory().slug}
    if kind == "mitgliedschaft":
        m = MitgliedschaftFactory()
        return {"slug": m.gremium.slug, "pk": m.pk}
    if kind == "ort":
        return {"pk": OrtFactory().pk}
    return {"pk": TerminFactory().pk}


def _bf_zugang(*, own):
    """URL kwargs for the befragung zugang entries: a code survey in one Quartier, coordinated
    by the policy's Koordination user when `own`."""
    from befragung.models import Befragung
    from gwa_portal.core.models import User

    from .factories import BefragungFactory

    quartier = QuartierFactory()
    if own:
        KoordinationFactory(quartier=quartier, user=User.objects.get(role=K))
    befragung = BefragungFactory(modus=Befragung.Modus.ZUGANGSCODE, quartiere=[quartier])
    return {"slug": befragung.slug}


def _bf(kind):
    """URL kwargs for the befragung baukasten entries."""
    from befragung.models import Befragung

    from .factories import BefragungFactory, FrageFactory

    if kind == "laeuft":
        return {"slug": BefragungFactory(status=Befragung.Status.LAEUFT).slug}
    befragung = BefragungFactory(status=Befragung.Status.ENTWURF, quartiere=[QuartierFactory()])
    if kind == "frage":
        return {"slug": befragung.slug, "pk": FrageFactory(befragung=befragung).pk}
    if kind == "sprache":
        return {"slug": befragung.slug, "sprache": "en"}
    if kind == "papier":
        return {"slug": befragung.slug, "sprache": "de"}
    return {"slug": befragung.slug}


def _bf_formular(status):
    """URL kwargs for the befragung formular entries: a survey with one question per type."""
    from .factories import QuartierFactory, befragung_mit_allen_fragetypen

    return {
        "slug": befragung_mit_allen_fragetypen(status=status, quartiere=[QuartierFactory()]).slug
    }


def _bf_ergebnisse(kind):
    """URL kwargs for the befragung ergebnisse entries."""
    from .factories import BefragungFactory, FrageFactory

    if kind == "bedarf":
        QuartierFactory()  # a citywide survey: the Fachstelle may plan in every Quartier
    if kind == "freitext":
        frage = FrageFactory(typ="text")
        return {"slug": frage.befragung.slug, "frage_pk": frage.pk}
    return {"slug": BefragungFactory().slug}


# The Django admin is one guarded unit: only the Fachstelle (is_staff) gets in.
ADMIN_EXPECTED = {ANON: 302, F: 200, K: 302, V: 302, P: 302}


def named_urls(patterns=None, namespace=None):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from named_urls(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_named_url_is_in_the_policy():
    names = {n for n in named_urls() if not n.startswith("admin:")}
    missing = sorted(names - POLICY.keys())
    stale = sorted(POLICY.keys() - names)
    assert not missing, f"URLs without a policy entry: {missing}"
    assert not stale, f"Policy entries for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("name", sorted(POLICY))
def test_url_policy(name, client_as, users):
    kwargs_factory, expected = POLICY[name]
    url = reverse(name, kwargs=kwargs_factory() if kwargs_factory else None)
    if name == "core:user_edit" or name == "core:user_resend":
        url = reverse(name, kwargs={"pk": users[Role.PARTNER].pk})
    outcomes = {}
    for role in [ANON, F, K, V, P]:
        response = client_as(role).get(url)
        outcomes[role] = response.status_code
    assert outcomes == expected, {str(k): v for k, v in outcomes.items()}


def admin_urls():
    yield reverse("admin:index")
    for model in admin.site._registry:
        yield reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def test_admin_is_fachstelle_only(client_as):
    for url in admin_urls():
        outcomes = {role: client_as(role).get(url).status_code for role in [ANON, F, K, V, P]}
        assert outcomes == ADMIN_EXPECTED, url
