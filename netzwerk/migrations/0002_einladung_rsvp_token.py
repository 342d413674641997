"""RSVP links carry a random token stored on the Einladung instead of its signed primary key.

Existing rows get a fresh token each; links mailed before this migration stop working (the
RSVP page tells the invitee to use the newest mail).
"""

from django.db import migrations, models

import netzwerk.models.termine

BATCH = 1000


def fill_tokens(apps, schema_editor):
    Einladung = apps.get_model("netzwerk", "Einladung")
    rows = []
    for einladung in Einladung.objects.filter(rsvp_token__isnull=True).only("pk").iterator():
        einladung.rsvp_token = netzwerk.models.termine.new_rsvp_token()
        rows.append(einladung)
        if len(rows) >= BATCH:
            Einladung.objects.bulk_update(rows, ["rsvp_token"])
            rows = []
    Einladung.objects.bulk_update(rows, ["rsvp_token"])


class Migration(migrations.Migration):
    dependencies = [
        ("netzwerk", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="einladung",
            name="rsvp_token",
            field=models.CharField(max_length=64, null=True),
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="einladung",
            name="rsvp_token",
            field=models.CharField(
                default=netzwerk.models.termine.new_rsvp_token,
                max_length=64,
                unique=True,
                verbose_name="Schlüssel des Antwort-Links",
            ),
        ),
    ]
