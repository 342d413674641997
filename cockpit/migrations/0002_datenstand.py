"""The Datenstand: a version per area (the Aktivitäten; the Termine with their Gremien and
Teilnahmen) that every write to it changes, so that the Sachstandsbericht can cache its sums
under it (cockpit.bericht.datenstand).

A statement-level trigger on each table of an area (INSERT, UPDATE, DELETE, TRUNCATE: the ORM,
bulk writes, raw SQL and flushes alike) sets the area's row to the next value of a sequence. The row is written in the writer's own
transaction, so a reader sees the new version exactly when it sees the new data; the sequence
never hands out a value twice, not even after a rollback, so a version names one state only.
"""

from django.db import migrations

BEREICHE = {
    "aktivitaeten": (
        "quartiere_aktivitaet",
        "quartiere_aktivitaet_handlungsfelder",
        "quartiere_aktivitaet_zielgruppen",
    ),
    "termine": ("netzwerk_termin", "netzwerk_gremium", "netzwerk_teilnahme"),
}
TABLES = [(bereich, table) for bereich, tables in BEREICHE.items() for table in tables]

FORWARD = [
    "CREATE SEQUENCE cockpit_datenstand_seq",
    "CREATE TABLE cockpit_datenstand (bereich varchar(50) PRIMARY KEY, version bigint NOT NULL)",
    """
    CREATE FUNCTION cockpit_datenstand_setzen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO cockpit_datenstand (bereich, version)
        VALUES (TG_ARGV[0], nextval('cockpit_datenstand_seq'))
        ON CONFLICT (bereich) DO UPDATE SET version = EXCLUDED.version;
        RETURN NULL;
    END
    $$
    """,
    *(
        "INSERT INTO cockpit_datenstand (bereich, version)"
        f" VALUES ('{bereich}', nextval('cockpit_datenstand_seq'))"
        for bereich in BEREICHE
    ),
    *(
        f"CREATE TRIGGER cockpit_datenstand AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}"
        f" FOR EACH STATEMENT EXECUTE FUNCTION cockpit_datenstand_setzen('{bereich}')"
        for bereich, table in TABLES
    ),
]

BACKWARD = [
    *(f"DROP TRIGGER cockpit_datenstand ON {table}" for _bereich, table in TABLES),
    "DROP FUNCTION cockpit_datenstand_setzen()",
    "DROP TABLE cockpit_datenstand",
    "DROP SEQUENCE cockpit_datenstand_seq",
]


def _run(statements):
    def run(apps, schema_editor):
        # PostgreSQL only: on SQLite (`make run`) the report computes its sums every time
        # (cockpit.bericht.datenstand.version() is None there).
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("cockpit", "0001_berichtsfassung"),
        ("quartiere", "0006_aktivitaet_datum_summen"),
        ("netzwerk", "0005_person_name_aktiv"),
    ]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
