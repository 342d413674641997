"""The Mindestgruppe is at least 5: surveys with a lower value are raised to 5 first."""

import django.core.validators
from django.db import migrations, models


def raise_to_5(apps, schema_editor):
    Befragung = apps.get_model("befragung", "Befragung")
    Befragung.objects.filter(mindestgruppe__lt=5).update(mindestgruppe=5)


class Migration(migrations.Migration):
    dependencies = [
        ("befragung", "0003_unlinkable_answers"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="befragung",
            name="befragung_mindestgruppe_positiv",
        ),
        migrations.RunPython(raise_to_5, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="befragung",
            name="mindestgruppe",
            field=models.PositiveSmallIntegerField(
                default=5,
                help_text="Auswertungen mit weniger Antworten werden nicht gezeigt (Datenschutz). Mindestens 5; nur die Fachstelle kann sie erhöhen.",
                validators=[
                    django.core.validators.MinValueValidator(5),
                    django.core.validators.MaxValueValidator(100),
                ],
                verbose_name="Mindestgruppengröße",
            ),
        ),
        migrations.AddConstraint(
            model_name="befragung",
            constraint=models.CheckConstraint(
                condition=models.Q(("mindestgruppe__gte", 5)),
                name="befragung_mindestgruppe_mindestens_5",
                violation_error_message="Die Mindestgruppengröße ist mindestens 5.",
            ),
        ),
    ]
