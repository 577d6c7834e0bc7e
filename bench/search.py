"""Benchmark of Prongsai's Thai search (prongsai/search) at scale, on SQLite and PostgreSQL.

    .venv/bin/python bench/search.py [--n 100000] [--databases sqlite,postgresql] [--queries 80]

Builds a synthetic Thai corpus from the project's own text (bench/_corpus.py), loads it into a
throw-away database per engine (an SQLite file in a temporary directory; a PostgreSQL database
`prongsai_bench_<random>` on 127.0.0.1:5432, dropped at the end), and measures, with the method
of shared/research/thai-search.md §2 (warm-up pass, then 3 runs per query, median per query,
p50/p95 per query class):

  (a) Prongsai: query.ranked(...)[:10] + query.count_matching(...) — what /search/ does;
  (b) Wagtail's stock database backend (modelsearch) on the same titles and bodies;
  (c) a plain LIKE '%term%' scan, newest 10, AND of the terms;

plus build time, index size, recall against substring ground truth and false hits on
mark-only differences (ข้าว / ข่าว / ขาว). A benchmark, not a test: nothing is asserted.
Each database runs in a subprocess of this script (`--_worker`), because Django reads
DATABASE_URL when it starts.
"""

import argparse
import json
import os
import pickle
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
RESULT_MARK = "BENCH_RESULT "
CLASSES = ["1-word", "2-word", "compound", "mark-only"]
TARGET_P95_MS = 50
TARGET_SPEEDUP = 20
REPEAT_BELOW_S = 0.5      # a run faster than this is repeated twice more (median of 3)
WARMUP_BUDGET_S = 30      # per method: after this much warm-up the caches are warm anyway
EXPLAIN_SLOWEST = 3


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


