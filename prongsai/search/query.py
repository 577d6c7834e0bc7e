"""Matching and ranking on the index, the same rules on SQLite and PostgreSQL.

Matching: every term must occur as a substring of the title or the body (AND). Terms of three
characters or more use the substring index; shorter ones a scan over the rows the other terms
already matched (or over the newest rows when the query has only short terms).

Ranking (over a bounded window of candidates, so the cost does not grow with the corpus): the
newest CANDIDATES_PER_KIND entries with every term in the title and the newest
CANDIDATES_PER_KIND entries that match at all, ordered by: all terms in the title, then some in
the title, then whole-word matches, then newest first.

How each database finds the newest matches without visiting every match (docs/search.md):
- SQLite walks its FTS5 trigram tables in rowid order, newest first, and stops at the window;
  the title window has its own small title-only FTS5 table (migration 0003).
- PostgreSQL's GIN index of 3- and 4-character runs (migration 0004, over text_key/title_key of
  migration 0003) returns candidates in no order, and each must be read to be confirmed. So the
  newest rows are first examined one by one (cheap when the terms are common); when that probe
  does not fill the window, the older rows' candidates come from the index (nearly all of them
  matches: runs of four tell ข้าวสาร from ข่าวสาร) and are confirmed newest first, in batches,
  until the window is full.
- When the window of all matches is not full it holds every match: the count and the title
  window come from it without another query. Otherwise the count is a separate query that stops
  at COUNT_CAP + 1.
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Case, ExpressionWrapper, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

from prongsai.search.models import SearchEntry
from prongsai.search.text import is_short, query_grams, search_key

CANDIDATES_PER_KIND = 100
SHORT_TERM_SCAN_LIMIT = 5_000
COUNT_CAP = 1_000
# PostgreSQL: how many of the newest rows are examined one by one before the trigram index is
# used. Examining a row costs about as much as one index candidate, so the probe pays off for
# terms in more than CANDIDATES_PER_KIND / PROBE_ROWS of the rows.
PROBE_ROWS = 2_000
MAX_PROBE_ROWS = 10_000  # ... and how far the probe goes on when its matches promise a window
# PostgreSQL: candidates from the gram index are confirmed at most this many at a time
CONFIRM_BATCH = 2_000
# PostgreSQL costs in µs, measured at 100,000 entries with the server's defaults, that decide
# between examining more of the newest rows and asking the gram index (_probing_is_cheaper)
PROBE_ROW_US = 1.5  # one of the newest rows examined with strpos()
INDEX_LOOKUP_US = 2_000  # one lookup of a term's runs in the gram index
CANDIDATE_US = 0.8  # one candidate listed from it
CONFIRM_US = 6  # one candidate confirmed with strpos()
BITMAP_WORK_MEM = "64MB"  # see _forced_bitmap
# PostgreSQL: counting up to COUNT_CAP by examining the newest rows one by one beats the index
# when the terms are common enough to reach the cap within this many rows.
COUNT_SCAN_ROWS = 9_000

FTS = "prongsai_search_fts"
FTS_TITLE = "prongsai_search_fts_title"


@dataclass
class Hit:
    entry: SearchEntry
    score: float
    title_hits: int
    word_hits: int


@dataclass
class Result:
    hits: list  # ranked, best first (at most two windows of CANDIDATES_PER_KIND)
    total: int  # how many entries match, counted up to COUNT_CAP + 1

    @property
    def capped(self):
        return self.total > COUNT_CAP


# -- matching ---------------------------------------------------------------------------------


def _fts_expression(terms):
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _pg_contains(queryset, terms, column):
    """queryset narrowed to the entries whose `column` (a key column of migration 0003)
    contains every term: strpos() reads the text, so this is the confirmation, not the search.
    Unqualified column names, so that the condition also applies to the fenced subquery of
    _pg_fenced_sql()."""
    keys = [search_key(t) for t in terms]
    return queryset.extra(
        where=[" AND ".join(f"strpos({column}, %s) > 0" for _ in keys)], params=keys
    )


def _pg_fenced_sql(queryset, terms, column):
    """SQL and params selecting the ids of queryset whose `column` holds every run the gram
    index is asked for (migration 0004) — a superset of the matches.

    The index is read in a subquery of its own (OFFSET 0 keeps the planner from merging it) and
    the queryset's conditions apply to that subquery's rows: beside a selective filter (an
    agency's path, a content type) the planner could otherwise read the rows through that
    filter's index and compute every row's runs (1 ms per 1,000 characters) instead of using
    the gram index."""
    grams = query_grams([search_key(t) for t in terms])
    table = connection.ops.quote_name(SearchEntry._meta.db_table)
    sql, params = queryset.order_by().values_list("id", flat=True).query.sql_with_params()
    sql, source = sql + " ", f" FROM {table} "
    assert sql.count(source) == 1, sql  # one table, no joins: the queryset of search entries
    fenced = (
        f" FROM (SELECT * FROM {table} WHERE prongsai_search_grams({column}) @> %s::text[]"
        f" OFFSET 0) {table} "
    )
    return sql.replace(source, fenced), (grams, *params)


def _sqlite_short(queryset, short_terms, title_only):
    for term in short_terms:
        condition = Q(title__contains=term)
        if not title_only:
            condition |= Q(body__contains=term)
        queryset = queryset.filter(condition)
    return queryset


def filter_matching(queryset, terms, title_only=False, nested=False):
    """Entries whose title (or title or body) contains every term, in no particular order.
    `nested=True` when the result is used as a subquery of another query."""
    long_terms = [t for t in terms if not is_short(t)]
    short_terms = [t for t in terms if is_short(t)]
    if connection.vendor == "sqlite":
        table = FTS_TITLE if title_only else FTS
        if long_terms and nested:
            queryset = queryset.filter(
                id__in=RawSQL(
                    f"SELECT rowid FROM {table} WHERE {table} MATCH %s",
                    (_fts_expression(long_terms),),
                )
            )
        elif long_terms:
            queryset = _sqlite_join(queryset, long_terms, table)
        return _sqlite_short(queryset, short_terms, title_only)
    column = "title_key" if title_only else "text_key"
    matching = _pg_contains(queryset, terms, column)
    if not long_terms:
        return matching
    return queryset.filter(id__in=RawSQL(*_pg_fenced_sql(matching, terms, column)))


def _sqlite_join(queryset, terms, table, newest_first=False):
    """Join an FTS5 table: SQLite then drives the query from the index, and with
    `newest_first` walks it in descending rowid order and stops at the LIMIT."""
    return queryset.extra(
        tables=[table],
        where=[f"{table}.rowid = prongsai_search_searchentry.id", f"{table} MATCH %s"],
        params=[_fts_expression(terms)],
        order_by=[f"-{table}.rowid"] if newest_first else None,
    )


# -- ranking ----------------------------------------------------------------------------------


def _hits_expression(field, patterns):
    """How many of the patterns occur in a field, computed by the database (so the window
    never carries the long word-segmented text back to Python)."""
    total = Value(0)
    for pattern in patterns:
        total = total + Case(
            When(**{f"{field}__contains": pattern}, then=Value(1)), default=Value(0)
        )
    return ExpressionWrapper(total, output_field=IntegerField())


def _annotated(queryset, terms):
    return (
        queryset.annotate(title_lc=Lower("title"))
        .only("id", "object_id", "title", "date", "kind")
        .annotate(
            title_hits=_hits_expression("title_lc", terms),
            word_hits=_hits_expression("words", [f" {t} " for t in terms]),
        )
    )


def score(entry, terms):
    title_hits = getattr(entry, "title_hits", None)
    if title_hits is None:
        title = entry.title.lower()
        title_hits = sum(1 for t in terms if t in title)
    word_hits = getattr(entry, "word_hits", None)
    if word_hits is None:
        word_hits = sum(1 for t in terms if f" {t} " in entry.words)
    value = (100 if title_hits == len(terms) else 0) + 20 * title_hits + 10 * word_hits
    return Hit(entry, value, title_hits, word_hits)


def _entries(queryset, ids, terms):
    """The window's entries with their ranking annotations, newest first."""
    if not ids:
        return []
    by_id = {e.pk: e for e in _annotated(queryset.filter(id__in=ids), terms)}
    return [by_id[i] for i in sorted(ids, reverse=True) if i in by_id]


def _rank(windows, terms):
    seen, candidates = set(), []
    for window in windows:
        for entry in window:
            if entry.pk not in seen:
                seen.add(entry.pk)
                candidates.append(entry)
    hits = [score(entry, terms) for entry in candidates]
    hits.sort(key=lambda h: (h.score, h.entry.date or _EPOCH, h.entry.pk), reverse=True)
    return hits


def _newest(queryset):
    """The newest SHORT_TERM_SCAN_LIMIT entries of queryset, as an id range (walked in index
    order)."""
    limit = SHORT_TERM_SCAN_LIMIT
    boundary = list(queryset.order_by("-id").values_list("id", flat=True)[limit - 1 : limit])
    return queryset.filter(id__gte=boundary[0]) if boundary else queryset


def search(queryset, terms, cap=COUNT_CAP):
    """What the search page shows: the ranked hits (from the bounded windows) and how many
    entries match, counted up to cap + 1."""
    if not terms or queryset.query.is_empty():  # e.g. .none(): no SQL can be built for it
        return Result([], 0)
    if all(is_short(t) for t in terms):
        return _search_short(_newest(queryset), terms, cap)
    if connection.vendor == "sqlite":
        return _search_sqlite(queryset, terms, cap)
    return _search_postgresql(queryset, terms, cap)


def ranked(queryset, terms):
    """The ranked hits of a query (see search())."""
    return search(queryset, terms).hits


def count_matching(queryset, terms, cap=COUNT_CAP):
    """How many entries match, counted up to `cap` + 1 (exact counts of common words are slow).
    Queries of short terms only count among the newest SHORT_TERM_SCAN_LIMIT entries."""
    if not terms:
        return 0
    if all(is_short(t) for t in terms):
        return filter_matching(_newest(queryset), terms).values("id")[: cap + 1].count()
    if connection.vendor == "sqlite":
        return filter_matching(queryset.order_by(), terms).values("id")[: cap + 1].count()
    sql, params = _pg_fenced_sql(_pg_contains(queryset, terms, "text_key"), terms, "text_key")
    with _forced_bitmap(), connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql} LIMIT %s) counted", (*params, cap + 1))
        return cursor.fetchone()[0]


