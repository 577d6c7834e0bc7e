"""Matching and ranking on the index, the same rules on SQLite and PostgreSQL.

Matching: every term must occur as a substring of the title or the body (AND). Terms of three
characters or more use the trigram index; shorter ones a bounded LIKE over the rows the other
terms already matched (or over the newest rows when the query has only short terms).

Ranking (over a bounded window of candidates, so the cost does not grow with the corpus):
all terms in the title, then some in the title, then whole-word matches, then newest first.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, ExpressionWrapper, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

from prongsai.search.models import SearchEntry
from prongsai.search.text import is_short

CANDIDATES_PER_KIND = 100
SHORT_TERM_SCAN_LIMIT = 5_000
COUNT_CAP = 1_000


def _fts_phrase(term):
    return '"' + term.replace('"', '""') + '"'


def _sqlite_match(queryset, terms, column=None):
    """Join the FTS5 trigram table so SQLite walks it in rowid order and stops at the LIMIT
    (an `id IN (subquery)` would first collect every match of a common word)."""
    expression = " AND ".join(_fts_phrase(t) for t in terms)
    if column:
        expression = f"{{{column}}} : ({expression})"
    return queryset.extra(
        tables=["prongsai_search_fts"],
        where=[
            "prongsai_search_fts.rowid = prongsai_search_searchentry.id",
            "prongsai_search_fts MATCH %s",
        ],
        params=[expression],
    )


def _like(term, field):
    return Q(**{f"{field}_lower__contains": term})


def _with_lower(queryset):
    return queryset.annotate(title_lower=Lower("title"), body_lower=Lower("body"))


def _sqlite_match_ids(terms, column=None):
    """The same match as an id subquery, for querysets used inside other queries (where the
    joined form cannot name the outer table)."""
    expression = " AND ".join(_fts_phrase(t) for t in terms)
    if column:
        expression = f"{{{column}}} : ({expression})"
    return RawSQL(
        "SELECT rowid FROM prongsai_search_fts WHERE prongsai_search_fts MATCH %s", (expression,)
    )


def filter_matching(queryset, terms, title_only=False, nested=False):
    """Entries whose title (or title or body) contains every term. `nested=True` when the
    result is used as a subquery of another query."""
    long_terms = [t for t in terms if not is_short(t)]
    short_terms = [t for t in terms if is_short(t)]
    if connection.vendor == "sqlite":
        if long_terms and nested:
            queryset = queryset.filter(
                id__in=_sqlite_match_ids(long_terms, "title" if title_only else None)
            )
        elif long_terms:
            queryset = _sqlite_match(queryset, long_terms, "title" if title_only else None)
        for term in short_terms:
            queryset = queryset.filter(
                Q(title__contains=term)
                if title_only
                else Q(title__contains=term) | Q(body__contains=term)
            )
        return queryset
    queryset = _with_lower(queryset)
    for term in terms:
        condition = _like(term, "title")
        if not title_only:
            condition |= _like(term, "body")
        queryset = queryset.filter(condition)
    return queryset


@dataclass
class Hit:
    entry: SearchEntry
    score: float
    title_hits: int
    word_hits: int


def _hits_expression(field, patterns):
    """How many of the patterns occur in a field, computed by the database (so the window
    never carries the long word-segmented text back to Python)."""
    total = Value(0)
    for pattern in patterns:
        total = total + Case(
            When(**{f"{field}__contains": pattern}, then=Value(1)), default=Value(0)
        )
    return ExpressionWrapper(total, output_field=IntegerField())


def _window(queryset, terms, title_only):
    return (
        filter_matching(queryset, terms, title_only=title_only)
        .only("id", "object_id", "title", "date", "kind")
        .annotate(
            title_hits=_hits_expression("title_lc", terms),
            word_hits=_hits_expression("words", [f" {t} " for t in terms]),
        )[:CANDIDATES_PER_KIND]
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


def ranked(queryset, terms):
    """The ranked hits of a query, from a bounded window: the newest title matches and the
    newest body matches, ordered by score then date."""
    if not terms:
        return []
    base = queryset.annotate(title_lc=Lower("title")).order_by("-id")
    if all(is_short(t) for t in terms):
        newest = queryset.order_by("-id").values("id")[:SHORT_TERM_SCAN_LIMIT]
        base = (
            SearchEntry.objects.filter(id__in=newest)
            .annotate(title_lc=Lower("title"))
            .order_by("-id")
        )
    seen, candidates = set(), []
    for entry in list(_window(base, terms, True)) + list(_window(base, terms, False)):
        if entry.pk not in seen:
            seen.add(entry.pk)
            candidates.append(entry)
    hits = [score(entry, terms) for entry in candidates]
    hits.sort(key=lambda h: (h.score, h.entry.date or _EPOCH, h.entry.pk), reverse=True)
    return hits


def count_matching(queryset, terms, cap=COUNT_CAP):
    """How many entries match, counted up to `cap` (exact counts of common words are slow)."""
    matching = filter_matching(queryset.order_by(), terms, nested=True).values("id")[: cap + 1]
    return SearchEntry.objects.filter(id__in=matching).count()


_EPOCH = __import__("datetime").date(1, 1, 1)
