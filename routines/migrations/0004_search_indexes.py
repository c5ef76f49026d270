from django.db import migrations

INDEXES = {
    "technique_search_vector_gin": "USING gin (search_vector)",
    "technique_search_terms_trgm": "USING gin (search_terms gin_trgm_ops)",
}


def create(apps, schema_editor):
    """GIN indexes for full-text and trigram search: PostgreSQL only."""
    if schema_editor.connection.vendor == "postgresql":
        for name, using in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON routines_technique {using}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("routines", "0003_search_fields")]
    operations = [migrations.RunPython(create, drop)]
