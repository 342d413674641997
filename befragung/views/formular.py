"""The citizens' form (steps, languages, honeypot, rate limit), its thank-you page, and the
staff preview in every language, which validates but saves nothing."""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats, timezone

from gwa_portal.core.decorators import internal_required

from .. import rate_limit, struktur
from ..antworten import CodeUngueltig, submit
from ..formular_ablauf import Ablauf, claim_timeout
from ..formular_texte import texte
from ..models import SPRACHEN, Befragung, Rueckmeldung
from ..models.sprachen import html_lang, text_direction
from ..models.texte import text_in
from .baukasten import crumbs

HONEYPOT = "webseite"


def chosen_sprache(request, befragung):
    sprache = request.GET.get("sprache", "")
    return sprache if sprache in befragung.all_sprachen else "de"


def sprach_context(befragung, sprache, url_for):
    """Texts and attributes every page of the form needs, in the chosen language."""
    lang = html_lang(sprache)
    return {
        "befragung": befragung,
        "sprache": sprache,
        "t": texte(sprache),
        "html_lang": lang,
        "html_dir": text_direction(sprache),
        # The portal's header and footer stay German; they say so, for screen readers.
        "chrome_lang": "de" if lang != "de" else "",
        "titel": text_in(befragung.titel, sprache),
        "sprachen": [
            {
                "code": code,
                "name": SPRACHEN[code][1],
                "lang": html_lang(code),
                "dir": text_direction(code),
                "url": url_for(code),
                "current": code == sprache,
            }
            for code in befragung.all_sprachen
        ],
    }


def _public_url(befragung, name="formular"):
    """The form's URL in a language. An invitation link carries its code in the fragment
    (`#code=…`, see `zugangscodes.code_link`): no access code is ever read from the query
    string, so none is in a URL that reaches an access log."""
    base = reverse(f"befragung:{name}", kwargs={"slug": befragung.slug})
    return lambda code: f"{base}?sprache={code}"


def _public_befragung(slug):
    """A survey the public may know of: every status but Entwurf (with its structure's
    stand, see struktur.py)."""
    befragung = struktur.oeffentlich(slug)
    if befragung is None:
        raise Http404
    return befragung


def error_summary(form, bloecke):
    items = []
    code = form["zugangscode"] if "zugangscode" in form.fields else None
    if code is not None and code.errors:
        items.append({"anchor": code.auto_id, "label": code.label, "message": code.errors[0]})
    for block in bloecke:
        for anchor, label, message in block.summary():
            items.append({"anchor": anchor, "label": label, "message": message})
    return items


def render_step(request, ablauf, schritt, *, ctx, **extra):
    i, form = schritt.i, schritt.form
    bloecke = form.bloecke()
    t = ctx["t"]
    context = {
        **ctx,
        "form": form,
        "bloecke": bloecke,
        "code_field": form["zugangscode"] if "zugangscode" in form.fields else None,
        "fehler": error_summary(form, bloecke) if form.is_bound else [],
        "stand": ablauf.dumps(i, schritt.daten),
        "schritt": i + 1,
        "gesamt": ablauf.gesamt,
        "schritt_text": t["schritt"].format(n=i + 1, gesamt=ablauf.gesamt),
        "letzter_schritt": i == ablauf.gesamt - 1,
        "beschreibung": text_in(ablauf.befragung.beschreibung, ablauf.sprache),
        "datenschutz": text_in(ablauf.befragung.datenschutz, ablauf.sprache),
        "honeypot": HONEYPOT,
        "hinweis": schritt.hinweis,
        **extra,
    }
    return render(request, "befragung/formular/seite.html", context, status=schritt.status)


def decide_step(request, ablauf):
    """The step machine's answer to this request (a GET starts the form)."""
    if request.method != "POST":
        return ablauf.start()
    return ablauf.advance(request.POST)


