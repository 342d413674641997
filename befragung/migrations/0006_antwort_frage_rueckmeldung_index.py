"""Issue 16, the results at 970,000 answers:

- `antwort_werte` without its INCLUDE: keys only, B-tree deduplication keeps it at about a
  tenth of the size (9 instead of 77 MB for the bench's survey), and the GROUP BY reads that;
- `antwort_frage_rueckmeldung`: the respondents of a multiple choice as the distinct
  (question, Rückmeldung) pairs in index order, and a cross-tab's own answers per Rückmeldung
  (with the option), both from the index alone (befragung.auswertung.abfragen);
- the index on the question alone goes: every index of the table begins with the question."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("befragung", "0005_antwort_werte_index"),
        ("quartiere", "0004_aktivitaet_partner"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="antwort",
            index=models.Index(
                fields=["frage", "rueckmeldung"],
                include=("option",),
                name="antwort_frage_rueckmeldung",
            ),
        ),
        migrations.RemoveIndex(model_name="antwort", name="antwort_werte"),
        migrations.AddIndex(
            model_name="antwort",
            index=models.Index(
                fields=["frage", "zeile", "option", "zahl", "quartier"], name="antwort_werte"
            ),
        ),
        migrations.AlterField(
            model_name="antwort",
            name="frage",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="antworten",
                to="befragung.frage",
                verbose_name="Frage",
            ),
        ),
    ]
