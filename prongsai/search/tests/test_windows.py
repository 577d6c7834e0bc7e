"""The bounded ranking windows and the capped count (query.search) give exactly what a plain
reference computes, on SQLite and PostgreSQL, through every path the databases take: the FTS5
walks on SQLite; on PostgreSQL the probe of the newest rows, its extension, the gram index's
candidates for older rows confirmed in batches, and every way of counting. The sizes are shrunk
so that a few dozen entries reach every path."""

import datetime
import random

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from prongsai.search import query as thai_query
from prongsai.search.models import SearchEntry
from prongsai.search.text import (
    KEY_LETTERS,
    KEY_MARKS,
    index_grams,
    normalize,
    query_grams,
    query_terms,
    search_key,
)

pytestmark = pytest.mark.django_db

WORDS = ["ประกาศ", "จัดซื้อ", "ข่าวสาร", "ข้าวสาร", "โครงการ", "ถนนลาดยาง", "งบประมาณ", "ผล"]


@pytest.fixture
def entries():
    """60 entries of one content type (isolated from the demo's), older to newer."""
    content_type, _ = ContentType.objects.get_or_create(app_label="tests", model="windowitem")
    rng = random.Random(3)
    rows = []
    for i in range(60):
        title_words = rng.sample(WORDS, rng.choice([0, 1, 1, 2]))
        body_words = rng.sample(WORDS, rng.randint(0, 4))
        if i % 7 == 0:
            body_words.append("คำหายากมาก")
        if i < 4:
            title_words.append("เอกสารเก่าพิเศษ")
        rows.append(
            SearchEntry(
                content_type=content_type,
                object_id=str(i),
                title=normalize(f"เรื่องที่ {i} " + " ".join(title_words)),
                body=normalize(" ".join(body_words) + f" ลำดับ {i}"),
                words=" " + " ".join(title_words + body_words) + " ",
                path="00019999",
                public=True,
                kind="news",
                date=datetime.date(2026, 1, 1) + datetime.timedelta(days=i % 11),
            )
        )
    SearchEntry.objects.bulk_create(rows)
    return SearchEntry.objects.filter(content_type=content_type, public=True)


def reference(queryset, terms, window, cap, short_limit):
    """The documented rules, computed in Python over every row."""
    rows = sorted(queryset, key=lambda e: -e.pk)
    if all(len(t) < 3 for t in terms):
        rows = rows[:short_limit]

    def has(text, term):
        return term in text.lower()

    matches = [e for e in rows if all(has(e.title, t) or has(e.body, t) for t in terms)]
    in_title = [e for e in rows if all(has(e.title, t) for t in terms)]
    seen, candidates = set(), []
    for e in in_title[:window] + matches[:window]:
        if e.pk not in seen:
            seen.add(e.pk)
            candidates.append(e)
    hits = [thai_query.score(e, terms) for e in candidates]
    hits.sort(key=lambda h: (h.score, h.entry.date, h.entry.pk), reverse=True)
    return [h.entry.pk for h in hits], min(len(matches), cap + 1)


@pytest.fixture
def small_sizes(monkeypatch):
    sizes = {
        "CANDIDATES_PER_KIND": 4,
        "PROBE_ROWS": 5,
        "MAX_PROBE_ROWS": 15,
        "COUNT_SCAN_ROWS": 40,
        "COUNT_CAP": 6,
        "CONFIRM_BATCH": 3,
        "SHORT_TERM_SCAN_LIMIT": 25,
    }
    for name, value in sizes.items():
        monkeypatch.setattr(thai_query, name, value)
    return sizes


@pytest.mark.parametrize(
    "query",
    [
        "ลำดับ",  # in every entry
        "ประกาศ",  # common
        "ข่าวสาร",  # common, and ข้าวสาร differs from it only by a mark
        "ข้าวสาร",
        "คำหายากมาก",  # in one entry of seven
        "เอกสารเก่าพิเศษ",  # only in the titles of the four oldest entries
        "ประกาศ จัดซื้อ",  # two terms
        "ถนนลาดยาง งบประมาณ โครงการ",
        "ผล ประกาศ",  # a short term with a long one
        "ผล",  # short terms only: the newest SHORT_TERM_SCAN_LIMIT entries
        "ไม่มีคำนี้แน่นอน",
    ],
)
def test_windows_and_count_match_the_reference(entries, small_sizes, query):
    terms = query_terms(query)
    result = thai_query.search(entries, terms, cap=small_sizes["COUNT_CAP"])
    expected_hits, expected_total = reference(
        entries,
        terms,
        small_sizes["CANDIDATES_PER_KIND"],
        small_sizes["COUNT_CAP"],
        small_sizes["SHORT_TERM_SCAN_LIMIT"],
    )
    assert [h.entry.pk for h in result.hits] == expected_hits
    assert result.total == expected_total
    assert result.capped == (expected_total > small_sizes["COUNT_CAP"])
    assert thai_query.count_matching(entries, terms, cap=small_sizes["COUNT_CAP"]) == (
        expected_total
    )
    assert [h.entry.pk for h in thai_query.ranked(entries, terms)] == expected_hits