def pct(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


# --------------------------------------------------------------------------------------------
# Worker: one database, inside Django
# --------------------------------------------------------------------------------------------


class Timeout(Exception):
    pass


def worker(vendor, workdir, timeout_s):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
    django.setup()

    from django.core.management import call_command
    from django.db import OperationalError, connection, transaction

    result = {"vendor": vendor, "load_before": os.getloadavg()[0]}
    with open(Path(workdir) / "corpus.pkl", "rb") as f:
        data = pickle.load(f)
    titles, bodies, words, meta = data["titles"], data["bodies"], data["words"], data["meta"]
    queries = data["queries"]
    n = len(titles)

    # -- timeouts -----------------------------------------------------------------------------
    deadline = [None]
    connection.ensure_connection()
    if vendor == "sqlite":
        result["engine_version"] = "SQLite " + connection.connection.execute(
            "select sqlite_version()").fetchone()[0]

        def progress():
            return 1 if deadline[0] is not None and time.perf_counter() > deadline[0] else 0

        connection.connection.set_progress_handler(progress, 20_000)
    else:
        with connection.cursor() as c:
            c.execute("select version()")
            result["engine_version"] = c.fetchone()[0].split(" on ")[0]
            settings = {}
            for name in ("shared_buffers", "work_mem", "max_parallel_workers_per_gather", "jit",
                         "default_text_search_config", "lc_ctype", "random_page_cost"):
                c.execute(f"show {name}")
                settings[name] = c.fetchone()[0]
            result["pg_settings"] = settings

    def set_timeout(seconds):
        if vendor == "postgresql":
            with connection.cursor() as c:
                c.execute(f"SET statement_timeout = {int(seconds * 1000) if seconds else 0}")

    def run_bounded(fn, seconds):
        """fn() with a per-statement limit; raises Timeout."""
        deadline[0] = time.perf_counter() + seconds if vendor == "sqlite" else None
        try:
            return fn()
        except OperationalError as e:
            text = str(e).lower()
            if "interrupt" in text or "statement timeout" in text or "cancel" in text:
                raise Timeout() from e
            raise
        finally:
            deadline[0] = None

    # -- schema --------------------------------------------------------------------------------
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    result["migrate_s"] = round(time.perf_counter() - t0, 1)
    log(f"[{vendor}] migrate {result['migrate_s']} s")

    from django.contrib.contenttypes.models import ContentType

    from prongsai.search import query as thai_query
    from prongsai.search.models import SearchEntry

    # -- build: Prongsai's index ---------------------------------------------------------------
    ct, _ = ContentType.objects.get_or_create(app_label="bench", model="syntheticitem")
    t0 = time.perf_counter()
    pks = []
    for start in range(0, n, 5000):
        rows = [
            SearchEntry(
                content_type=ct, object_id=str(i), title=titles[i], body=bodies[i],
                words=words[i], path="00010001", public=True, kind=meta[i][2],
                section_id=meta[i][3], department_id=meta[i][4], fiscal_year=meta[i][1],
                date=meta[i][0],
            )
            for i in range(start, min(n, start + 5000))
        ]
        with transaction.atomic():
            pks += [e.pk for e in SearchEntry.objects.bulk_create(rows, batch_size=500)]
    result["insert_s"] = round(time.perf_counter() - t0, 1)
    item_of = {pk: i for i, pk in enumerate(pks)}
    log(f"[{vendor}] inserted {n} entries in {result['insert_s']} s")

    t0 = time.perf_counter()
    if vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE prongsai_search_searchentry")
    else:
        with connection.cursor() as c:
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    result["maintenance_s"] = round(time.perf_counter() - t0, 1)

    # -- build: Wagtail's stock database backend -----------------------------------------------
    from modelsearch import index as ms_index
    from modelsearch.abstract_models import TextIDGenericRelation
    from modelsearch.conf import get_app_config

    class StockEntry(ms_index.Indexed, SearchEntry):
        """The same rows, seen by Wagtail's stock backend (a proxy: no table of its own)."""

        search_fields = [
            ms_index.SearchField("title"),
            ms_index.SearchField("body"),
            ms_index.FilterField("public"),
            ms_index.FilterField("path"),
        ]

        class Meta:
            proxy = True
            app_label = "prongsai_search"

    IndexEntry = get_app_config().get_model("IndexEntry")
    TextIDGenericRelation(IndexEntry).contribute_to_class(StockEntry, "index_entries")
    if vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend as Backend
    else:
        from modelsearch.backends.database.postgres.postgres import (
            PostgresSearchBackend as Backend,
        )
    backend = Backend({})  # the defaults, as WAGTAILSEARCH_BACKENDS = {"default": {...database}}
    result["stock_backend"] = f"{Backend.__module__}.{Backend.__name__}"
    stock_index = backend.get_index_for_model(StockEntry)
    t0 = time.perf_counter()
    for start in range(0, n, 5000):
        objs = [StockEntry(pk=pks[i], title=titles[i], body=bodies[i])
                for i in range(start, min(n, start + 5000))]
        with transaction.atomic():
            stock_index.add_items(StockEntry, objs)
    result["stock_insert_s"] = round(time.perf_counter() - t0, 1)
    if vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE wagtailsearch_indexentry")
    else:
        with connection.cursor() as c:
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    log(f"[{vendor}] stock index built in {result['stock_insert_s']} s")

    # -- sizes ---------------------------------------------------------------------------------
    result["sizes_MB"] = sizes(vendor, connection)
    log(f"[{vendor}] sizes {result['sizes_MB']}")

    # -- the three query methods ---------------------------------------------------------------
    public = SearchEntry.objects.filter(public=True, path__startswith="0001")
    stock_public = StockEntry.objects.filter(public=True, path__startswith="0001")

    def prongsai_page(q):
        t0 = time.perf_counter()
        hits = thai_query.ranked(public, q["terms"])[:10]
        t1 = time.perf_counter()
        total = thai_query.count_matching(public, q["terms"])
        t2 = time.perf_counter()
        return {"total": t2 - t0, "ranked": t1 - t0, "count": t2 - t1,
                "top": [h.entry.pk for h in hits], "n": total}

    def stock_top10(q):
        t0 = time.perf_counter()
        top = [o.pk for o in backend.search(" ".join(q["terms"]), stock_public, operator="and")[:10]]
        return {"total": time.perf_counter() - t0, "top": top}

    like_sql = like_query(vendor, connection)

    def like_top10(q):
        t0 = time.perf_counter()
        top = like_sql(q["terms"])
        return {"total": time.perf_counter() - t0, "top": top}

    # -- recall and false hits (full result sets) ----------------------------------------------
    set_timeout(max(120, timeout_s))
    t0 = time.perf_counter()
    rows = []
    for q in queries:
        truth = set(q["truth"])
        try:
            found = {item_of[pk] for pk in run_bounded(lambda: list(
                thai_query.filter_matching(public, q["terms"]).values_list("id", flat=True)),
                max(120, timeout_s))}
            error = None
        except Timeout:
            found, error = set(), f"timeout after {max(120, timeout_s)} s"
        try:
            stock = {item_of[int(pk)] for pk in run_bounded(lambda: list(
                backend.search(" ".join(q["terms"]), stock_public, operator="and",
                               order_by_relevance=False).get_queryset().values_list("pk", flat=True)),
                max(120, timeout_s))}
            stock_error = None
        except Exception as e:  # noqa: BLE001 - a backend error is a result here
            stock, stock_error = set(), f"{type(e).__name__}: {str(e)[:120]}"
        rows.append({
            "q": q["q"], "kind": q["kind"], "terms": q["terms"],
            "short": any(len(t) < 3 for t in q["terms"]),
            "truth": len(truth),
            "found": len(found), "tp": len(found & truth),
            "stock_found": len(stock), "stock_tp": len(stock & truth),
            "stock_error": stock_error, "error": error,
        })
    result["recall_s"] = round(time.perf_counter() - t0, 1)
    result["recall_rows"] = rows
    log(f"[{vendor}] recall pass {result['recall_s']} s")

    # -- latency -------------------------------------------------------------------------------
    set_timeout(timeout_s)
    result["latency"] = {}
    for name, fn in (("prongsai", prongsai_page), ("stock", stock_top10), ("like", like_top10)):
        t0 = time.perf_counter()
        result["latency"][name] = time_method(fn, queries, timeout_s, run_bounded, log, vendor, name)
        log(f"[{vendor}] timed {name} in {time.perf_counter() - t0:.0f} s")

    # sanity of what the page shows: top 10 within the truth, counts right (capped)
    checks = {"top10_outside_truth": 0, "top10_short": 0, "count_wrong": 0}
    for q, m in zip(queries, result["latency"]["prongsai"]["per_query"]):
        if m.get("timeout"):
            continue
        truth = set(q["truth"])
        top = [item_of[pk] for pk in m["top"]]
        checks["top10_outside_truth"] += sum(1 for i in top if i not in truth)
        checks["top10_short"] += len(top) < min(10, len(truth))
        checks["count_wrong"] += m["n"] != min(len(truth), thai_query.COUNT_CAP + 1)
    result["page_checks"] = checks
    for name in result["latency"]:
        for m in result["latency"][name]["per_query"]:
            m.pop("top", None)

    # -- where the time goes: the slowest Prongsai queries, statement by statement -------------
    slow = sorted(range(len(queries)),
                  key=lambda k: -result["latency"]["prongsai"]["per_query"][k]["total_ms"])
    result["explain"] = [explain(vendor, connection, queries[k], public, thai_query, timeout_s)
                         for k in slow[:EXPLAIN_SLOWEST]]
    result["load_after"] = os.getloadavg()[0]
    print(RESULT_MARK + json.dumps(result, ensure_ascii=False, default=str), flush=True)


def sizes(vendor, connection):
    out = {}
    with connection.cursor() as c:
        if vendor == "sqlite":
            c.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")
            by_name = dict(c.fetchall())
            c.execute("SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')")
            table_of = dict(c.fetchall())

            def total(pred):
                return round(sum(v for k, v in by_name.items() if pred(k)) / 1e6, 1)

            out["prongsai_index"] = total(lambda k: k.startswith("prongsai_search_fts"))
            out["prongsai_table"] = total(
                lambda k: table_of.get(k, k) == "prongsai_search_searchentry")
            out["stock_index"] = total(lambda k: table_of.get(k, k).startswith("wagtailsearch_indexentry")
                                       or k.startswith("wagtailsearch_indexentry"))
            out["stock_fts_only"] = total(lambda k: k.startswith("wagtailsearch_indexentry_fts"))
            out["db_file"] = round(os.path.getsize(connection.settings_dict["NAME"]) / 1e6, 1)
        else:
            def one(sql):
                c.execute(sql)
                return round(c.fetchone()[0] / 1e6, 1)

            out["prongsai_index"] = one(
                "SELECT pg_relation_size('prongsai_search_title_trgm')"
                " + pg_relation_size('prongsai_search_body_trgm')")
            out["prongsai_title_trgm"] = one("SELECT pg_relation_size('prongsai_search_title_trgm')")
            out["prongsai_body_trgm"] = one("SELECT pg_relation_size('prongsai_search_body_trgm')")
            out["prongsai_table"] = one("SELECT pg_table_size('prongsai_search_searchentry')")
            out["prongsai_table_all_indexes"] = one(
                "SELECT pg_indexes_size('prongsai_search_searchentry')")
            out["stock_index"] = one("SELECT pg_total_relation_size('wagtailsearch_indexentry')")
    return out


def like_query(vendor, connection):
    """The naive search: every term a LIKE '%term%' on title or body, newest 10 (no index)."""
    from django.db import transaction

    def escape(term):
        return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"

    if vendor == "sqlite":
        def run(terms):
            where = " AND ".join("(title LIKE %s ESCAPE '\\' OR body LIKE %s ESCAPE '\\')"
                                 for _ in terms)
            params = [p for t in terms for p in (escape(t), escape(t))]
            with connection.cursor() as c:
                c.execute("SELECT id FROM prongsai_search_searchentry WHERE public AND path LIKE '0001%%'"
                          f" AND {where} ORDER BY date DESC, id DESC LIMIT 10", params)
                return [r[0] for r in c.fetchall()]
    else:
        def run(terms):
            # lower(...) LIKE, as Prongsai matches; bitmap scans off so that the trigram indexes
            # on lower(title)/lower(body) are not used: this is the no-index baseline.
            where = " AND ".join("(lower(title) LIKE %s OR lower(body) LIKE %s)" for _ in terms)
            params = [p for t in terms for p in (escape(t), escape(t))]
            with transaction.atomic(), connection.cursor() as c:
                c.execute("SET LOCAL enable_bitmapscan = off")
                c.execute("SELECT id FROM prongsai_search_searchentry WHERE public AND path LIKE '0001%%'"
                          f" AND {where} ORDER BY date DESC, id DESC LIMIT 10", params)
                return [r[0] for r in c.fetchall()]
    return run


def time_method(fn, queries, timeout_s, run_bounded, log, vendor, name):
    """Warm-up pass (capped at WARMUP_BUDGET_S per method), then per query: one run, and two
    more if it took under REPEAT_BELOW_S; the median is the query's time. A statement slower
    than timeout_s is stopped and the query counted as a timeout (its time as >= timeout_s)."""
    timed_out = set()
    spent = 0.0
    for k, q in enumerate(queries):
        if spent > WARMUP_BUDGET_S:
            break
        t0 = time.perf_counter()
        try:
            run_bounded(lambda: fn(q), timeout_s)
        except Timeout:
            timed_out.add(k)
        spent += time.perf_counter() - t0
    per_query = []
    for k, q in enumerate(queries):
        if k in timed_out:
            per_query.append({"q": q["q"], "kind": q["kind"], "timeout": True,
                              "total_ms": timeout_s * 1000, "runs": 0})
            continue
        runs = []
        try:
            for _ in range(3):
                runs.append(run_bounded(lambda: fn(q), timeout_s))
                if runs[0]["total"] >= REPEAT_BELOW_S:
                    break
        except Timeout:
            per_query.append({"q": q["q"], "kind": q["kind"], "timeout": True,
                              "total_ms": timeout_s * 1000, "runs": len(runs)})
            continue
        m = {"q": q["q"], "kind": q["kind"], "runs": len(runs)}
        for key in runs[0]:
            if key in ("top", "n"):
                m[key] = runs[0][key]
            else:
                m[f"{key}_ms"] = round(statistics.median(r[key] for r in runs) * 1000, 3)
        per_query.append(m)
    summary = {}
    for kind in CLASSES + ["all"]:
        items = [m for m in per_query if kind in ("all", m["kind"])]
        if not items:
            continue
        s = {"n": len(items), "timeouts": sum(1 for m in items if m.get("timeout"))}
        keys = sorted({k for m in items for k in m if k.endswith("_ms")}, key=lambda k: k != "total_ms")
        for key in keys:
            values = [m.get(key, m["total_ms"]) for m in items]
            s[key.replace("_ms", "")] = {"p50": round(pct(values, 50), 2),
                                         "p95": round(pct(values, 95), 2),
                                         "max": round(max(values), 2)}
        summary[kind] = s
    return {"summary": summary, "per_query": per_query, "warmup_s": round(spent, 1)}


def explain(vendor, connection, q, public, thai_query, timeout_s):
    """Every statement the page issues for query q, with its time, plan and rows."""
    statements = []

    def capture(execute, sql, params, many, context):
        t0 = time.perf_counter()
        out = execute(sql, params, many, context)
        statements.append({"sql": sql, "params": params, "ms": (time.perf_counter() - t0) * 1000})
        return out

    with connection.execute_wrapper(capture):
        ranked = thai_query.ranked(public, q["terms"])
        thai_query.count_matching(public, q["terms"])
    out = {"q": q["q"], "kind": q["kind"], "candidates": len(ranked), "statements": []}
    for s in statements:
        entry = {"ms": round(s["ms"], 1), "sql": s["sql"][:900]}
        with connection.cursor() as c:
            try:
                if vendor == "sqlite":
                    c.execute("EXPLAIN QUERY PLAN " + s["sql"], s["params"])
                    entry["plan"] = [r[-1] for r in c.fetchall()]
                else:
                    c.execute("EXPLAIN (ANALYZE, BUFFERS) " + s["sql"], s["params"])
                    entry["plan"] = [r[0] for r in c.fetchall()]
            except Exception as e:  # noqa: BLE001
                entry["plan"] = [f"(EXPLAIN failed: {type(e).__name__}: {str(e)[:100]})"]
        out["statements"].append(entry)
    return out


# --------------------------------------------------------------------------------------------
# Parent: corpus, ground truth, one subprocess per database, report
# --------------------------------------------------------------------------------------------


def prepare(n, query_limit, workdir):
    import _corpus
    from prongsai.search.text import words

    t0 = time.perf_counter()
    corpus = _corpus.build(n)
    corpus_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    truth = _corpus.Truth(corpus)
    queries = _corpus.queries(corpus, query_limit)
    for q in queries:
        q["truth"] = sorted(truth.query(q["terms"]))
    truth_s = time.perf_counter() - t0
    del truth
    words("ทดสอบ")  # loads the dictionary
    t0 = time.perf_counter()
    segmented = [words(t + " " + b) for t, b in zip(corpus.titles, corpus.bodies)]
    segmentation_s = time.perf_counter() - t0
    with open(Path(workdir) / "corpus.pkl", "wb") as f:
        pickle.dump({"titles": corpus.titles, "bodies": corpus.bodies, "words": segmented,
                     "meta": corpus.meta, "queries": queries}, f, protocol=pickle.HIGHEST_PROTOCOL)
    info = dict(corpus.info)
    info.update(corpus_s=round(corpus_s, 1), truth_s=round(truth_s, 1),
                segmentation_s=round(segmentation_s, 1),
                segmentation_Mchars_s=round(info["chars"] / segmentation_s / 1e6, 2))
    return info, queries


def run_worker(vendor, workdir, timeout_s):
    env = dict(os.environ, PRONGSAI_MODE="test", PRONGSAI_DATA_DIR=str(Path(workdir) / vendor),
               DJANGO_SETTINGS_MODULE="prongsai.settings", PYTHONHASHSEED="0")
    env.pop("REDIS_URL", None)
    dbname = None
    if vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{Path(workdir) / vendor / 'bench.sqlite3'}"
    else:
        import psycopg

        dbname = f"prongsai_bench_{secrets.token_hex(4)}"
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{dbname}"')
        env["DATABASE_URL"] = f"{PG_SERVER}/{dbname}"
    log(f"[{vendor}] database {env['DATABASE_URL']}")
    try:
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--_worker", vendor,
             "--_workdir", str(workdir), "--timeout", str(timeout_s)],
            env=env, stdout=subprocess.PIPE, text=True, cwd=str(ROOT),
        )
    finally:
        if dbname:
            import psycopg

            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
            log(f"[{vendor}] dropped {dbname}")
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            return json.loads(line[len(RESULT_MARK):])
    log(f"[{vendor}] worker failed (exit {proc.returncode}); stdout:\n{proc.stdout[-3000:]}")
    return None