def _search_short(base, terms, cap):
    """Only terms under three characters: a LIKE over the newest entries (bounded)."""
    matching = filter_matching(base, terms)
    title = filter_matching(base, terms, title_only=True)
    body_window = list(_annotated(matching.order_by("-id"), terms)[:CANDIDATES_PER_KIND])
    if len(body_window) < CANDIDATES_PER_KIND:
        return _complete(body_window, terms)
    title_window = list(_annotated(title.order_by("-id"), terms)[:CANDIDATES_PER_KIND])
    total = matching.order_by().values("id")[: cap + 1].count()
    return Result(_rank([title_window, body_window], terms), total)


def _complete(body_window, terms):
    """The window of all matches holds every match: the title window is part of it."""
    title_window = [e for e in body_window if e.title_hits == len(terms)]
    return Result(_rank([title_window, body_window], terms), len(body_window))


def _search_sqlite(queryset, terms, cap):
    long_terms = [t for t in terms if not is_short(t)]
    short_terms = [t for t in terms if is_short(t)]

    def window(table, title_only):
        matching = _sqlite_join(queryset, long_terms, table, newest_first=True)
        matching = _sqlite_short(matching, short_terms, title_only)
        return list(_annotated(matching, terms)[:CANDIDATES_PER_KIND])

    body_window = window(FTS, False)
    if len(body_window) < CANDIDATES_PER_KIND:
        return _complete(body_window, terms)
    title_window = window(FTS_TITLE, True)
    matching = _sqlite_short(_sqlite_join(queryset.order_by(), long_terms, FTS), short_terms, False)
    total = matching.values("id")[: cap + 1].count()
    return Result(_rank([title_window, body_window], terms), total)


