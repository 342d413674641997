"""The Datenstand: a version of the Aktivitäten that every write to them changes, so that the
Sachstandsbericht can cache its Aktivitäten sums under it (cockpit.bericht.datenstand).

A statement-level trigger on the Aktivitäten and their two through tables (INSERT, UPDATE,
DELETE, TRUNCATE: the ORM, bulk writes, raw SQL and flushes alike) sets the row of
„aktivitaeten“ to the next value of a sequence. The row is written in the writer's own
transaction, so a reader sees the new version exactly when it sees the new data; the sequence
never hands out a value twice, not even after a rollback, so a version names one state only.
"""

from django.db import migrations

TABLES = (
    "quartiere_aktivitaet",
    "quartiere_aktivitaet_handlungsfelder",
    "quartiere_aktivitaet_zielgruppen",
)

FORWARD = [
    "CREATE SEQUENCE cockpit_datenstand_seq",
    "CREATE TABLE cockpit_datenstand (bereich varchar(50) PRIMARY KEY, version bigint NOT NULL)",
    """
    CREATE FUNCTION cockpit_datenstand_aktivitaeten() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO cockpit_datenstand (bereich, version)
        VALUES ('aktivitaeten', nextval('cockpit_datenstand_seq'))
        ON CONFLICT (bereich) DO UPDATE SET version = EXCLUDED.version;
        RETURN NULL;
    END
    $$
    """,
    "INSERT INTO cockpit_datenstand (bereich, version)"
    " VALUES ('aktivitaeten', nextval('cockpit_datenstand_seq'))",
    *(
        f"CREATE TRIGGER cockpit_datenstand AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}"
        " FOR EACH STATEMENT EXECUTE FUNCTION cockpit_datenstand_aktivitaeten()"
        for table in TABLES
    ),
]

BACKWARD = [
    *(f"DROP TRIGGER cockpit_datenstand ON {table}" for table in TABLES),
    "DROP FUNCTION cockpit_datenstand_aktivitaeten()",
    "DROP TABLE cockpit_datenstand",
    "DROP SEQUENCE cockpit_datenstand_seq",
]


class Migration(migrations.Migration):
    dependencies = [
        ("cockpit", "0001_berichtsfassung"),
        ("quartiere", "0005_aktivitaet_datum_summen"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