def fmt_ms(value, timeouts=0, timeout_s=None):
    if value != value:  # nan
        return "-"
    text = f"{value:.1f}" if value < 100 else f"{value:.0f}"
    if timeout_s and value >= timeout_s * 1000:
        text = "≥" + text
    return text


def ratio(a, b):
    return a / b if b else float("inf")


def recall_stats(rows, key_found, key_tp, pred):
    sel = [r for r in rows if pred(r)]
    truth = sum(r["truth"] for r in sel)
    tp = sum(r[key_tp] for r in sel)
    found = sum(r[key_found] for r in sel)
    return {"queries": len(sel), "truth": truth, "tp": tp, "recall": (tp / truth) if truth else 1.0,
            "false_hits": found - tp,
            "queries_missing": sum(1 for r in sel if r[key_tp] < r["truth"]),
            "queries_with_false_hits": sum(1 for r in sel if r[key_found] > r[key_tp])}


def analyse(res, timeout_s):
    lat = res["latency"]
    rows = res["recall_rows"]
    a = {}
    a["p95_max_class"] = max(lat["prongsai"]["summary"][k]["total"]["p95"]
                             for k in CLASSES if k in lat["prongsai"]["summary"])
    allp, alll, alls = (lat[m]["summary"]["all"]["total"] for m in ("prongsai", "like", "stock"))
    a["like_speedup_p50"] = ratio(alll["p50"], allp["p50"])
    a["like_speedup_p95"] = ratio(alll["p95"], allp["p95"])
    a["stock_ratio_p50"] = ratio(alls["p50"], allp["p50"])
    a["stock_ratio_p95"] = ratio(alls["p95"], allp["p95"])
    a["recall_long"] = recall_stats(rows, "found", "tp", lambda r: not r["short"])
    a["recall_short"] = recall_stats(rows, "found", "tp", lambda r: r["short"])
    a["stock_recall_long"] = recall_stats(rows, "stock_found", "stock_tp", lambda r: not r["short"])
    a["stock_recall_short"] = recall_stats(rows, "stock_found", "stock_tp", lambda r: r["short"])
    a["mark"] = recall_stats(rows, "found", "tp", lambda r: r["kind"] == "mark-only")
    a["stock_mark"] = recall_stats(rows, "stock_found", "stock_tp", lambda r: r["kind"] == "mark-only")
    a["all"] = recall_stats(rows, "found", "tp", lambda r: True)
    a["stock_all"] = recall_stats(rows, "stock_found", "stock_tp", lambda r: True)
    return a


