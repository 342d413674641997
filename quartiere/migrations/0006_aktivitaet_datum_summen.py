"""A covering index for the Sachstandsbericht's sums of the Aktivitäten of a period."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("quartiere", "0005_aktivitaet_summe"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="aktivitaet",
            index=models.Index(
                fields=["datum"],
                include=("id", "art", "teilnehmende", "stunden"),
                name="aktivitaet_datum_summen",
            ),
        ),
    ]
