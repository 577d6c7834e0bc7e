"""PostgreSQL: an index of 3- and 4-character runs instead of pg_trgm (issue 3, session 3).

pg_trgm only knows trigrams and must recheck every candidate with LIKE. Thai words are built
from a few common syllables, so a term's trigrams often all occur in an item without the term:
ข้าว had 5,337 candidates for 1,181 items, ประกาส 4,207 for none, and rechecking each of them
(a heap page, 6-17 µs) kept PostgreSQL's p95 at 84-95 ms against the 50 ms target.

prongsai_search_grams(key) lists every distinct run of 3 and of 4 characters of a key
(title_key / text_key of migration 0003, so Latin is lower-cased). A GIN index over that array
is exact for `@>` (no recheck): a term of 3 characters is looked up as itself, a longer term
by its runs of 4, and strpos() confirms the few candidates whose runs are all there but apart
(ข้าวสาร: 17 candidates, ประกาส: none). The index stores only the runs: nothing is added to the
rows. Building it reads every entry once (about 4 minutes per 100,000 entries on the
project's machine; the site and search keep working, new entries wait for it).

The index has no statistics (SET STATISTICS 0): ANALYZE would otherwise compute the runs of
30,000 sampled rows each time (45 s at 100,000 entries), and the query plans are chosen in
query.py, not from estimates. The function is declared expensive so that the planner never
evaluates it row by row instead of using the index.

SQLite is unchanged (FTS5's trigram index already checks positions).
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "SET LOCAL maintenance_work_mem = '256MB'",  # GIN builds much faster with room to sort
    # Every distinct run of 3 and 4 characters; regexp_matches with 'g' steps by the match
    # length, so each starting offset is one pass (faster than a substr() per position, which
    # walks the UTF-8 text from its start).
    """CREATE OR REPLACE FUNCTION prongsai_search_grams(text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000
        AS $$
        SELECT coalesce(array_agg(DISTINCT m[1]), '{}') FROM (
            SELECT regexp_matches(substr($1, k), '(...)', 'g') FROM generate_series(1, 3) k
            UNION ALL
            SELECT regexp_matches(substr($1, k), '(....)', 'g') FROM generate_series(1, 4) k
        ) runs(m) $$""",
    """CREATE INDEX prongsai_search_title_grams ON prongsai_search_searchentry
        USING gin (prongsai_search_grams(title_key))""",
    """CREATE INDEX prongsai_search_text_grams ON prongsai_search_searchentry
        USING gin (prongsai_search_grams(text_key))""",
    "ALTER INDEX prongsai_search_title_grams ALTER COLUMN 1 SET STATISTICS 0",
    "ALTER INDEX prongsai_search_text_grams ALTER COLUMN 1 SET STATISTICS 0",
    "DROP INDEX IF EXISTS prongsai_search_title_key_trgm",
    "DROP INDEX IF EXISTS prongsai_search_text_key_trgm",
]
POSTGRES_BACKWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE INDEX IF NOT EXISTS prongsai_search_title_key_trgm
        ON prongsai_search_searchentry USING gin (title_key gin_trgm_ops)""",
    """CREATE INDEX IF NOT EXISTS prongsai_search_text_key_trgm
        ON prongsai_search_searchentry USING gin (text_key gin_trgm_ops)""",
    "DROP INDEX IF EXISTS prongsai_search_text_grams",
    "DROP INDEX IF EXISTS prongsai_search_title_grams",
    "DROP FUNCTION IF EXISTS prongsai_search_grams(text)",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("prongsai_search", "0003_title_index_and_mark_keys")]

    operations = [migrations.RunPython(run(POSTGRES_FORWARD), run(POSTGRES_BACKWARD))]