@pytest.mark.parametrize("query", ["ลำดับ", "ประกาศ จัดซื้อ", "ผล"])
def test_a_small_filtered_set_is_seen_whole(entries, small_sizes, query):
    few = entries.filter(id__in=list(entries.order_by("id").values_list("id", flat=True)[10:14]))
    terms = query_terms(query)
    expected_hits, expected_total = reference(
        few, terms, small_sizes["CANDIDATES_PER_KIND"], small_sizes["COUNT_CAP"], 25
    )
    result = thai_query.search(few, terms, cap=small_sizes["COUNT_CAP"])
    assert [h.entry.pk for h in result.hits] == expected_hits
    assert result.total == expected_total


def test_an_old_title_match_ranks_first_even_beyond_the_newest_matches(entries, small_sizes):
    """The title window finds the four oldest entries although newer body matches fill the
    window of all matches."""
    newer = entries.order_by("-id")[:10]
    for entry in newer:
        entry.body += " เอกสารเก่าพิเศษ"
        entry.save()
    hits = thai_query.search(entries, ["เอกสารเก่าพิเศษ"]).hits
    oldest = sorted(entries.order_by("id").values_list("id", flat=True)[:4], reverse=True)
    assert {h.entry.pk for h in hits[:4]} == set(oldest)
    assert all(h.title_hits == 1 for h in hits[:4])


def test_search_keys_swap_marks_and_postgresql_computes_the_same_keys():
    text = "ข้าว ข่าว ขาว น้ำ ตั๋ว ก็ ์ ๎ " + KEY_LETTERS + " MiXeD Case 2569"
    assert search_key(search_key(text)) == text.lower()  # a swap: its own inverse
    assert set(search_key(KEY_MARKS)) == set(KEY_LETTERS)
    if connection.vendor == "postgresql":  # the index there is built by the SQL function
        with connection.cursor() as cursor:
            cursor.execute("SELECT prongsai_search_key(%s)", [text])
            assert cursor.fetchone()[0] == search_key(text)


def test_the_runs_asked_for_are_among_the_runs_stored_exactly_when_the_term_is_there():
    text = search_key(normalize("ประกาศ ข่าวสาร ของ อบต.หนองปรือ เรื่อง ตั๋ว ๒๕๖๙ Open Data"))
    stored = index_grams(text)
    for term in ["ข่าวสาร", "ประกาศ", "2569", "open data", "ตั๋ว", "อบต.หนอง", "ของ"]:
        assert set(query_grams([search_key(term)])) <= stored, term
    for term in ["ข้าวสาร", "ข่าวสร", "ประกาส", "ตัว", "2568"]:  # marks and digits count
        assert not set(query_grams([search_key(term)])) <= stored, term
    assert query_grams(["ผล"]) == []  # short terms are not looked up in the index
    if connection.vendor == "postgresql":  # the index there is built by the SQL function
        for sample in [text, "", "ab", "abc", "ก" * 10]:
            with connection.cursor() as cursor:
                cursor.execute("SELECT prongsai_search_grams(%s)", [sample])
                assert set(cursor.fetchone()[0]) == index_grams(sample), sample


def test_a_long_term_asks_for_a_bounded_spread_of_its_runs():
    key = search_key("ศูนย์ข้อมูลข่าวสารของราชการองค์การบริหารส่วนตำบล")
    runs = query_grams([key], per_term=12)
    assert len(runs) == 12
    assert runs[0] == key[:4] and runs[-1] == key[-4:]
    assert set(runs) <= index_grams(key)


def _plans_of_every_select(run):
    """Run `run()` and return the plan of every SELECT it executes, taken just before the
    statement with the same connection state (so SET LOCAL planner settings apply)."""
    plans = []

    def explain_first(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("SELECT") and not many:
            raw = context["cursor"].cursor  # the driver's cursor: no wrapper, no recursion
            prefix = (
                "EXPLAIN (FORMAT JSON) "
                if connection.vendor == "postgresql"
                else ("EXPLAIN QUERY PLAN ")
            )
            raw.execute(prefix + sql, params or ())
            plans.append((sql, raw.fetchall()))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(explain_first):
        run()
    return plans


def _postgresql_nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from _postgresql_nodes(child)


@pytest.mark.parametrize("query", ["ลำดับ", "คำหายากมาก", "ข้าวสาร", "ผล ประกาศ"])
def test_matches_are_found_through_the_index_never_by_reading_every_row(
    entries, small_sizes, query
):
    """Computing a row's runs costs about 1 ms per 1,000 characters: a plan that did it row by
    row (a filter instead of the index) would turn a page into seconds at 100,000 entries."""
    terms = query_terms(query)
    plans = _plans_of_every_select(
        lambda: (
            thai_query.search(entries, terms, cap=small_sizes["COUNT_CAP"]),
            thai_query.count_matching(entries, terms),
            list(thai_query.filter_matching(entries, terms)),
        )
    )
    assert plans
    index_used = False
    for sql, rows in plans:
        if connection.vendor == "postgresql":
            for node in _postgresql_nodes(rows[0][0][0]["Plan"]):
                assert "prongsai_search_grams" not in node.get("Filter", ""), (sql, node)
                index_used |= "prongsai_search_grams" in node.get("Index Cond", "")
        else:
            details = " ".join(str(row[-1]) for row in rows)
            index_used |= "VIRTUAL TABLE INDEX" in details
    assert index_used


def test_no_entries_at_all_is_an_empty_page_not_an_error():
    """The public page searches SearchEntry.objects.none() when the host is no agency's site."""
    assert thai_query.search(SearchEntry.objects.none(), ["ประกาศ"]).total == 0
    assert thai_query.search(SearchEntry.objects.none(), ["ผล"]).hits == []
