from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("netzwerk", "0003_versand_begonnen"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="termin",
            index=models.Index(fields=["beginn", "ende"], name="termin_beginn_ende"),
        ),
    ]