def print_database(res, info, timeout_s):
    v = res["vendor"]
    s = res["sizes_MB"]
    a = analyse(res, timeout_s)
    print(f"\n=== {v}: {res['engine_version']}  (N={info['items']:,}; load avg "
          f"{res['load_before']:.1f} → {res['load_after']:.1f})")
    if v == "postgresql":
        print("    server settings: " + ", ".join(f"{k}={x}" for k, x in res["pg_settings"].items()))
    build = info["segmentation_s"] + res["insert_s"]
    print(f"build      segmentation {info['segmentation_s']:.1f} s + insert {res['insert_s']:.1f} s"
          f" = {build:.1f} s   (then {'VACUUM ANALYZE' if v == 'postgresql' else 'WAL checkpoint'}"
          f" {res['maintenance_s']:.1f} s; migrate {res['migrate_s']:.1f} s)")
    if v == "sqlite":
        print(f"size       index {s['prongsai_index']:.1f} MB (FTS5 trigram shadow tables)"
              f" + table {s['prongsai_table']:.1f} MB (rows + btree indexes); db file {s['db_file']:.0f} MB")
    else:
        print(f"size       index {s['prongsai_index']:.1f} MB (trigram GIN: title {s['prongsai_title_trgm']:.1f}"
              f" + body {s['prongsai_body_trgm']:.1f}) + table {s['prongsai_table']:.1f} MB"
              f" (heap+TOAST; all its indexes {s['prongsai_table_all_indexes']:.1f} MB)")
    print(f"stock      insert {res['stock_insert_s']:.1f} s; index {s['stock_index']:.1f} MB"
          + (f" (of which FTS5 {s['stock_fts_only']:.1f} MB)" if v == "sqlite" else " (table + tsvector GIN)"))
    lat = res["latency"]
    head = (f"{'latency ms (p50 / p95)':<24}{'n':>3}  {'Prongsai page':>17}  {'  ranked':>15}"
            f"  {'  count':>15}  {'stock top-10':>17}  {'LIKE scan':>17}")
    print(head)
    for kind in CLASSES + ["all"]:
        p = lat["prongsai"]["summary"].get(kind)
        if not p:
            continue
        st, lk = lat["stock"]["summary"][kind], lat["like"]["summary"][kind]

        def pair(x, t=0):
            return f"{fmt_ms(x['p50'], 0, timeout_s):>7} / {fmt_ms(x['p95'], 0, timeout_s):>7}"
        to = ""
        if st["timeouts"] or lk["timeouts"] or p["timeouts"]:
            to = f"  timeouts P/S/L {p['timeouts']}/{st['timeouts']}/{lk['timeouts']}"
        print(f"{kind:<24}{p['n']:>3}  {pair(p['total']):>17}  {pair(p['ranked']):>15}"
              f"  {pair(p['count']):>15}  {pair(st['total']):>17}  {pair(lk['total']):>17}{to}")
    print(f"ratios     LIKE scan / Prongsai page: p50 {a['like_speedup_p50']:.0f}×, p95 "
          f"{a['like_speedup_p95']:.0f}×;  stock / Prongsai page: p50 {a['stock_ratio_p50']:.2f}×, "
          f"p95 {a['stock_ratio_p95']:.2f}×")

    def rec(x):
        return (f"{x['recall']:.3f} ({x['tp']:,}/{x['truth']:,}; {x['queries_missing']} of "
                f"{x['queries']} queries miss)")
    print(f"recall     terms ≥3 chars: Prongsai {rec(a['recall_long'])}; stock {rec(a['stock_recall_long'])}")
    print(f"           with a <3-char term: Prongsai {rec(a['recall_short'])}; stock {rec(a['stock_recall_short'])}")
    print(f"false hits mark-only queries: Prongsai {a['mark']['false_hits']:,} "
          f"({a['mark']['queries_with_false_hits']} of {a['mark']['queries']} queries); stock "
          f"{a['stock_mark']['false_hits']:,} ({a['stock_mark']['queries_with_false_hits']} queries)."
          f"  All queries: Prongsai {a['all']['false_hits']:,}, stock {a['stock_all']['false_hits']:,}")
    errors = [r for r in res["recall_rows"] if r["stock_error"]]
    if errors:
        print(f"           stock backend errors on {len(errors)} queries, e.g. {errors[0]['q']}: {errors[0]['stock_error']}")
    c = res["page_checks"]
    print(f"page check top-10 outside truth {c['top10_outside_truth']}, top-10 shorter than possible "
          f"{c['top10_short']}, count wrong {c['count_wrong']}")
    return a