# -- PostgreSQL -------------------------------------------------------------------------------


@contextmanager
def _forced_bitmap():
    """On PostgreSQL, plan the next statements with the gram index (a bitmap scan): its
    estimates for `@>` on the runs are guesses, and a wrong guess walks the table computing
    every row's runs. The bitmap gets room to stay exact: a lossy page would be rechecked by
    computing the runs of each of its rows."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        names = ("enable_indexscan", "enable_seqscan", "work_mem")
        cursor.execute("SELECT " + ", ".join(f"current_setting('{n}')" for n in names))
        before = cursor.fetchone()
        cursor.execute(
            "SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off;"
            f" SET LOCAL work_mem = '{BITMAP_WORK_MEM}'"
        )
        yield
        # restored for the rest of the transaction (on an error, leaving the atomic block rolls
        # back to its savepoint, which undoes the SET LOCAL as well)
        cursor.execute("SELECT " + ", ".join(f"set_config('{n}', %s, true)" for n in names), before)


def _pg_probe_sql(queryset, terms, column, rows):
    """SQL over the newest `rows` rows of queryset, newest first, that keeps those whose
    `column` contains every term, with each row's position among the rows examined."""
    newest = queryset.order_by("-id").annotate(_key=RawSQL(column, ())).values_list("id", "_key")
    inner_sql, inner_params = newest[:rows].query.sql_with_params()
    # strpos() is the same test as LIKE '%term%' and about three times faster on Thai text
    where = " AND ".join("strpos(probe._key, %s) > 0" for _ in terms)
    # row_number() ordered like the rows: the planner then knows that they stay newest first,
    # so "ORDER BY probe.id DESC LIMIT n" stops at the n-th match instead of sorting them all
    return (
        "SELECT probe.id, probe.position FROM (SELECT numbered.*, row_number()"
        f" OVER (ORDER BY numbered.id DESC) AS position FROM ({inner_sql}) numbered) probe"
        f" WHERE {where}",
        (*inner_params, *[search_key(t) for t in terms]),
    )


