"""The synthetic Thai corpus, the query set and the substring ground truth for bench/search.py.

Built the way shared/research/thai-search.md §2 built its corpus (`build_corpus.py`,
`make_queries.py`), from the project's own text: whitespace-delimited chunks of the seed
documents (`../shared/seeds/*.txt`) and of the Thai strings in `prongsai/demo/content.py`.
Everything is deterministic (fixed seeds, sorted name lists), so two runs with the same N
build the same corpus. Nothing here needs Django.
"""

import ast
import bisect
import datetime
import glob
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from prongsai.search.text import normalize, query_terms

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DEMO_CONTENT = ROOT / "prongsai" / "demo" / "content.py"
THAI = re.compile("[\u0e00-\u0e7f]")
SEED = 42

# Thai fiscal years 2567–2569 (B.E.): 1 October 2023 – 30 September 2026.
FIRST_DAY = datetime.date(2023, 10, 1)
LAST_DAY = datetime.date(2026, 9, 30)
THAI_MONTHS = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
]
TO_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
KINDS = ["news"] * 4 + ["disclosure"] * 3 + ["service", "knowledge", "page"]
# Latin words as agencies write them, each in several cases (the index folds Latin case).
LATIN = [
    "Facebook",
    "LINE Official Account",
    "e-GP",
    "QR Code",
    "PDF",
    "Smart Office",
    "Open Data",
    "ITA",
    "E-Service",
    "Google Maps",
    "YouTube",
    "Wi-Fi",
]


def fiscal_year(day):
    return (day.year + 1 if day.month >= 10 else day.year) + 543


def _demo_strings():
    tree = ast.parse(DEMO_CONTENT.read_text(encoding="utf-8"))
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and THAI.search(n.value)
    ]


def source_chunks():
    """Whitespace-delimited chunks of 4+ characters that contain Thai (as the research did)."""
    files = sorted(glob.glob(str(SEEDS / "*.txt")))
    text = "".join(open(f, encoding="utf-8").read() + "\n" for f in files)
    text += "\n".join(_demo_strings())
    return [c for c in re.split(r"\s+", text) if THAI.search(c) and len(c) >= 4]


def _syllable_names(rng, count):
    """Fallback when pythainlp's name lists are missing: pronounceable Thai pseudo-names."""
    onsets = "กขคงจชซดตถทนบปผพฟมยรลวสหอ"
    vowels = ["า", "ิ", "ี", "ุ", "ู", "ั", "ำ", "ะ", ""]
    finals = ["", "น", "ง", "ม", "ย", "ว", "ก", "ด", "บ", "ศ", "ร์"]
    names = set()
    while len(names) < count:
        names.add(
            "".join(
                rng.choice(onsets) + rng.choice(vowels) + rng.choice(finals)
                for _ in range(rng.randint(2, 4))
            )
        )
    return sorted(names)


def name_lists():
    """(first names, family names, provinces, where they came from)."""
    try:
        from pythainlp.corpus import (
            provinces,
            thai_family_names,
            thai_female_names,
            thai_male_names,
        )

        first = sorted(set(thai_female_names()) | set(thai_male_names()))
        family = sorted(set(thai_family_names()))
        prov = sorted(set(provinces(details=False)))
        if first and family and prov:
            return first, family, prov, "pythainlp.corpus (offline name lists)"
    except Exception:  # noqa: BLE001 - any failure means "not available offline"
        pass
    rng = random.Random(SEED + 1)
    return (
        _syllable_names(rng, 8000),
        _syllable_names(rng, 8000),
        _syllable_names(rng, 77),
        "synthesized from Thai syllables (pythainlp name lists unavailable)",
    )


@dataclass
class Corpus:
    titles: list = field(default_factory=list)  # normalised, as SearchEntry.title
    bodies: list = field(default_factory=list)  # normalised, as SearchEntry.body
    meta: list = field(default_factory=list)  # (date, fiscal_year, kind, section, department)
    contacts: list = field(default_factory=list)  # (first, family) per item
    info: dict = field(default_factory=dict)


