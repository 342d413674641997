"""Issue 16: a covering index for the results, so that PostgreSQL counts the answers from the
index alone (befragung.auswertung.abfragen)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("befragung", "0004_mindestgruppe_mindestens_5"),
        ("quartiere", "0004_aktivitaet_partner"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="antwort",
            index=models.Index(
                fields=["frage", "zeile", "option", "zahl", "quartier"],
                include=("rueckmeldung",),
                name="antwort_werte",
            ),
        ),
    ]
