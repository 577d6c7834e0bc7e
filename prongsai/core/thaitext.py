"""Thai text in the one form that is stored, compared and split into words (the search index,
page addresses).

Thai has no spaces between words and its marks change the meaning (ข้าว rice, ข่าว news, ขาว
white), so nothing here removes marks. What is folded: Unicode form (NFC), invisible
characters, control characters (a NUL in a query or an extracted file ends the database's
string) and Thai digits to Arabic (๒๕๖๙ = 2569).
"""

import re
import unicodedata
from functools import lru_cache

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
SPACES = re.compile(r"\s+")


def normalize(text):
    """The form in which text is stored in the index and queries are compared."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    text = CONTROLS.sub(" ", INVISIBLE.sub("", text)).translate(THAI_DIGITS)
    return SPACES.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _tokenizer():
    from pythainlp.tokenize import word_tokenize

    try:
        import nlpo3  # noqa: F401

        engine = "nlpo3"
    except ImportError:  # pragma: no cover - nlpo3 is a pinned dependency
        engine = "newmm"
    return lambda text: word_tokenize(text, engine=engine, keep_whitespace=False)


def words(text, limit=20_000):
    """' ประกาศ จัดซื้อจัดจ้าง ... ': whole words, for ranking exact word matches above
    mere substrings (segmentation is a ranking signal only, never a reason to miss a hit)."""
    text = normalize(text)[:limit].lower()
    if not text:
        return ""
    return " " + " ".join(t for t in _tokenizer()(text) if t.strip()) + " "
