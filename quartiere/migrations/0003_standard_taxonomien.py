"""Seed the Handlungsfelder and Zielgruppen every installation starts with (ARCHITECTURE §2)."""

from django.db import migrations

HANDLUNGSFELDER = [
    "Demografischer Wandel",
    "Integration",
    "Inklusion",
    "Soziale Teilhabe",
]
ZIELGRUPPEN = [
    "Ältere/vereinsamte Menschen",
    "Zugewanderte",
    "Engagierte Bürger:innen",
    "Familien",
    "Kinder und Jugendliche",
    "Menschen mit Behinderung",
]


def seed(apps, schema_editor):
    for model_name, names in (("Handlungsfeld", HANDLUNGSFELDER), ("Zielgruppe", ZIELGRUPPEN)):
        model = apps.get_model("quartiere", model_name)
        for position, name in enumerate(names, start=1):
            model.objects.get_or_create(name=name, defaults={"position": position * 10})


class Migration(migrations.Migration):
    dependencies = [("quartiere", "0002_aktivitaeten_kennzahlen_planung")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