def thai_date(day, thai_digits):
    text = f"{day.day} {THAI_MONTHS[day.month - 1]} {day.year + 543}"
    return text.translate(TO_THAI_DIGITS) if thai_digits else text


def build(n):
    rng = random.Random(SEED)
    chunks = source_chunks()
    titles_src = [c for c in chunks if 8 <= len(c) <= 80]
    first, family, prov, names_from = name_lists()
    span = (LAST_DAY - FIRST_DAY).days
    corpus = Corpus()
    chars = 0
    for i in range(n):
        target = rng.randint(300, 1500)
        # Items arrive roughly in date order (newer rows have higher ids), with some jitter.
        offset = min(span, max(0, round(span * i / max(1, n - 1)) + rng.randint(-20, 20)))
        day = FIRST_DAY + datetime.timedelta(days=offset)
        title = rng.choice(titles_src) + " " + rng.choice(prov)
        person = (rng.choice(first), rng.choice(family))
        contact = f"ผู้ประสานงาน {person[0]} {person[1]}"
        extras = []
        if rng.random() < 0.35:  # a dated reference, half of them in Thai digits
            number = f"{rng.randint(1, 350)}/{fiscal_year(day)}"
            thai_digits = rng.random() < 0.5
            extras.append(
                f"ที่ {number.translate(TO_THAI_DIGITS) if thai_digits else number} "
                f"ลงวันที่ {thai_date(day, thai_digits)}"
            )
        if rng.random() < 0.3:  # a Latin word, in mixed case
            word = rng.choice(LATIN)
            extras.append(rng.choice([word, word.upper(), word.lower()]))
        parts, length = [], 0
        budget = target - len(contact) - len(title) - sum(len(e) + 1 for e in extras)
        while length < budget:
            chunk = rng.choice(chunks)
            parts.append(chunk)
            length += len(chunk) + 1
        for extra in extras:
            parts.insert(rng.randint(0, len(parts)), extra)
        body = " ".join(parts) + "\n" + contact
        corpus.titles.append(normalize(title))
        corpus.bodies.append(normalize(body))
        corpus.meta.append(
            (
                day,
                fiscal_year(day),
                rng.choice(KINDS),
                rng.randint(1, 8),
                rng.choice([None, 1, 2, 3, 4, 5, 6]),
            )
        )
        corpus.contacts.append(person)
        chars += len(corpus.titles[-1]) + len(corpus.bodies[-1])
    pairs = zip(corpus.titles, corpus.bodies, strict=True)
    lengths = sorted(len(t) + len(b) + 1 for t, b in pairs)
    corpus.info = {
        "items": n,
        "chars": chars,
        "utf8_MB": round(
            sum(
                len(t.encode()) + len(b.encode())
                for t, b in zip(corpus.titles, corpus.bodies, strict=True)
            )
            / 1e6,
            1,
        ),
        "median_chars": lengths[len(lengths) // 2] if lengths else 0,
        "min_chars": lengths[0] if lengths else 0,
        "max_chars": lengths[-1] if lengths else 0,
        "chunks": len(chunks),
        "unique_chunks": len(set(chunks)),
        "names": names_from,
        "first_names": len(first),
        "family_names": len(family),
        "dates": f"{FIRST_DAY}..{LAST_DAY} (fiscal years 2567-2569)",
    }
    return corpus


class Truth:
    """Substring ground truth: an item is relevant if every term is a substring of its
    normalised, lower-cased title or body (the two joined by a separator no term contains)."""

    def __init__(self, corpus):
        texts = [(t + "\n" + b).lower() for t, b in zip(corpus.titles, corpus.bodies, strict=True)]
        self.starts = []
        position = 0
        for text in texts:
            self.starts.append(position)
            position += len(text) + 1
        self.big = "\x00".join(texts)
        self._cache = {}

    def term(self, term):
        if term not in self._cache:
            found, big, starts = set(), self.big, self.starts
            position = big.find(term)
            while position >= 0:
                item = bisect.bisect_right(starts, position) - 1
                found.add(item)
                following = starts[item + 1] if item + 1 < len(starts) else len(big)
                position = big.find(term, following)
            self._cache[term] = found
        return self._cache[term]

    def query(self, terms):
        sets = sorted((self.term(t) for t in terms), key=len)
        result = set(sets[0]) if sets else set()
        for other in sets[1:]:
            result &= other
        return result


# The research's query classes (make_queries.py), plus Latin, Thai-digit and mark-only probes.
ONE_WORD = [
    "ข้อมูล",
    "ประกาศ",
    "ตำบล",
    "จัดซื้อ",
    "งบประมาณ",
    "คอมพิวเตอร์",
    "เว็บไซต์",
    "สารสนเทศ",
    "ผู้อำนวยการ",
    "หนองปรือ",
    "ประชาสัมพันธ์",
    "พัสดุ",
    "ข่าวสาร",
    "เทศบาล",
    "โครงการ",
    "ข่าว",
    "ภาษี",
    "ประชาชน",
    "เจ้าหน้าที่",
    "ทุจริต",
    "ผล",
    "ปี",  # 2-character words
    "น้ำท่วม",
    "โควิด",
    "ครุภัณฑ์",  # occur nowhere (checked)
    "facebook",
    "E-GP",
    "๒๕๖๘",
    "2567",  # Latin case, Thai/Arabic digits
]
TWO_WORD = [
    "ข้อมูล ข่าวสาร",
    "จัดซื้อ จัดจ้าง",
    "องค์การ ตำบล",
    "งบประมาณ โครงการ",
    "คอมพิวเตอร์ ซ่อม",
    "ผู้อำนวยการ อนุมัติ",
    "ประชาชน ร้องเรียน",
    "พัสดุ ครุภัณฑ์",
    "ทุจริต ประพฤติมิชอบ",
    "ข่าว ประชาสัมพันธ์",
    "open data",
]
COMPOUND = [
    "องค์การบริหารส่วนตำบล",
    "ประกาศจัดซื้อจัดจ้าง",
    "ข้อมูลข่าวสารของราชการ",
    "พระราชบัญญัติ",
    "สำนักงานเขตพื้นที่การศึกษา",
    "เทคโนโลยีสารสนเทศ",
    "การจัดซื้อจัดจ้าง",
    "ศูนย์ข้อมูลข่าวสาร",
]
# Same letters, different (or no) tone/vowel marks: ข้าว rice / ข่าว news / ขาว white.
MARK_ONLY = [
    "ข้าว",
    "ขาว",
    "ข้าวสาร",
    "ขาวสาร",
    "ขอมูล",
    "เจาหนาที",
    "ผูอำนวยการ",
    "ค้าใช้จ่าย",
    "ประกาส",
    "ทีดิน",
]
RARE_FAMILY, RARE_FIRST = 8, 3  # rare-name queries taken from random items' contact lines


def queries(corpus, limit=None):
    """[{q, kind, terms}] — ~80 queries in four classes; `limit` keeps a stratified subset."""
    rng = random.Random(7)
    items = len(corpus.contacts)
    picked = rng.sample(range(items), min(items, RARE_FAMILY + RARE_FIRST))
    one, two = list(ONE_WORD), list(TWO_WORD)
    for k, item in enumerate(picked):
        first, family = corpus.contacts[item]
        if k < RARE_FAMILY:
            one.append(family)
            two.append(f"{first} {family}")
        else:
            one.append(first)
            two.append(f"{family} ข้อมูล")
    classes = [("1-word", one), ("2-word", two), ("compound", COMPOUND), ("mark-only", MARK_ONLY)]
    out = []
    for kind, items in classes:
        for q in items:
            terms = query_terms(q)
            if terms and not any(o["terms"] == terms for o in out):
                out.append({"q": q, "kind": kind, "terms": terms})
    if limit and limit < len(out):
        # keep the proportions of the classes, in each class the first (listed) queries
        by_kind = {}
        for q in out:
            by_kind.setdefault(q["kind"], []).append(q)
        keep = []
        for items in by_kind.values():
            keep += items[: max(1, round(limit * len(items) / len(out)))]
        out = keep[:limit] if len(keep) >= limit else keep
    return out
