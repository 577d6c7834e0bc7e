"""Thai PDF documents: A4 pages laid out with fpdf2, Sarabun, HarfBuzz and PyThaiNLP.

No Django: everything takes plain strings and returns ``bytes``.  Typical use::

    doc = ThaiPDF(agency="องค์การบริหารส่วนตำบลหนองน้ำใส", title="แบบฟอร์ม ...")
    doc.heading("แบบฟอร์มการขอเผยแพร่ข้อมูลผ่านเว็บไซต์")
    doc.fields([("ชื่อ-สกุล", "นางสาวสมใจ ใจดี"), ("ตำแหน่ง", "นักวิชาการเงินและบัญชี")])
    doc.table(["ลำดับ", "ชื่อไฟล์"], [["1", "ประกาศ.pdf"]])
    doc.signature_block(["(ลงชื่อ) ................................ ผู้อนุมัติ"])
    data = doc.output()

Every page carries the agency name above a rule and a page number ("หน้า 2/5") at the foot.
The same arguments (with a fixed ``creation_date``) give byte-identical files.

Thai text notes
---------------
* The bundled Sarabun TTFs (``prongsai/fonts``) are embedded and HarfBuzz shapes the text, so
  vowels and tone marks stack correctly.
* Thai is written without spaces between words.  Lines are broken between words found by
  PyThaiNLP (``newmm``), measured with ``get_string_width``; a word wider than the line (a URL)
  is broken after ``/ - _ . ? & =`` and, failing that, between characters.
* Each line is wrapped in a ``/Span <</ActualText ...>> BDC`` marked-content sequence so text
  extraction (poppler/pdftotext, PDFium, Acrobat) returns the original characters, and glyphs
  that HarfBuzz splits off a character (SARA AM becomes NIKHAHIT + SARA AA) are mapped to no
  text in the ToUnicode CMap, so extractors that read only the ToUnicode map (pypdf, for one)
  do not produce stray control codes.
* Pages are broken by this module (fpdf2's automatic page break is off): a table row moves to
  the next page whole, under a repeated header row, unless it is taller than a page, in which
  case it is split between lines.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

__all__ = [
    "FAMILY",
    "FONT_BOLD",
    "FONT_REGULAR",
    "NUMERIC",
    "ThaiPDF",
    "em_width",
    "fit_columns",
    "segment",
]

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT_REGULAR = FONT_DIR / "Sarabun-Regular.ttf"
FONT_BOLD = FONT_DIR / "Sarabun-Bold.ttf"
FAMILY = "Sarabun"

_PT = 25.4 / 72  # mm per point

#: A cell holding only a number (right-aligned in tables, never broken).
NUMERIC = re.compile(r"[-+]?[\d,]+(\.\d+)?%?")

# ---------------------------------------------------------------------------
# Thai word segmentation
# ---------------------------------------------------------------------------

# Never start a line with these (they belong to the previous word) ...
_ATTACH_LEFT = set(")]}>,.:;!?%\u201d\u2019\u0e46\u0e2f")  # ... ๆ ฯ
# ... and never end a line with these (they belong to the next word).
_ATTACH_RIGHT = set("([{<\u201c\u2018")
# Thai abbreviations the dictionary does not know come out in pieces ("สขร.1" -> "สข" "ร." "1"):
# a run of bare consonants (no vowel: not a word) joins the "ร." after it, and an
# abbreviation joins the number written against it ("ม.7", "สขร.1").
_BARE_CONSONANTS = re.compile(r"[(\[{<\u201c\u2018]?[\u0e01-\u0e2e]+")
_ABBR_PIECE = re.compile(r"[\u0e01-\u0e2e]{1,3}\.")
_ABBREVIATION = re.compile(r"[(\[{<\u201c\u2018]?(?:[\u0e01-\u0e2e]+\.)+")
_DIGITS = set("0123456789\u0e50\u0e51\u0e52\u0e53\u0e54\u0e55\u0e56\u0e57\u0e58\u0e59")


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def _joins(prev: str, tok: str) -> bool:
    """``tok`` must stay on the line of ``prev`` (no space between them)."""
    if tok[0] in _ATTACH_LEFT or prev[-1] in _ATTACH_RIGHT:
        return True
    if not _is_thai(prev[-1]) and not _is_thai(tok[0]):
        # Latin, digits, punctuation: one word up to the next space or Thai letter
        # (a file name, an e-mail address, a phone number); see _wrap for breaking one
        return True
    if _ABBR_PIECE.fullmatch(tok) and _BARE_CONSONANTS.fullmatch(prev):
        return True
    return tok[0] in _DIGITS and _ABBREVIATION.fullmatch(prev) is not None


@lru_cache(maxsize=4096)
def segment(text: str) -> tuple[str, ...]:
    """Split ``text`` into line-breakable units: words and single spaces."""
    from pythainlp.tokenize import word_tokenize

    text = re.sub(r"\s+", " ", text.strip())
    if not text:
        return ()
    out: list[str] = []
    for tok in word_tokenize(text, engine="newmm", keep_whitespace=True):
        if not tok:
            continue
        if tok.isspace():
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if out and out[-1] != " " and _joins(out[-1], tok):
            out[-1] += tok
        else:
            out.append(tok)
    return tuple(out)


def _clusters(word: str) -> list[str]:
    """Grapheme-ish clusters: a base character plus following combining marks."""
    out: list[str] = []
    for ch in word:
        if out and unicodedata.category(ch) in ("Mn", "Me"):
            out[-1] += ch
        else:
            out.append(ch)
    return out


@lru_cache(maxsize=2)
def _metrics_font(bold: bool):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_BOLD if bold else FONT_REGULAR), 1000)


@lru_cache(maxsize=4096)
def em_width(text: str, bold: bool = False) -> float:
    """Advance width of ``text`` in ems, from Sarabun's metrics (no shaping).

    Good enough to size spreadsheet columns and Word tables: TH Sarabun New (the government
    font named in DOCX/XLSX files) and its Linux stand-in Laksaman have practically the same
    advance widths per em as Sarabun.
    """
    return _metrics_font(bold).getlength(text) / 1000


def fit_columns(rows: list[list[str]], measure, total: float, cap: float) -> list[float]:
    """Column widths adding up to ``total`` for ``rows`` (the first one is the header).

    ``measure(text, is_header)`` gives the width a text needs.  Each column first gets its
    minimum -- the header (or its longest word when the header is long), every number, and the
    longest word of its cells, so none of them has to be broken -- and the space left is
    shared in proportion to how much more the column's longest cell (capped at ``cap``) would
    need to fit on one line.
    """
    ncol = len(rows[0])
    hards, mins, naturals = [], [], []
    for c in range(ncol):
        header = rows[0][c]
        head_w = measure(header, True)
        if head_w > cap / 2:
            head_w = max([measure(w, True) for w in segment(header) if w != " "] or [0.0])
        hard = lo = hi = head_w
        for r in rows[1:]:
            cell = r[c].strip()
            if not cell:
                continue
            full = measure(cell, False)
            hi = max(hi, min(full, cap))
            if NUMERIC.fullmatch(cell):
                hard = max(hard, full)
                lo = max(lo, full)
            else:
                lo = max(lo, min(max(measure(w, False) for w in segment(cell) if w != " "), cap))
        hards.append(hard)
        mins.append(lo)
        naturals.append(max(hi, lo))
    if sum(mins) >= total:
        # too narrow for every long word (a file name, a URL): headers and numbers keep
        # their width, the long words share what is left (and are broken inside)
        soft = [m - h for m, h in zip(mins, hards, strict=True)]
        if sum(hards) >= total or sum(soft) <= 0:
            return [m * total / sum(mins) for m in mins]
        return [h + (total - sum(hards)) * s / sum(soft) for h, s in zip(hards, soft, strict=True)]
    extra = total - sum(mins)
    want = [n - m for n, m in zip(naturals, mins, strict=True)]
    if sum(want) <= 0:
        want = naturals
    return [m + extra * w / sum(want) for m, w in zip(mins, want, strict=True)]


# ---------------------------------------------------------------------------
# fpdf2 plumbing
# ---------------------------------------------------------------------------

_WIDTHS: dict[tuple[str, float, str], float] = {}


def _string_width(pdf, style: str, size: float, text: str) -> float:
    key = (style, size, text)
    w = _WIDTHS.get(key)
    if w is None:
        if len(_WIDTHS) > 100_000:  # keep a long-running process from growing forever
            _WIDTHS.clear()
        w = _WIDTHS[key] = pdf.get_string_width(text)
    return w


_FPDF_CLASS = None


def _fpdf_class():
    """Build the FPDF subclass lazily (keeps ``import prongsai.core.thaipdf`` cheap)."""
    global _FPDF_CLASS
    if _FPDF_CLASS is not None:
        return _FPDF_CLASS

    from fpdf import FPDF
    from fpdf.fonts import TTFFont
    from fpdf.output import OutputProducer

    class _NoText(int):
        """A code point that formats as nothing: ToUnicode gets ``<code> <>``."""

        def __format__(self, spec: str) -> str:
            return ""

    no_text = (_NoText(0),)

    class Producer(OutputProducer):
        def bufferize(self) -> bytearray:
            # Glyphs that HarfBuzz produced *in addition* to the one carrying a
            # cluster's text (e.g. the SARA AA half of a decomposed SARA AM) have
            # no Unicode; fpdf2 leaves them out of ToUnicode, and extractors then
            # print the raw code (``\x15``).  Map them explicitly to no text.
            for font in self.fpdf.fonts.values():
                mapping = getattr(getattr(font, "subset", None), "_char_id_per_glyph", None)
                if not isinstance(font, TTFFont) or not isinstance(mapping, dict):
                    continue
                for glyph in [g for g in mapping if g is not None and g.unicode == ()]:
                    mapping[replace(glyph, unicode=no_text)] = mapping.pop(glyph)
            return super().bufferize()

    class Doc(FPDF):
        def __init__(self, *, agency, title, orientation, creation_date, author, subject,
                     creator, page_numbers, margins):  # fmt: skip
            super().__init__(orientation=orientation, unit="mm", format="A4")
            self.agency = agency
            self.doc_title = title
            self.page_numbers = page_numbers
            # "หน้า x/y" needs the page count: those footers are drawn at the end
            self.deferred_footer = bool(page_numbers) and "{pages}" in page_numbers
            left, top, right = margins
            self.set_margins(left, top, right)
            self.set_auto_page_break(False)  # page breaks are placed by ThaiPDF
            if creation_date is not None:
                self.set_creation_date(creation_date)
            self.set_title(title)
            self.set_author(author)
            self.set_subject(subject)
            self.set_creator(creator)
            self.set_lang("th")
            self.add_font(FAMILY, "", str(FONT_REGULAR))
            self.add_font(FAMILY, "B", str(FONT_BOLD))
            self.set_text_shaping(True)
            self.set_font(FAMILY, "", 15)

        # -- text primitives ------------------------------------------------
        def width(self, text: str) -> float:
            return _string_width(self, self.font_style, self.font_size_pt, text)

        def put_text(
            self,
            x: float,
            y: float,
            w: float,
            h: float,
            text: str,
            align: str = "L",
            actual: str | None = None,
        ) -> None:
            """One line of already-wrapped text, with an ActualText span."""
            if not text:
                return
            utf16 = ("\ufeff" + (text if actual is None else actual)).encode("utf-16-be")
            self._out(f"/Span <</ActualText <{utf16.hex().upper()}>>> BDC")
            self.set_xy(x, y)
            self.cell(w, h, text, align=align)
            self._out("EMC")

        def header(self) -> None:
            if not self.agency:
                self.set_y(self.t_margin + 2)
                return
            self.set_font(FAMILY, "B", 11)
            self.set_text_color(31, 56, 100)
            self.put_text(self.l_margin, 10, self.epw, 6, self.agency)
            self.set_draw_color(31, 56, 100)
            self.set_line_width(0.4)
            self.line(self.l_margin, 16.5, self.w - self.r_margin, 16.5)
            self.set_text_color(0, 0, 0)
            self.set_y(self.t_margin + 2)

        def footer(self) -> None:
            if self.page_numbers and not self.deferred_footer:
                self.page_number_text(self.page_numbers.format(page=self.page_no()))

        def page_number_text(self, text: str) -> None:
            self.set_font(FAMILY, "", 9)
            self.set_text_color(110, 110, 110)
            self.put_text(self.l_margin, self.h - 13, self.epw, 5, text, align="R")
            self.set_text_color(0, 0, 0)

        def output_bytes(self) -> bytes:
            if self.deferred_footer and self.page > 0:
                total = self.pages_count
                for n in range(1, total + 1):
                    # back to page n (fpdf2 does the same for its table of contents); the
                    # font and colours in force there are unknown, so set them explicitly
                    self.page = n
                    self.current_font_is_set_on_page = False
                    self._out("q")
                    self.set_fill_color(255, 255, 255)
                    self.page_number_text(self.page_numbers.format(page=n, pages=total))
                    self._out("Q")
                self.page = total
                self.deferred_footer = False  # output() twice must not stamp twice
                self.page_numbers = None
            return bytes(self.output(output_producer_class=Producer))

    _FPDF_CLASS = Doc
    return Doc


def _wrap(pdf, text: str, width: float, first_width: float | None = None) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (``first_width`` for line 1)."""
    lines: list[str] = []
    for raw in text.split("\n"):
        cur: list[str] = []
        cur_w = 0.0
        limit = first_width if (first_width is not None and not lines) else width

        def flush() -> None:
            nonlocal cur, cur_w, limit
            while cur and cur[-1] == " ":
                cur.pop()
            lines.append("".join(cur))
            cur, cur_w, limit = [], 0.0, width

        for tok in segment(raw):
            if tok == " ":
                if cur:
                    cur.append(tok)
                    cur_w += pdf.width(" ")
                continue
            w = pdf.width(tok)
            if cur_w + w <= limit:
                cur.append(tok)
                cur_w += w
                continue
            if cur:
                flush()
            if w <= limit:
                cur, cur_w = [tok], w
                continue
            # a single word wider than the line (URL, ...): break after / - . etc.,
            # and inside a piece that is still too long, between characters
            pieces = [p for p in re.split(r"(?<=[/\-_.?&=])", tok) if p]
            pieces = [q for p in pieces for q in ([p] if pdf.width(p) <= limit else _clusters(p))]
            for cl in pieces:
                cw = pdf.width(cl)
                if cur and cur_w + cw > limit:
                    flush()
                cur.append(cl)
                cur_w += cw
        if cur or not lines or raw == "":
            flush()
    return lines


