"""Faster Thai search at 100k items (issue 3), keeping every existing entry.

SQLite: a title-only FTS5 trigram table (external content, triggers like migration 0002), so
the "all terms in the title" window walks a small index instead of every body match; and an
index of the filter columns (see below).

PostgreSQL: pg_trgm treats the Thai tone marks and some vowel marks (U+0E47-U+0E4E, Unicode
category Mn) as word separators, so its trigrams of ข้าวสาร and ข่าวสาร were identical and every
query with a mark rechecked tens of thousands of rows. Two generated columns hold the text
lower-cased with the 16 Thai combining marks swapped for 16 CJK letters (U+3400-U+340F, which
pg_trgm counts as letters) and back. A swap of code points is one-to-one, so a term is a
substring of the text exactly when its key is a substring of the text's key: LIKE on the keys
gives the same hits, but the trigram GIN indexes on them keep the marks. The old indexes on
lower(title)/lower(body) are replaced. prongsai/search/text.py applies the same swap to queries
(`search_key`); a test checks that the two agree.
"""

from django.db import migrations

MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
LETTERS = "".join(chr(0x3400 + i) for i in range(len(MARKS)))

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE prongsai_search_fts_title USING fts5(
        title, content='prongsai_search_searchentry', content_rowid='id',
        tokenize='trigram')""",
    "INSERT INTO prongsai_search_fts_title(prongsai_search_fts_title) VALUES ('rebuild')",
    """CREATE TRIGGER prongsai_search_title_ai AFTER INSERT ON prongsai_search_searchentry BEGIN
        INSERT INTO prongsai_search_fts_title(rowid, title) VALUES (new.id, new.title);
    END""",
    """CREATE TRIGGER prongsai_search_title_ad AFTER DELETE ON prongsai_search_searchentry BEGIN
        INSERT INTO prongsai_search_fts_title(prongsai_search_fts_title, rowid, title)
        VALUES ('delete', old.id, old.title);
    END""",
    """CREATE TRIGGER prongsai_search_title_au AFTER UPDATE OF title
        ON prongsai_search_searchentry BEGIN
        INSERT INTO prongsai_search_fts_title(prongsai_search_fts_title, rowid, title)
        VALUES ('delete', old.id, old.title);
        INSERT INTO prongsai_search_fts_title(rowid, title) VALUES (new.id, new.title);
    END""",
    # The filter columns come after the long texts in each row, where SQLite has to follow the
    # row's overflow pages to read them: an index holding them lets it walk the newest entries
    # without touching the rows.
    """CREATE INDEX IF NOT EXISTS prongsai_search_filters ON prongsai_search_searchentry (
        id, public, path, kind, section_id, department_id, fiscal_year, content_type_id)""",
]
SQLITE_BACKWARD = [
    "DROP INDEX IF EXISTS prongsai_search_filters",
    "DROP TRIGGER IF EXISTS prongsai_search_title_au",
    "DROP TRIGGER IF EXISTS prongsai_search_title_ad",
    "DROP TRIGGER IF EXISTS prongsai_search_title_ai",
    "DROP TABLE IF EXISTS prongsai_search_fts_title",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""CREATE OR REPLACE FUNCTION prongsai_search_key(text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT translate(lower($1), '{MARKS}{LETTERS}', '{LETTERS}{MARKS}') $$""",
    # text_key is read for every candidate row: kept in the row (MAIN: the other long columns
    # move to TOAST first) and compressed with lz4 where the server has it (faster to unpack)
    """ALTER TABLE prongsai_search_searchentry
        ADD COLUMN title_key text GENERATED ALWAYS AS (prongsai_search_key(title)) STORED,
        ADD COLUMN text_key text {compression}
            GENERATED ALWAYS AS (prongsai_search_key(title || ' ' || body)) STORED,
        ALTER COLUMN text_key SET STORAGE MAIN""",
    """CREATE INDEX prongsai_search_title_key_trgm
        ON prongsai_search_searchentry USING gin (title_key gin_trgm_ops)""",
    """CREATE INDEX prongsai_search_text_key_trgm
        ON prongsai_search_searchentry USING gin (text_key gin_trgm_ops)""",
    "DROP INDEX IF EXISTS prongsai_search_title_trgm",
    "DROP INDEX IF EXISTS prongsai_search_body_trgm",
]
POSTGRES_BACKWARD = [
    """CREATE INDEX IF NOT EXISTS prongsai_search_title_trgm
        ON prongsai_search_searchentry USING gin (lower(title) gin_trgm_ops)""",
    """CREATE INDEX IF NOT EXISTS prongsai_search_body_trgm
        ON prongsai_search_searchentry USING gin (lower(body) gin_trgm_ops)""",
    "DROP INDEX IF EXISTS prongsai_search_text_key_trgm",
    "DROP INDEX IF EXISTS prongsai_search_title_key_trgm",
    """ALTER TABLE prongsai_search_searchentry
        DROP COLUMN IF EXISTS text_key, DROP COLUMN IF EXISTS title_key""",
    "DROP FUNCTION IF EXISTS prongsai_search_key(text)",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        compression = ""
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(
                    "SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'"
                )
                row = cursor.fetchone()
            if row and "lz4" in (row[0] or []):
                compression = "COMPRESSION lz4"
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement.replace("{compression}", compression))

    return apply


class Migration(migrations.Migration):
    dependencies = [("prongsai_search", "0002_trigram_index")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