@dataclass
class _Newest:
    """What _pg_newest() found: the newest matches, how many matches the rows it examined
    hold, and the candidates it did not confirm (None when the probe alone filled the window:
    the older rows were not looked at)."""

    ids: list
    counted: int
    unconfirmed: list | None
    probed_rows: int | None = None  # how many of the newest rows held the window (probe only)

    @property
    def complete(self):
        return self.unconfirmed == []


def _pg_newest(queryset, terms, column, limit):
    """The ids of the newest `limit` entries of queryset whose `column` contains every term,
    newest first.

    The newest rows are examined one by one first (cheap when the terms are common); when they
    do not promise the window soon, the older rows' candidates come from the gram index (cheap
    when the terms are rare: it is exact for runs, so the candidates are nearly all matches)
    and are confirmed newest first, in batches, until the window is full."""
    ids, scanned, rest, rows = [], 0, queryset, PROBE_ROWS
    while True:
        sql, params = _pg_probe_sql(rest, terms, column, rows)
        with connection.cursor() as cursor:
            cursor.execute(f"{sql} ORDER BY probe.id DESC LIMIT %s", (*params, limit - len(ids)))
            found = cursor.fetchall()
        ids += [row[0] for row in found]
        if len(ids) == limit:
            return _Newest(ids, len(ids), None, scanned + found[-1][1])
        boundary = list(rest.order_by("-id").values_list("id", flat=True)[rows - 1 : rows])
        if not boundary:  # every row has been seen
            return _Newest(ids, len(ids), [])
        scanned += rows
        rest = rest.filter(id__lt=boundary[0])
        if not ids:
            break
        needed = scanned * limit / len(ids) * 1.25
        if needed > MAX_PROBE_ROWS or not _probing_is_cheaper(
            needed - scanned, len(ids), scanned, limit
        ):
            break
        rows = int(needed) - scanned
    candidates = _pg_candidates(rest, terms, column)
    counted, position = len(ids), 0
    while len(ids) < limit and position < len(candidates):
        size = max(2 * (limit - len(ids)), 50) * (2 if position else 1)
        confirmed = _pg_confirmed(rest, terms, column, candidates[position : position + size])
        position += size
        counted += len(confirmed)
        ids += confirmed[: limit - len(ids)]
    return _Newest(ids, counted, candidates[position:])