def print_details(res):
    rows = {r["q"]: r for r in res["recall_rows"]}
    print(f"\n--- {res['vendor']}: per query (ms = median; truth = items containing every term)")
    print(f"{'class':<10}{'query':<28}{'truth':>7}{'found':>7}{'stock':>7}{'page':>9}{'ranked':>9}"
          f"{'count':>9}{'stock':>9}{'LIKE':>9}")
    lat = res["latency"]
    for k, m in enumerate(lat["prongsai"]["per_query"]):
        r = rows[m["q"]]
        st, lk = lat["stock"]["per_query"][k], lat["like"]["per_query"][k]

        def ms(x, key="total_ms"):
            return ("≥" if x.get("timeout") else "") + (f"{x.get(key, x['total_ms']):.1f}")
        print(f"{m['kind']:<10}{m['q'][:26]:<28}{r['truth']:>7}{r['found']:>7}{r['stock_found']:>7}"
              f"{ms(m):>9}{ms(m, 'ranked_ms'):>9}{ms(m, 'count_ms'):>9}{ms(st):>9}{ms(lk):>9}")
    print(f"\n--- {res['vendor']}: the {len(res['explain'])} slowest Prongsai queries, statement by statement")
    for e in res["explain"]:
        print(f"* {e['kind']} {e['q']!r}: {e['candidates']} candidates ranked")
        for s in e["statements"]:
            print(f"  - {s['ms']:.1f} ms: {s['sql'][:300]}")
            for line in s["plan"]:
                print(f"      {line}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="corpus items (default 100000)")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--queries", type=int, default=80, help="queries (stratified subset)")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="per-statement limit in seconds for timed queries (default 10)")
    parser.add_argument("--details", action="store_true", help="per-query table and query plans")
    parser.add_argument("--json", help="also write all results to this file")
    parser.add_argument("--_worker", help=argparse.SUPPRESS)
    parser.add_argument("--_workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._worker:
        worker(args._worker, args._workdir, args.timeout)
        return

    started = time.perf_counter()
    databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    workdir = Path(tempfile.mkdtemp(prefix="prongsai-bench-"))
    results = {}
    try:
        for d in databases:
            (workdir / d).mkdir()
        log(f"building corpus N={args.n} in {workdir}")
        info, queries = prepare(args.n, args.queries, workdir)
        log(f"corpus {info['corpus_s']} s, ground truth {info['truth_s']} s, "
            f"segmentation {info['segmentation_s']} s")
        for d in databases:
            results[d] = run_worker(d, workdir, args.timeout)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    counts = {k: sum(1 for q in queries if q["kind"] == k) for k in CLASSES}
    print(f"Prongsai search benchmark — N={info['items']:,} items, {info['chars'] / 1e6:.1f} M chars "
          f"({info['utf8_MB']} MB UTF-8; median {info['median_chars']} chars, range "
          f"{info['min_chars']}–{info['max_chars']}); {len(queries)} queries "
          + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"corpus     {info['unique_chunks']:,} unique chunks of seeds + demo content; names from "
          f"{info['names']}; dates {info['dates']}")
    zero = {q["q"]: len(q["truth"]) for q in queries if q["q"] in ("ข้าว", "ข้าวสาร", "น้ำท่วม", "โควิด")}
    print("zero-hit check (truth counts): " + ", ".join(f"{k} {v:,}" for k, v in zero.items())
          + ("  — ข้าว occurs in the corpus (demo text 'ปลูกข้าว'), so its false-hit probe is"
             " 'ข้าวสาร' (0 items) against the common 'ข่าวสาร'" if zero.get("ข้าว") else ""))
    print(f"segmentation (prongsai.search.text.words, nlpo3, once for both databases): "
          f"{info['segmentation_s']:.1f} s = {info['segmentation_Mchars_s']} M chars/s")
    analyses = {}
    for d in databases:
        if results.get(d):
            analyses[d] = print_database(results[d], info, args.timeout)
        else:
            print(f"\n=== {d}: FAILED (see stderr)")
    if args.details:
        for d in databases:
            if results.get(d):
                print_details(results[d])

    print(f"\n=== SUMMARY (targets from the issue; N={info['items']:,}"
          + ("" if info["items"] >= 100_000 else " — the targets are defined at N=100,000") + ")")
    print(f"{'target':<56}" + "".join(f"{d:<30}" for d in analyses))

    def line(label, cells):
        print(f"{label:<56}" + "".join(f"{c:<30}" for c in cells))

    def met(ok):
        return "MET" if ok else "NOT MET"

    line("recall 1.00 for terms of 3+ characters",
         [f"{met(a['recall_long']['recall'] >= 1.0)} ({a['recall_long']['recall']:.3f})" for a in analyses.values()])
    line("zero false hits on mark-only differences",
         [f"{met(a['mark']['false_hits'] == 0)} ({a['mark']['false_hits']})" for a in analyses.values()])
    line(f"ranked top-10 p95 ≤ {TARGET_P95_MS} ms (page, worst class)",
         [f"{met(a['p95_max_class'] <= TARGET_P95_MS)} ({a['p95_max_class']:.1f} ms)" for a in analyses.values()])
    line(f"≥ {TARGET_SPEEDUP}× faster than LIKE scan (p50 and p95)",
         [f"{met(min(a['like_speedup_p50'], a['like_speedup_p95']) >= TARGET_SPEEDUP)} "
          f"({a['like_speedup_p50']:.0f}× / {a['like_speedup_p95']:.0f}×)" for a in analyses.values()])
    print("(informative) recall with <3-char terms: " + "; ".join(
        f"{d} {a['recall_short']['recall']:.3f}" for d, a in analyses.items())
        + " | stock backend recall ≥3 chars: " + "; ".join(
        f"{d} {a['stock_recall_long']['recall']:.3f}" for d, a in analyses.items()))
    print(f"total run time {time.perf_counter() - started:.0f} s")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"info": info, "results": results}, f, ensure_ascii=False, indent=1, default=str)


if __name__ == "__main__":
    main()
