"""Search that reads its indexes (PostgreSQL only; a no-op on SQLite).

1. The GIN indexes of 0004 write straight into the index (`fastupdate = off`) instead of
   into a pending list that every search must read row by row until VACUUM merges it.
   The library is written rarely and searched on every keystroke; with autovacuum off
   (or not yet run) the pending list held the whole library and a search cost 3 ms
   more. Turning the setting off does not empty the list, so it is merged here once.

2. `technique_fuzzy_matches(phrase)`: the techniques whose search terms contain a word
   like `phrase` (trigram word similarity), read from the trigram index. PostgreSQL
   costs `%>` as cheap as `=`, so on a library of a few hundred rows it prefers to
   compute word similarity on every row (10 ms at 570) over the index (1 ms). The
   function plans its one query with sequential scans priced out, which is what
   EXPLAIN shows to be fastest at every library size; without the index it still runs.
"""

from django.db import migrations

INDEXES = ("technique_search_vector_gin", "technique_search_terms_trgm")

FUZZY_MATCHES = """
CREATE OR REPLACE FUNCTION technique_fuzzy_matches(phrase text) RETURNS SETOF bigint
LANGUAGE sql STABLE PARALLEL SAFE
SET enable_seqscan = off
AS $$ SELECT id FROM routines_technique WHERE search_terms %> phrase $$
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"ALTER INDEX IF EXISTS {name} SET (fastupdate = off)")
        schema_editor.execute(
            f"SELECT gin_clean_pending_list(to_regclass('{name}')) "
            f"WHERE to_regclass('{name}') IS NOT NULL"
        )
    # No parameters: the SQL holds a literal `%>`, which must not be read as a placeholder.
    schema_editor.execute(FUZZY_MATCHES, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP FUNCTION IF EXISTS technique_fuzzy_matches(text)")
    for name in INDEXES:
        schema_editor.execute(f"ALTER INDEX IF EXISTS {name} SET (fastupdate = on)")


class Migration(migrations.Migration):
    dependencies = [("routines", "0006_library_state")]
    operations = [migrations.RunPython(forwards, backwards)]
