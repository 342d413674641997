from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("netzwerk", "0004_termin_beginn_ende"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                condition=models.Q(("geloescht_am__isnull", True)),
                fields=["name", "id"],
                name="person_name_aktiv",
            ),
        ),
    ]