def closed_page(request, befragung, sprache):
    """Not open today: „not yet“ (200) or „ended“ (410 Gone)."""
    ctx = sprach_context(befragung, sprache, _public_url(befragung))
    today = timezone.localdate()
    if (
        befragung.status == Befragung.Status.LAEUFT
        and befragung.beginn
        and befragung.beginn > today
    ):
        datum = formats.date_format(befragung.beginn, "d.m.Y")
        ctx.update(ueberschrift=ctx["t"]["bald_titel"], text=ctx["t"]["bald"].format(datum=datum))
        return render(request, "befragung/formular/hinweis.html", ctx, status=200)
    ctx.update(ueberschrift=ctx["t"]["beendet_titel"], text=ctx["t"]["beendet"])
    return render(request, "befragung/formular/hinweis.html", ctx, status=410)


def too_many(request, befragung, sprache):
    ctx = sprach_context(befragung, sprache, _public_url(befragung))
    ctx.update(ueberschrift=ctx["t"]["zu_oft_titel"], text=ctx["t"]["zu_oft"])
    return render(request, "befragung/formular/hinweis.html", ctx, status=429)


def formular(request, slug):
    befragung = _public_befragung(slug)
    sprache = chosen_sprache(request, befragung)
    if not befragung.is_open():
        return closed_page(request, befragung, sprache)
    danke_url = _public_url(befragung, "danke")(sprache)
    if request.method == "POST" and request.POST.get(HONEYPOT):
        # A bot filled the hidden field: it sees the usual success (and the usual limit, in a
        # bucket of its own), nothing is written.
        if rate_limit.hit(request, slug, bucket="honeypot"):
            return too_many(request, befragung, sprache)
        return HttpResponseRedirect(danke_url)
    ablauf = Ablauf(befragung, sprache)

    def step_page(schritt):
        # Built only for a page: a complete questionnaire is answered with a redirect.
        ctx = sprach_context(befragung, sprache, _public_url(befragung))
        ctx["action"] = _public_url(befragung)(sprache)
        return render_step(request, ablauf, schritt, ctx=ctx)

    schritt = decide_step(request, ablauf)
    if not schritt.complete:
        return step_page(schritt)
    # The rate limit and the send-once mark: one cache round trip.
    decided = rate_limit.hit_and_claim(
        request, slug, claim_key=ablauf.sent_key(), claim_timeout=claim_timeout()
    )
    if decided == rate_limit.OVER_LIMIT:
        return too_many(request, befragung, sprache)
    if decided == rate_limit.SENT_ALREADY:
        # The same questionnaire again: it is stored already.
        return HttpResponseRedirect(danke_url)
    try:
        submit(
            befragung=befragung,
            sprache=sprache,
            kanal=Rueckmeldung.Kanal.ONLINE,
            cleaned=schritt.answers,
            code=schritt.zugangscode,
        )
    except CodeUngueltig:
        return step_page(ablauf.code_rejected(schritt.daten))
    # A URL, not a view name: `redirect` would try to reverse it first.
    return HttpResponseRedirect(danke_url)


def danke(request, slug):
    befragung = _public_befragung(slug)
    sprache = chosen_sprache(request, befragung)
    ctx = sprach_context(befragung, sprache, _public_url(befragung, "danke"))
    ctx.update(
        ueberschrift=ctx["t"]["danke_titel"],
        text=text_in(befragung.danke, sprache) or ctx["t"]["danke"],
    )
    return render(request, "befragung/formular/hinweis.html", ctx)


@internal_required
def vorschau(request, slug, sprache):
    befragung = get_object_or_404(struktur.mit_stand(Befragung.objects), slug=slug)
    if sprache not in befragung.all_sprachen:
        raise Http404
    ablauf = Ablauf(befragung, sprache, vorschau=True)

    def url_for(code):
        return reverse("befragung:vorschau", kwargs={"slug": slug, "sprache": code})

    ctx = sprach_context(befragung, sprache, url_for)
    ctx.update(vorschau=True, action=url_for(sprache), breadcrumbs=crumbs(befragung))

    # The preview validates but saves nothing: a complete questionnaire shows its last step.
    schritt = decide_step(request, ablauf)
    return render_step(request, ablauf, schritt, ctx=ctx, vorschau_gueltig=schritt.complete)
