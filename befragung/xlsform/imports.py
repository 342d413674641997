"""XLSForm import: a new draft Befragung from a parsed file, in one transaction."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gwa_portal.core.audit import log_bulk_create

from ..models import SPRACHEN, Antwortoption, Befragung, Frage, Matrixzeile
from .parsing import parse_sheets, read_workbook


@dataclass
class ImportResult:
    befragung: Befragung
    ignoriert: list


def _unique_slug(base):
    base = (slugify(base) or "befragung")[:90]
    slug, n = base, 1
    while Befragung.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def import_file(file, *, user):
    """A new draft Befragung from an XLSForm file, in one transaction (XLSFormError else)."""
    return import_sheets(read_workbook(file), user=user)


def import_sheets(workbook, *, user):
    """A new draft Befragung from a workbook read by `read_workbook` (XLSFormError else)."""
    settings, fragen, ignoriert = parse_sheets(workbook)
    title = settings.get("form_title") or settings.get("form_id") or _("Importierte Befragung")
    sprachen = sorted(
        {code for f in fragen for code in f.text} | {"de"},
        key=list(SPRACHEN).index,
    )
    with transaction.atomic():
        befragung = Befragung.objects.create(
            slug=_unique_slug(settings.get("form_id") or title),
            titel={"de": title[:200]},
            sprachen=sprachen,
            status=Befragung.Status.ENTWURF,
            erstellt_von=user,
        )
        created, options_by_frage, items = {}, {}, []
        for position, parsed in enumerate(fragen, start=1):
            frage = Frage(
                befragung=befragung,
                position=position,
                name=parsed.name,
                typ=parsed.typ,
                text=parsed.text,
                hilfe=parsed.hilfe,
                pflicht=parsed.pflicht,
                zahl_min=parsed.zahl[0],
                zahl_max=parsed.zahl[1],
            )
            if parsed.skala:
                frage.skala_min, frage.skala_max, frage.skala_links, frage.skala_rechts = (
                    parsed.skala
                )
            frage.save()
            created[parsed.name] = frage
            options = Antwortoption.objects.bulk_create(
                Antwortoption(frage=frage, position=i, name=name, text=texts)
                for i, (name, texts) in enumerate(parsed.optionen, start=1)
            )
            options_by_frage[parsed.name] = {o.name: o for o in options}
            zeilen = Matrixzeile.objects.bulk_create(
                Matrixzeile(frage=frage, position=i, name=name, text=texts)
                for i, (name, texts) in enumerate(parsed.zeilen, start=1)
            )
            items += [*options, *zeilen]
        log_bulk_create(items)
        for parsed in fragen:
            if parsed.bedingung:
                target, option = parsed.bedingung
                frage = created[parsed.name]
                frage.bedingung_option = options_by_frage[target][option]
                frage.save(update_fields=["bedingung_option"])
    return ImportResult(befragung, ignoriert)
