"""The substring index: FTS5 trigram on SQLite, pg_trgm GIN indexes on PostgreSQL.

Measured in shared/research/thai-search.md: both give recall 1.00 against exact-substring truth
on Thai, where word-segmented indexes miss 10–60 % and Wagtail's stock tables drop Thai marks.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE prongsai_search_fts USING fts5(
        title, body, content='prongsai_search_searchentry', content_rowid='id',
        tokenize='trigram')""",
    """CREATE TRIGGER prongsai_search_ai AFTER INSERT ON prongsai_search_searchentry BEGIN
        INSERT INTO prongsai_search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    """CREATE TRIGGER prongsai_search_ad AFTER DELETE ON prongsai_search_searchentry BEGIN
        INSERT INTO prongsai_search_fts(prongsai_search_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END""",
    """CREATE TRIGGER prongsai_search_au AFTER UPDATE OF title, body
        ON prongsai_search_searchentry BEGIN
        INSERT INTO prongsai_search_fts(prongsai_search_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO prongsai_search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS prongsai_search_au",
    "DROP TRIGGER IF EXISTS prongsai_search_ad",
    "DROP TRIGGER IF EXISTS prongsai_search_ai",
    "DROP TABLE IF EXISTS prongsai_search_fts",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE INDEX IF NOT EXISTS prongsai_search_title_trgm
        ON prongsai_search_searchentry USING gin (lower(title) gin_trgm_ops)""",
    """CREATE INDEX IF NOT EXISTS prongsai_search_body_trgm
        ON prongsai_search_searchentry USING gin (lower(body) gin_trgm_ops)""",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS prongsai_search_body_trgm",
    "DROP INDEX IF EXISTS prongsai_search_title_trgm",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("prongsai_search", "0001_entries")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
