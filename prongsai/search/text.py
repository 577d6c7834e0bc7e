"""Text as the index stores it and as queries are matched against it.

Thai has no spaces between words and its marks change the meaning (ข้าว rice, ข่าว news, ขาว
white), so nothing here removes marks or splits words: the index matches any run of characters.
What is folded: Unicode form (NFC), invisible characters, control characters (a NUL in a query
or an extracted file ends the database's string), Thai digits to Arabic (๒๕๖๙ = 2569)
and, in the database, Latin case. The folding itself is core.thaitext's, shared with page
addresses (site.slugs).
"""

from prongsai.core.thaitext import normalize, words  # noqa: F401  (words: the index's too)

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
TRIGRAM = 3
# PostgreSQL keys (migration 0003): pg_trgm splits words at Thai combining marks, so the marks
# are swapped with CJK letters (and back: a one-to-one swap keeps substrings substrings).
KEY_MARKS = "".join(chr(c) for c in [0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)])
KEY_LETTERS = "".join(chr(0x3400 + i) for i in range(len(KEY_MARKS)))
KEY_SWAP = str.maketrans(KEY_MARKS + KEY_LETTERS, KEY_LETTERS + KEY_MARKS)


def query_terms(query):
    """'ประกาศ  จัดซื้อ' → ['ประกาศ', 'จัดซื้อ']: every term must match (AND).

    Quotes and FTS operators are plain characters here: each term is matched as a literal
    substring, so nothing a user types can change the query's structure.
    """
    text = normalize(query)[:MAX_QUERY_CHARS].lower()
    terms = []
    for term in text.split(" "):
        term = term.strip("\"'“”‘’()[]{}<>,;:!?*^+-|")
        if term and term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def search_key(text):
    """A term as PostgreSQL's title_key/text_key columns store text: lower-cased, Thai marks
    swapped for letters (prongsai_search_key() in migration 0003 does the same in SQL)."""
    return text.lower().translate(KEY_SWAP)


def query_grams(keys, per_term=12):
    """The runs that the PostgreSQL gram index (migration 0004) is asked for: a key of three
    characters as itself, a longer one by up to `per_term` of its runs of four, spread from its
    first to its last (any subset finds every match; strpos() confirms, more runs only mean
    fewer candidates to confirm). Keys under three characters have none."""
    grams = []
    for key in keys:
        if len(key) < TRIGRAM:
            continue
        runs = [key] if len(key) == TRIGRAM else [key[i : i + 4] for i in range(len(key) - 3)]
        if len(runs) > per_term:
            step = (len(runs) - 1) / (per_term - 1)
            runs = [runs[round(i * step)] for i in range(per_term)]
        grams += [g for g in runs if g not in grams]
    return grams


def index_grams(key):
    """What prongsai_search_grams() (migration 0004) stores for a key: every distinct run of 3
    and of 4 characters (the SQL function is the one used; this is its model for tests)."""
    return {key[i : i + n] for n in (3, 4) for i in range(len(key) - n + 1)}


def is_short(term):
    """Terms under three characters cannot use a trigram index and take the bounded fallback."""
    return len(term) < TRIGRAM
