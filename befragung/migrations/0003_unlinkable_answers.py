"""Issue 15: no stored Person → code link, and a holding table for answers.

Each invitation keeps the hash of its code while the code is unused, and only "took part"
(without a time) once it was used; the link to the Zugangscode row goes."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def forward(apps, schema_editor):
    """Per invitation: an unused code keeps its hash, a used one becomes teilgenommen=True.
    Plain UPDATEs: `updated_at` is left alone, so no time of use is written."""
    Befragungseinladung = apps.get_model("befragung", "Befragungseinladung")
    rows = Befragungseinladung.objects.filter(zugangscode__isnull=False).values_list(
        "pk", "zugangscode__code_hash", "zugangscode__benutzt"
    )
    used = [pk for pk, _digest, benutzt in rows if benutzt]
    Befragungseinladung.objects.filter(pk__in=used).update(teilgenommen=True)
    for pk, digest, benutzt in rows:
        if not benutzt:
            Befragungseinladung.objects.filter(pk=pk).update(code_hash=digest)


def backward(apps, schema_editor):
    Befragungseinladung = apps.get_model("befragung", "Befragungseinladung")
    Zugangscode = apps.get_model("befragung", "Zugangscode")
    for einladung in Befragungseinladung.objects.exclude(code_hash=""):
        code = Zugangscode.objects.filter(code_hash=einladung.code_hash).first()
        Befragungseinladung.objects.filter(pk=einladung.pk).update(zugangscode=code)


class Migration(migrations.Migration):
    dependencies = [
        ("befragung", "0002_zugang"),
    ]

    operations = [
        migrations.AddField(
            model_name="befragungseinladung",
            name="code_hash",
            field=models.CharField(
                blank=True, max_length=64, verbose_name="Prüfsumme des ungenutzten Codes"
            ),
        ),
        migrations.AddField(
            model_name="befragungseinladung",
            name="teilgenommen",
            field=models.BooleanField(default=False, verbose_name="teilgenommen"),
        ),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(
            model_name="befragungseinladung",
            name="zugangscode",
        ),
        migrations.CreateModel(
            name="WartendeRueckmeldung",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("daten", models.JSONField(verbose_name="Antworten")),
                (
                    "befragung",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="wartende_rueckmeldungen",
                        to="befragung.befragung",
                        verbose_name="Befragung",
                    ),
                ),
            ],
            options={
                "verbose_name": "wartende Rückmeldung",
                "verbose_name_plural": "wartende Rückmeldungen",
            },
        ),
    ]