def _probing_is_cheaper(more_rows, matches, scanned, limit):
    """Whether examining `more_rows` further rows costs less than the gram index: listing the
    candidates of the older rows (about as many as the probe's match rate predicts) and
    confirming the matches still needed. Costs in µs per row measured at 100,000 entries
    (bench/README.md)."""
    older_rows = max(_pg_rows() - scanned, 0)
    candidates = older_rows * matches / scanned
    index = INDEX_LOOKUP_US + candidates * CANDIDATE_US + (limit - matches) * 1.2 * CONFIRM_US
    return more_rows * PROBE_ROW_US < index


def _pg_rows():
    """The planner's row count of the index table (no scan)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = 'prongsai_search_searchentry'::regclass"
        )
        rows = cursor.fetchone()[0]
    return rows if rows and rows > 0 else 0


def _pg_candidates(queryset, terms, column):
    """Ids of the entries whose `column` holds every run the gram index is asked for
    (migration 0004), newest first: a superset of the matches, to be confirmed."""
    sql, params = _pg_fenced_sql(queryset, terms, column)
    with _forced_bitmap(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return sorted((row[0] for row in cursor.fetchall()), reverse=True)


def _pg_confirmed(queryset, terms, column, ids):
    """Those of `ids` whose `column` contains every term, newest first."""
    if not ids:
        return []
    confirmed = _pg_contains(queryset.filter(id__in=ids), terms, column)
    return sorted(confirmed.values_list("id", flat=True), reverse=True)


def _pg_total(queryset, terms, cap, body):
    """How many entries match, up to cap + 1, after the body window was found."""
    if body.unconfirmed is None:
        return _pg_count(queryset, terms, cap, body.probed_rows)
    counted, rest = body.counted, body.unconfirmed
    while rest and counted <= cap:
        # nearly every candidate is a match: confirm a few more than the count still needs
        size = min(int((cap + 1 - counted) * 1.1) + 20, CONFIRM_BATCH)
        batch, rest = rest[:size], rest[size:]
        counted += len(_pg_confirmed(queryset, terms, "text_key", batch))
    return counted


def _pg_count(queryset, terms, cap, rows_per_window):
    """count_matching(), after a probe found CANDIDATES_PER_KIND matches among the newest
    `rows_per_window` rows: when cap + 1 matches are likely among the newest COUNT_SCAN_ROWS
    rows, count them there (no index); otherwise, or if they are not there, count through the
    gram index."""
    expected_rows = (cap + 1) * rows_per_window / CANDIDATES_PER_KIND
    if expected_rows * 1.5 <= COUNT_SCAN_ROWS:
        sql, params = _pg_probe_sql(queryset, terms, "text_key", COUNT_SCAN_ROWS)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({sql} LIMIT %s) counted", (*params, cap + 1))
            if cursor.fetchone()[0] > cap:
                return cap + 1
    return count_matching(queryset, terms, cap)


def _search_postgresql(queryset, terms, cap):
    body = _pg_newest(queryset, terms, "text_key", CANDIDATES_PER_KIND)
    body_window = _entries(queryset, body.ids, terms)
    if body.complete and body.counted <= len(body.ids):
        return _complete(body_window, terms)
    title_window = _entries(
        queryset, _pg_newest(queryset, terms, "title_key", CANDIDATES_PER_KIND).ids, terms
    )
    total = _pg_total(queryset, terms, cap, body)
    return Result(_rank([title_window, body_window], terms), min(total, cap + 1))


_EPOCH = __import__("datetime").date(1, 1, 1)
