"""Issue 16: each Antwort repeats its Rückmeldung's Quartier, Sprache and Kanal, so that a
results filter breaks the answers down from one index without joining the Rückmeldungen
(befragung.auswertung.abfragen). Existing answers are filled from their Rückmeldung."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("befragung", "0006_antwort_frage_rueckmeldung_index"),
        ("quartiere", "0004_aktivitaet_partner"),
    ]

    operations = [
        migrations.AddField(
            model_name="antwort",
            name="rueckmeldung_kanal",
            field=models.CharField(
                blank=True,
                default="",
                editable=False,
                max_length=10,
                verbose_name="Kanal der Rückmeldung",
            ),
        ),
        migrations.AddField(
            model_name="antwort",
            name="rueckmeldung_quartier",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="quartiere.quartier",
                verbose_name="Quartier der Rückmeldung",
            ),
        ),
        migrations.AddField(
            model_name="antwort",
            name="rueckmeldung_sprache",
            field=models.CharField(
                blank=True,
                default="",
                editable=False,
                max_length=5,
                verbose_name="Sprache der Rückmeldung",
            ),
        ),
        migrations.RunSQL(
            """
            UPDATE befragung_antwort
            SET rueckmeldung_quartier_id = r.quartier_id,
                rueckmeldung_sprache = r.sprache,
                rueckmeldung_kanal = r.kanal
            FROM befragung_rueckmeldung r
            WHERE r.id = befragung_antwort.rueckmeldung_id
            """,
            migrations.RunSQL.noop,
        ),
        migrations.AddIndex(
            model_name="antwort",
            index=models.Index(
                fields=[
                    "frage",
                    "zeile",
                    "option",
                    "zahl",
                    "quartier",
                    "rueckmeldung_quartier",
                    "rueckmeldung_sprache",
                    "rueckmeldung_kanal",
                ],
                name="antwort_werte_gruppen",
            ),
        ),
    ]