# ---------------------------------------------------------------------------
# The document
# ---------------------------------------------------------------------------

_HEADINGS = {  # level: (size, align, space before, space after)
    1: (18, "C", 0.0, 5.0),
    2: (16, "L", 3.0, 1.5),
    3: (15, "L", 2.0, 1.0),
}


class ThaiPDF:
    """A flowing A4 document (portrait ``"P"`` or landscape ``"L"``) in Thai.

    Every page has ``agency`` in a header line and, at the foot, ``page_numbers`` formatted
    with ``{page}`` and ``{pages}`` (``None`` for no page numbers).  ``margins`` are (left,
    top, right) in mm; the text block ends 20 mm above the bottom edge.  Pass
    ``creation_date`` for reproducible bytes (otherwise fpdf2 stamps the current time).
    """

    def __init__(
        self,
        *,
        agency: str,
        title: str = "",
        orientation: str = "P",
        creation_date: _dt.datetime | None = None,
        author: str | None = None,
        subject: str | None = None,
        creator: str = "Prongsai",
        page_numbers: str | None = "หน้า {page}/{pages}",
        margins: tuple[float, float, float] = (25, 20, 20),
    ):
        if orientation not in ("P", "L"):
            raise ValueError(f"orientation must be 'P' or 'L', not {orientation!r}")
        doc_class = _fpdf_class()
        self.pdf = doc_class(
            agency=agency,
            title=title,
            orientation=orientation,
            creation_date=creation_date,
            author=agency if author is None else author,
            subject=title if subject is None else subject,
            creator=creator,
            page_numbers=page_numbers,
            margins=margins,
        )
        self.pdf.add_page()
        self.bottom = self.pdf.h - 20
        self._done: bytes | None = None

    # -- geometry ---------------------------------------------------------------------

    @property
    def width_available(self) -> float:
        """Width of the text block in mm."""
        return self.pdf.epw

    @property
    def remaining(self) -> float:
        """Height left on the current page in mm."""
        return self.bottom - self.pdf.get_y()

    @property
    def page_count(self) -> int:
        return self.pdf.pages_count

    @property
    def _top(self) -> float:
        """Where the text starts on a fresh page (under the header line)."""
        return self.pdf.t_margin + 2

    def keep_together(self, height: float) -> None:
        """Start a new page unless ``height`` mm are left on this one."""
        if self.pdf.get_y() + height > self.bottom:
            self.pdf.add_page()

    def new_page(self) -> None:
        self.pdf.add_page()

    def spacer(self, mm: float) -> None:
        """Vertical space; dropped at the top of a page, and never past the bottom."""
        pdf = self.pdf
        if pdf.get_y() <= self._top + 0.01:
            return
        pdf.set_y(min(pdf.get_y() + mm, self.bottom))

    def text_width(self, text: str, size: float = 15, style: str = "") -> float:
        """Width of one line of ``text`` in mm."""
        self.pdf.set_font(FAMILY, style, size)
        return self.pdf.width(text)

    def wrap(self, text: str, width: float, size: float = 15, style: str = "") -> list[str]:
        """``text`` broken into lines no wider than ``width`` mm (between Thai words)."""
        self.pdf.set_font(FAMILY, style, size)
        return _wrap(self.pdf, text, width)

    @staticmethod
    def line_height(size: float) -> float:
        return size * _PT * 1.45

    # -- flowing text -----------------------------------------------------------------

    def heading(self, text: str, level: int = 1) -> None:
        """Level 1: the centred document title; 2: a section heading; 3: a sub-heading.

        A heading is kept on the same page as the first lines that follow it.
        """
        size, align, before, after = _HEADINGS.get(level, _HEADINGS[3])
        if level > 1:
            self.keep_together(before + self.line_height(size) + 3 * self.line_height(15))
            self.spacer(before)
        self.paragraph(text, size=size, style="B", align=align, space_after=after)

    def paragraph(
        self,
        text: str,
        size: float = 15,
        align: str = "L",
        *,
        style: str = "",
        indent: float = 0.0,
        space_after: float = 2.5,
    ) -> None:
        """Wrapped text; ``indent`` (mm) indents the first line; ``\\n`` starts a new line."""
        pdf = self.pdf
        pdf.set_font(FAMILY, style, size)
        lh = self.line_height(size)
        lines = _wrap(pdf, text, pdf.epw, pdf.epw - indent)
        for i, line in enumerate(lines):
            self.keep_together(lh)
            x = pdf.l_margin + (indent if i == 0 else 0)
            y = pdf.get_y()
            pdf.put_text(x, y, pdf.epw - (indent if i == 0 else 0), lh, line, align=align)
            pdf.set_y(y + lh)
        pdf.set_y(pdf.get_y() + space_after)

    def choices(self, options: list[tuple[str, bool]], *, size: float = 15) -> None:
        """One line of check boxes: ``[("อนุมัติ", True), ("ไม่อนุมัติ", False)]``.

        The boxes are drawn (Sarabun has no ☐/☑); the text layer reads "☑ อนุมัติ ☐ ไม่อนุมัติ".
        """
        pdf = self.pdf
        lh = self.line_height(size)
        self.keep_together(lh)
        pdf.set_font(FAMILY, "", size)
        y = pdf.get_y()
        x = pdf.l_margin
        side = size * _PT * 0.72
        for label, checked in options:
            top = y + (lh - side) / 2
            pdf.set_draw_color(0, 0, 0)
            pdf.set_line_width(0.3)
            pdf.rect(x, top, side, side)
            if checked:
                pdf.set_line_width(0.6)
                pdf.polyline(
                    [
                        (x + side * 0.18, top + side * 0.52),
                        (x + side * 0.42, top + side * 0.80),
                        (x + side * 0.88, top + side * 0.10),
                    ]
                )
            w = pdf.width(label) + 1
            mark = "\u2611" if checked else "\u2610"
            pdf.put_text(x + side + 1.5, y, w, lh, label, actual=f"{mark} {label} ")
            x += side + 1.5 + w + 10
        pdf.set_y(y + lh + 1.5)

    def signature_block(
        self, lines: list[str], *, size: float = 15, space_before: float = 4
    ) -> None:
        """Signature lines in a block at the right, each centred in it, as on Thai forms::

            (ลงชื่อ) .................................... ผู้อนุมัติ
                           (นายสมชาย ใจดี)
                      ตำแหน่ง ปลัดองค์การบริหารส่วนตำบล

        The block is kept on one page, ``space_before`` mm under what precedes it.
        """
        pdf = self.pdf
        pdf.set_font(FAMILY, "", size)
        lines = [line for line in lines if line is not None]
        if not lines:
            return
        lh = self.line_height(size)
        block = min(max(pdf.width(line) for line in lines) + 2, pdf.epw * 0.8)
        wrapped = [piece for line in lines for piece in _wrap(pdf, line, block)]
        self.keep_together(space_before + len(wrapped) * lh)
        self.spacer(space_before)
        x = pdf.l_margin + pdf.epw - block
        for piece in wrapped:
            y = pdf.get_y()
            pdf.put_text(x, y, block, lh, piece, align="C")
            pdf.set_y(y + lh)
        pdf.set_y(pdf.get_y() + 2)

    def signature_blocks(
        self, blocks: list[list[str]], *, size: float = 15, space_before: float = 4
    ) -> None:
        """Several signature blocks side by side (e.g. the reporter and the head of the
        agency), each centred in an equal share of the width; kept on one page."""
        pdf = self.pdf
        blocks = [[line for line in b if line is not None] for b in blocks]
        blocks = [b for b in blocks if b]
        if not blocks:
            return
        pdf.set_font(FAMILY, "", size)
        lh = self.line_height(size)
        col = pdf.epw / len(blocks)
        wrapped = [[p for line in b for p in _wrap(pdf, line, col - 4)] for b in blocks]
        self.keep_together(space_before + max(len(w) for w in wrapped) * lh)
        self.spacer(space_before)
        y0 = pdf.get_y()
        for k, pieces in enumerate(wrapped):
            for n, piece in enumerate(pieces):
                pdf.put_text(pdf.l_margin + k * col, y0 + n * lh, col, lh, piece, align="C")
        pdf.set_y(y0 + max(len(w) for w in wrapped) * lh + 2)

    # -- boxes --------------------------------------------------------------------------

    def fields(
        self, rows: list[tuple[str, str]], *, size: float = 14, label_width: float | None = None
    ) -> None:
        """A bordered two-column block: bold labels on a tint at the left, values wrapping."""
        pdf = self.pdf
        rows = [("" if k is None else str(k), "" if v is None else str(v)) for k, v in rows]
        if not rows:
            return
        pad = 1.8
        if label_width is None:
            pdf.set_font(FAMILY, "B", size)
            label_width = max(pdf.width(k) for k, _ in rows) + 2 * pad + 0.5
            label_width = min(max(label_width, 30), pdf.epw * 0.38)
        widths = [label_width, pdf.epw - label_width]
        lh = size * _PT * 1.4
        for label, value in rows:
            pdf.set_font(FAMILY, "B", size)
            label_lines = _wrap(pdf, label, widths[0] - 2 * pad) if label else [""]
            pdf.set_font(FAMILY, "", size)
            value_lines = _wrap(pdf, value, widths[1] - 2 * pad) if value else [""]
            self._row(
                [label_lines, value_lines],
                widths,
                styles=["B", ""],
                aligns=["L", "L"],
                fills=[(240, 243, 248), None],
                size=size,
                lh=lh,
                pad=pad,
            )
        pdf.set_y(pdf.get_y() + 3)

    def table(
        self,
        header: list[str],
        rows: list[list[str]],
        widths: list[float] | None = None,
        *,
        size: float = 12,
        align: list[str] | None = None,
    ) -> None:
        """A bordered table; the header row is repeated at the top of every page.

        ``widths`` are in mm, scaled to the width of the text block when they do not add up
        to it; by default they are fitted to the content (no header or number is broken, long
        text gets the room).  ``align`` is one of "L", "C", "R" per column; by default numbers
        are right-aligned and the rest left-aligned.
        """
        pdf = self.pdf
        body = [[("" if c is None else str(c)) for c in r] for r in rows if r]
        head = ["" if c is None else str(c) for c in header]
        if not head and not body:
            return
        ncol = max(len(r) for r in [head, *body])
        all_rows = [r + [""] * (ncol - len(r)) for r in [head, *body]]
        pad = 1.8
        lh = size * _PT * 1.4

        if widths:
            widths = [float(w) for w in widths][:ncol]
            widths += [sum(widths) / len(widths)] * (ncol - len(widths))
            widths = [w * pdf.epw / sum(widths) for w in widths]
        else:

            def measure(text: str, is_header: bool) -> float:
                pdf.set_font(FAMILY, "B" if is_header else "", size)
                return pdf.width(text) + 2 * pad + 0.5

            widths = fit_columns(all_rows, measure, pdf.epw, cap=pdf.epw * 0.6)

        def lines_of(i: int, r: list[str]) -> list[list[str]]:
            pdf.set_font(FAMILY, "B" if i == 0 else "", size)
            return [
                _wrap(pdf, cell, w - 2 * pad) if cell else [""]
                for cell, w in zip(r, widths, strict=False)
            ]

        def fill_of(i: int):
            if i == 0:
                return (221, 230, 242)
            return (246, 248, 251) if i % 2 == 0 else None

        def aligns_of(i: int, r: list[str]) -> list[str]:
            if i == 0:
                return ["C"] * ncol
            if align:
                return [(align[c] if c < len(align) else "L") for c in range(ncol)]
            return ["R" if NUMERIC.fullmatch(cell.strip() or "x") else "L" for cell in r]

        head_lines = lines_of(0, all_rows[0])
        head_h = max(len(c) for c in head_lines) * lh + 2

        def draw_header() -> None:
            self._row(
                head_lines,
                widths,
                styles=["B"] * ncol,
                aligns=["C"] * ncol,
                fills=[fill_of(0)] * ncol,
                size=size,
                lh=lh,
                pad=pad,
            )

        if head:
            # never a header alone at the foot of a page: keep it with the first row
            first = max(len(c) for c in lines_of(1, all_rows[1])) if body else 0
            self.keep_together(head_h + min(first, 2) * lh + 2)
            draw_header()
        for i, r in enumerate(all_rows[1:], start=1):
            self._row(
                lines_of(i, r),
                widths,
                styles=[""] * ncol,
                aligns=aligns_of(i, r),
                fills=[fill_of(i)] * ncol,
                size=size,
                lh=lh,
                pad=pad,
                on_new_page=draw_header if head else None,
                reserve=head_h if head else 0.0,
            )
        pdf.set_y(pdf.get_y() + 4)

    def _row(
        self,
        cells: list[list[str]],
        widths: list[float],
        *,
        styles: list[str],
        aligns: list[str],
        fills: list,
        size: float,
        lh: float,
        pad: float,
        on_new_page=None,
        reserve: float = 0.0,
    ) -> None:
        """One bordered row of wrapped cells; moved to the next page whole when it does not
        fit, split between lines when it is taller than a whole page."""
        pdf = self.pdf
        while True:
            n = max(len(c) for c in cells)
            h = n * lh + 2
            if pdf.get_y() + h <= self.bottom:
                self._draw_row(cells, widths, styles, aligns, fills, size, lh, pad, h)
                return
            fresh = self.bottom - self._top - reserve  # room on an empty page
            if h <= fresh:
                pdf.add_page()
                if on_new_page:
                    on_new_page()
                continue
            # taller than a page: fill this page (if at least two lines fit, or whatever fits
            # on an empty page), continue on the next
            fit = int((self.bottom - pdf.get_y() - 2) // lh)
            at_top = pdf.get_y() <= self._top + reserve + 0.01
            if fit >= 2 or at_top:
                fit = max(fit, 1)
                part = [c[:fit] for c in cells]
                self._draw_row(part, widths, styles, aligns, fills, size, lh, pad, fit * lh + 2)
                if all(len(c) <= fit for c in cells):
                    return
                cells = [c[fit:] or [""] for c in cells]
            pdf.add_page()
            if on_new_page:
                on_new_page()

    def _draw_row(self, cells, widths, styles, aligns, fills, size, lh, pad, h) -> None:
        pdf = self.pdf
        y, x = pdf.get_y(), pdf.l_margin
        pdf.set_draw_color(120, 120, 120)
        pdf.set_line_width(0.2)
        for lines, w, style, align, fill in zip(cells, widths, styles, aligns, fills, strict=False):
            if fill is not None:
                pdf.set_fill_color(*fill)
            pdf.rect(x, y, w, h, style="DF" if fill is not None else "D")
            pdf.set_font(FAMILY, style, size)
            for k, line in enumerate(lines):
                pdf.put_text(x + pad, y + 1 + k * lh, w - 2 * pad, lh, line, align=align)
            x += w
        pdf.set_y(y + h)

    # -- result -----------------------------------------------------------------------

    def output(self) -> bytes:
        """The PDF file.  Nothing can be added afterwards."""
        if self._done is None:
            self._done = self.pdf.output_bytes()
        return self._done
