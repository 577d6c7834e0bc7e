"""Generators for realistic sample files (PDF, DOCX, XLSX, PNG/JPEG placeholders): the demo
agency's files and the test data of every app.

Pure functions, no Django: every generator returns ``bytes`` and is
deterministic -- the same arguments give byte-identical output, so loading the
demo data twice produces identical files (same hashes, no spurious changes).

Thai text notes
---------------
* PDFs are laid out by :mod:`prongsai.core.thaipdf` (bundled Sarabun fonts, HarfBuzz
  shaping, line breaks between PyThaiNLP words, an ActualText text layer and the SARA AM
  ToUnicode fix -- see there).
* DOCX/XLSX name the font "TH Sarabun New" (the Thai government standard font;
  Word/Excel fall back to another Thai font where it is not installed), set for
  Latin *and* complex-script text (``w:cs``, ``w:szCs``) so Word uses it for Thai.
  Table and column widths are estimated from Sarabun's metrics (``em_width``).
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import random
import re
import unicodedata
import zipfile
import zlib

from prongsai.core.thaipdf import (
    FONT_BOLD,
    FONT_REGULAR,
    NUMERIC,
    ThaiPDF,
    fit_columns,
    segment,
)
from prongsai.core.thaipdf import em_width as _em_width

__all__ = ["make_pdf", "make_docx", "make_xlsx", "make_portrait", "make_photo", "make_logo"]

#: Font named in DOCX/XLSX files (not embedded; Office substitutes if missing).
OFFICE_FONT = "TH Sarabun New"

#: Fixed timestamp written into every generated document (and zip member).
FIXED_DATE = _dt.datetime(2025, 1, 1, 9, 0, 0, tzinfo=_dt.UTC)
_ZIP_DATE = (2025, 1, 1, 9, 0, 0)

# ---------------------------------------------------------------------------
# PDF (laid out by prongsai.core.thaipdf)
# ---------------------------------------------------------------------------


def make_pdf(
    title: str, paragraphs: list[str], *, agency: str, table: list[list[str]] | None = None
) -> bytes:
    """A4 PDF: agency header line, bold title, wrapped Thai paragraphs, optional table.

    ``table`` is a list of rows, the first one being the header row.
    """
    doc = ThaiPDF(
        agency=agency,
        title=title,
        creation_date=FIXED_DATE,
        creator="Prongsai demo data",
        page_numbers="หน้า {page}",
    )
    doc.heading(title, level=1)
    for para in paragraphs:
        doc.paragraph(para, indent=12.5)
    if table:
        doc.spacer(2)
        doc.table(table[0], table[1:])
    return doc.output()


# ---------------------------------------------------------------------------
# Office files (zip-based): normalise the container for reproducible bytes
# ---------------------------------------------------------------------------


def _normalize_zip(data: bytes) -> bytes:
    """Re-pack a zip with fixed timestamps/attributes (python-docx/openpyxl use 'now')."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def _docx_set_font(
    rPr, *, size: float | None = None, bold: bool | None = None, color: str | None = None
) -> None:
    """Set Latin + complex-script (Thai) font, size and boldness on a ``w:rPr``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    fonts = rPr.get_or_add_rFonts()
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):  # theme fonts win over names
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), OFFICE_FONT)
    if bold is not None:
        for el in (rPr.get_or_add_b(), rPr.get_or_add_bCs()):
            el.set(qn("w:val"), "1" if bold else "0")
    if color is not None:
        rPr.get_or_add_color().set(qn("w:val"), color)
        for attr in ("w:themeColor", "w:themeShade"):
            rPr.get_or_add_color().attrib.pop(qn(attr), None)
    if size is not None:
        sz = rPr.get_or_add_sz()
        sz.val = Pt(size)
        szcs = rPr.find(qn("w:szCs"))
        if szcs is None:
            szcs = OxmlElement("w:szCs")
            sz.addnext(szcs)
        szcs.set(qn("w:val"), str(int(size * 2)))
    lang = rPr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        tail = [rPr.find(qn(t)) for t in ("w:eastAsianLayout", "w:specVanish", "w:oMath")]
        tail = [t for t in tail if t is not None]
        if tail:
            tail[0].addprevious(lang)
        else:
            rPr.append(lang)
    if lang.get(qn("w:val")) is None:
        lang.set(qn("w:val"), "en-US")  # language of Latin text
    lang.set(qn("w:bidi"), "th-TH")  # language of complex-script (Thai) text


def make_docx(
    title: str, paragraphs: list[str], *, agency: str, table: list[list[str]] | None = None
) -> bytes:
    """Word document: agency in the page header, heading, Thai paragraphs, optional table."""
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = docx.Document()

    # Drop the template's thumbnail (a picture of an unrelated page).
    pkg = doc.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del pkg.rels[rid]

    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    _docx_set_font(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), size=16)
    _docx_set_font(styles["Normal"].element.get_or_add_rPr(), size=16)
    normal_pf = styles["Normal"].paragraph_format
    normal_pf.space_after = Pt(4)
    normal_pf.line_spacing = 1.0
    _docx_set_font(styles["Heading 1"].element.get_or_add_rPr(), size=20, bold=True, color="1F3864")
    _docx_set_font(styles["Header"].element.get_or_add_rPr(), size=14)

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    head = section.header.paragraphs[0]
    head.text = agency
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    heading = doc.add_heading(title, level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.space_before = Pt(0)
    heading.paragraph_format.space_after = Pt(12)

    for text in paragraphs:
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.THAI_JUSTIFY
        p.paragraph_format.first_line_indent = Cm(2.5)

    if table:
        rows = [[("" if c is None else str(c)) for c in r] for r in table if r]
        ncol = max(len(r) for r in rows)
        rows = [r + [""] * (ncol - len(r)) for r in rows]
        t = doc.add_table(rows=len(rows), cols=ncol, style="Table Grid")
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        # column widths in cm (16 cm of text width): 16 pt text plus the cell margins

        def measure(text: str, header: bool) -> float:
            return _em_width(text, header) * 16 * 2.54 / 72 + 0.45

        col_widths = [Cm(w) for w in fit_columns(rows, measure, 16.0, cap=11.0)]
        for j, w in enumerate(col_widths):
            t.columns[j].width = w
        for i, r in enumerate(rows):
            for j in range(ncol):
                cell = t.cell(i, j)
                cell.width = col_widths[j]
                cell_p = cell.paragraphs[0]
                run = cell_p.add_run(r[j])
                if i == 0:
                    run.bold = True
                    run._r.get_or_add_rPr().get_or_add_bCs()
                    cell_p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif NUMERIC.fullmatch(run.text.strip() or "x"):
                    cell_p.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    cp = doc.core_properties
    cp.title = title
    cp.subject = title
    cp.author = agency
    cp.last_modified_by = agency
    cp.comments = "Prongsai demo data"
    cp.language = "th-TH"
    cp.revision = 1
    cp.created = cp.modified = FIXED_DATE.replace(tzinfo=None)

    buf = io.BytesIO()
    doc.save(buf)
    return _normalize_zip(buf.getvalue())


def _cell_text(value) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}"
    return "" if value is None else str(value)


def make_xlsx(title: str, header: list[str], rows: list[list], *, agency: str) -> bytes:
    """One-sheet workbook: title + agency rows, bold header, typed data rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    ws = wb.active
    sheet_title = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31].strip() or "Sheet1"
    ws.title = sheet_title
    ncol = max([len(header), *(len(r) for r in rows)] or [1])

    base = Font(name=OFFICE_FONT, size=14)
    ws["A1"] = title
    ws["A1"].font = Font(name=OFFICE_FONT, size=18, bold=True)
    ws["A2"] = agency
    ws["A2"].font = Font(name=OFFICE_FONT, size=14, italic=True, color="555555")
    if ncol > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)

    head_row = 3
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="DDE6F2")
    for j, name in enumerate(header, start=1):
        c = ws.cell(row=head_row, column=j, value=name)
        c.font = Font(name=OFFICE_FONT, size=14, bold=True)
        c.fill = fill
        c.border = border
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, row in enumerate(rows, start=head_row + 1):
        for j, value in enumerate(row, start=1):
            c = ws.cell(row=i, column=j, value=value)
            c.font = base
            c.border = border
            if isinstance(value, float):
                c.number_format = "#,##0.00"

    for j in range(1, ncol + 1):
        cells = [header[j - 1] if j <= len(header) else ""]
        cells += [r[j - 1] for r in rows if j <= len(r) and r[j - 1] is not None]
        # Excel's width unit is the width of "0" in the default font (Calibri 11:
        # 7 px = 5.25 pt); cells are 14 pt TH Sarabun New, the header bold
        ems = [_em_width(_cell_text(v), k == 0) for k, v in enumerate(cells)]
        width = max(ems, default=0) * 14 / 5.25
        ws.column_dimensions[get_column_letter(j)].width = round(min(max(width + 2, 8), 60), 1)

    # explicit row heights: Thai needs room above and below the line for vowels and
    # tone marks, and LibreOffice does not grow rows for a larger font by itself
    ws.row_dimensions[1].height = 30
    ws.row_dimensions[2].height = 22
    ws.row_dimensions[head_row].height = 24
    for i in range(head_row + 1, head_row + 1 + len(rows)):
        ws.row_dimensions[i].height = 21

    ws.freeze_panes = ws.cell(row=head_row + 1, column=1)
    if header and rows:
        ws.auto_filter.ref = f"A{head_row}:{get_column_letter(ncol)}{head_row + len(rows)}"

    props = wb.properties
    props.title = title
    props.subject = title
    props.creator = agency
    props.lastModifiedBy = agency
    props.description = "Prongsai demo data"
    props.language = "th-TH"
    props.created = props.modified = FIXED_DATE.replace(tzinfo=None)

    buf = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook() would stamp "modified" with now().
    ExcelWriter(wb, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return _normalize_zip(buf.getvalue())


# ---------------------------------------------------------------------------
# Images
# ---------------------------------------------------------------------------


def _hsl(h: float, s: float, lightness: float) -> tuple[int, int, int]:
    import colorsys

    r, g, b = colorsys.hls_to_rgb(h % 1.0, lightness, s)
    return round(r * 255), round(g * 255), round(b * 255)


def _mix(a, b, t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=False))


def _vertical_gradient(size: tuple[int, int], stops: list[tuple[float, tuple[int, int, int]]]):
    """RGB image with a vertical multi-stop gradient (computed per row, then stretched)."""
    from PIL import Image

    w, h = size
    col = Image.new("RGB", (1, h))
    px = col.load()
    for y in range(h):
        t = y / max(h - 1, 1)
        for (t0, c0), (t1, c1) in zip(stops, stops[1:], strict=False):
            if t0 <= t <= t1:
                px[0, y] = _mix(c0, c1, (t - t0) / max(t1 - t0, 1e-9))
                break
    return col.resize((w, h), Image.Resampling.NEAREST)


def _png(img) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False, compress_level=6)
    return buf.getvalue()


def _font(size: int, bold: bool = True):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_BOLD if bold else FONT_REGULAR), size)


def make_portrait(name: str, seed: int) -> bytes:
    """400x500 PNG placeholder portrait: soft background, head-and-shoulders silhouette."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    s = 2  # draw at 2x, downsample for smooth edges
    W, H = 400 * s, 500 * s
    hue = rng.random()
    top = _hsl(hue, 0.35, 0.88)
    bottom = _hsl(hue + 0.04, 0.30, 0.76)
    img = _vertical_gradient((W, H), [(0.0, top), (1.0, bottom)])
    d = ImageDraw.Draw(img)

    # soft studio light behind the head
    glow = Image.new("L", (W, H), 0)
    ImageDraw.Draw(glow).ellipse((W * 0.15, H * 0.05, W * 0.85, H * 0.6), fill=90)
    glow = glow.filter(ImageFilter.GaussianBlur(60 * s))
    img = Image.composite(Image.new("RGB", (W, H), (255, 255, 255)), img, glow)
    d = ImageDraw.Draw(img)

    sil = _hsl(hue + 0.55 + rng.uniform(-0.05, 0.05), 0.18, 0.34 + rng.uniform(-0.05, 0.05))
    shirt = _mix(sil, (20, 24, 32), 0.25)
    cx = W / 2 + rng.uniform(-8, 8) * s
    head_w = rng.uniform(0.30, 0.35) * W
    head_h = head_w * rng.uniform(1.22, 1.32)
    head_top = H * rng.uniform(0.16, 0.20)
    neck_w = head_w * 0.42
    sh_top = head_top + head_h * 1.04
    sh_w = W * rng.uniform(0.78, 0.88)
    hair = _mix(sil, (15, 15, 20), 0.45)
    long_hair = rng.random() < 0.5
    if long_hair:  # behind head and shoulders, down to the shoulders
        d.rounded_rectangle(
            (cx - head_w * 0.6, head_top - head_h * 0.05, cx + head_w * 0.6, sh_top + head_h * 0.3),
            radius=int(head_w * 0.5),
            fill=hair,
        )
    # shoulders / torso: a wide rounded shape running off the bottom edge
    d.rounded_rectangle(
        (cx - sh_w / 2, sh_top, cx + sh_w / 2, H + 200 * s), radius=int(sh_w * 0.32), fill=shirt
    )
    # neck
    d.rectangle(
        (cx - neck_w / 2, head_top + head_h * 0.7, cx + neck_w / 2, sh_top + 20 * s), fill=sil
    )
    d.ellipse((cx - neck_w / 2, sh_top - 6 * s, cx + neck_w / 2, sh_top + neck_w * 0.55), fill=sil)
    # collar (a light V), as on a uniform shirt
    collar = _mix(shirt, (255, 255, 255), 0.55)
    d.polygon(
        [
            (cx - neck_w * 0.75, sh_top + 4 * s),
            (cx, sh_top + neck_w * 0.95),
            (cx + neck_w * 0.75, sh_top + 4 * s),
            (cx + neck_w * 0.35, sh_top + 4 * s),
            (cx, sh_top + neck_w * 0.6),
            (cx - neck_w * 0.35, sh_top + 4 * s),
        ],
        fill=collar,
    )
    # short hair: a darker rim showing above the head
    if not long_hair:
        d.ellipse(
            (
                cx - head_w * 0.53,
                head_top - head_h * 0.06,
                cx + head_w * 0.53,
                head_top + head_h * 0.8,
            ),
            fill=hair,
        )
    # head
    d.ellipse((cx - head_w / 2, head_top, cx + head_w / 2, head_top + head_h), fill=sil)

    img = img.resize((400, 500), Image.Resampling.LANCZOS)
    return _png(img)


def make_photo(caption: str, seed: int, size: tuple[int, int] = (1200, 800)) -> bytes:
    """JPEG "activity photo" placeholder: sky, sun, hills, fields; deterministic per seed."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    W, H = size
    mood = rng.choice(["day", "morning", "evening"])
    if mood == "day":
        sky = [(0.0, (92, 152, 214)), (0.55, (175, 210, 235)), (1.0, (226, 238, 242))]
        sun = (255, 250, 225)
    elif mood == "morning":
        sky = [(0.0, (120, 160, 210)), (0.5, (236, 200, 170)), (1.0, (250, 226, 190))]
        sun = (255, 236, 190)
    else:
        sky = [(0.0, (70, 80, 140)), (0.45, (214, 130, 120)), (1.0, (250, 190, 130))]
        sun = (255, 214, 150)
    img = _vertical_gradient((W, H), sky)

    # sun with halo
    sx, sy, sr = (
        rng.uniform(0.15, 0.85) * W,
        rng.uniform(0.12, 0.35) * H,
        rng.uniform(0.03, 0.05) * W,
    )
    halo = Image.new("L", (W, H), 0)
    ImageDraw.Draw(halo).ellipse((sx - sr * 3, sy - sr * 3, sx + sr * 3, sy + sr * 3), fill=120)
    halo = halo.filter(ImageFilter.GaussianBlur(sr * 1.5))
    img = Image.composite(Image.new("RGB", (W, H), sun), img, halo)
    ImageDraw.Draw(img).ellipse((sx - sr, sy - sr, sx + sr, sy + sr), fill=sun)

    # clouds
    cloud_layer = Image.new("L", (W, H), 0)
    cd = ImageDraw.Draw(cloud_layer)
    for _ in range(rng.randint(2, 5)):
        cx, cy = rng.uniform(0, W), rng.uniform(0.05, 0.35) * H
        for _ in range(6):
            rx, ry = rng.uniform(0.04, 0.09) * W, rng.uniform(0.02, 0.04) * H
            ox, oy = rng.uniform(-0.08, 0.08) * W, rng.uniform(-0.015, 0.015) * H
            cd.ellipse((cx + ox - rx, cy + oy - ry, cx + ox + rx, cy + oy + ry), fill=150)
    cloud_layer = cloud_layer.filter(ImageFilter.GaussianBlur(12))
    img = Image.composite(Image.new("RGB", (W, H), (255, 255, 255)), img, cloud_layer)

    # hills: far (hazy blue) to near (green); each a sum of sines
    d = ImageDraw.Draw(img)
    haze = sky[-1][1]
    greens = [(96, 128, 150), (86, 130, 96), (70, 120, 60), (58, 104, 44)]
    base_levels = [0.52, 0.60, 0.68, 0.78]
    for k, (col, level) in enumerate(zip(greens, base_levels, strict=False)):
        col = _mix(col, haze, 0.45 - k * 0.13)
        amp = rng.uniform(0.03, 0.07) * H
        waves = [
            (rng.uniform(0.5, 3.0), rng.uniform(0, math.tau), rng.uniform(0.3, 1.0))
            for _ in range(3)
        ]
        pts = []
        for x in range(0, W + 8, 8):
            t = x / W
            y = level * H - amp * sum(a * math.sin(f * math.tau * t + p) for f, p, a in waves)
            pts.append((x, y))
        d.polygon(pts + [(W, H), (0, H)], fill=col)
        if k == 1:  # a few trees on the middle ridge
            for _ in range(rng.randint(6, 14)):
                tx = rng.uniform(0, W)
                ty = min(p[1] for p in pts if abs(p[0] - tx) < 10) + 4
                tr = rng.uniform(8, 18)
                d.ellipse(
                    (tx - tr, ty - tr * 1.8, tx + tr, ty + 2), fill=_mix(col, (30, 60, 30), 0.35)
                )
    # paddy field in the foreground: stripes converging to a vanishing point
    field_top = 0.84 * H
    field = (150, 176, 72) if mood != "evening" else (150, 150, 80)
    d.rectangle((0, field_top, W, H), fill=field)
    vx = rng.uniform(0.3, 0.7) * W
    for i in range(-12, 13):
        x0 = vx + i * W * 0.09
        d.line([(vx + i * 8, field_top), (x0, H)], fill=_mix(field, (90, 120, 40), 0.5), width=3)
    # a small pavilion (sala) or tent, as seen at community activities
    px0, pw = rng.uniform(0.1, 0.7) * W, rng.uniform(0.12, 0.2) * W
    pb = field_top + rng.uniform(0.0, 0.04) * H
    roof = rng.choice([(178, 60, 48), (40, 90, 160), (230, 230, 230)])
    d.rectangle((px0 + pw * 0.08, pb - pw * 0.35, px0 + pw * 0.92, pb), fill=(240, 236, 226))
    d.polygon(
        [
            (px0 - pw * 0.05, pb - pw * 0.33),
            (px0 + pw / 2, pb - pw * 0.6),
            (px0 + pw * 1.05, pb - pw * 0.33),
        ],
        fill=roof,
    )
    # people: small rounded figures in front of the pavilion
    for _ in range(rng.randint(5, 11)):
        fx = px0 + rng.uniform(-0.3, 1.3) * pw
        fy = pb + rng.uniform(0.01, 0.12) * H
        fh = rng.uniform(0.07, 0.1) * H * (0.8 + (fy - pb) / H * 3)
        shirt = rng.choice(
            [(250, 250, 250), (214, 190, 120), (60, 80, 140), (200, 80, 60), (240, 200, 60)]
        )
        d.rounded_rectangle(
            (fx - fh * 0.18, fy - fh * 0.75, fx + fh * 0.18, fy), radius=int(fh * 0.12), fill=shirt
        )
        d.ellipse((fx - fh * 0.12, fy - fh, fx + fh * 0.12, fy - fh * 0.74), fill=(70, 50, 40))

    img = img.filter(ImageFilter.GaussianBlur(0.6))
    buf = io.BytesIO()
    img.save(
        buf,
        format="JPEG",
        quality=85,
        optimize=False,
        progressive=False,
        comment=caption.encode("utf-8")[:60000],
    )
    return buf.getvalue()


_THAI_LEADING_VOWELS = set("\u0e40\u0e41\u0e42\u0e43\u0e44")  # เ แ โ ใ ไ
_HO_NAM_FOLLOWERS = set("งญนมยรลว")
_ABBREV_PREFIXES = (
    "องค์การบริหารส่วนตำบล",
    "เทศบาลตำบล",
    "เทศบาลเมือง",
    "เทศบาลนคร",
    "อบต.",
    "อบจ.",
    "ทต.",
    "ทม.",
)


def _initials(text: str) -> str:
    """Two-letter initials: Latin words -> first letters; Thai -> first consonants of words."""
    text = text.strip()
    for p in _ABBREV_PREFIXES:
        if text.startswith(p) and len(text) > len(p):
            text = text[len(p) :].strip()
            break
    words = [w for w in segment(text) if w != " " and any(ch.isalnum() for ch in w)]
    letters = []
    for w in words:
        chars = [
            ch
            for ch in w
            if unicodedata.category(ch).startswith("L") and ch not in _THAI_LEADING_VOWELS
        ]
        if len(chars) > 1 and chars[0] == "\u0e2b" and chars[1] in _HO_NAM_FOLLOWERS:
            chars = chars[1:]  # silent leading ห (ห นำ): หนองบัว -> น
        if chars:
            letters.append(chars[0].upper())
        if len(letters) == 2:
            break
    return "".join(letters) or "?"


def make_logo(text: str) -> bytes:
    """256x256 PNG seal: ring with dots, filled disc, initials in Sarabun Bold."""
    from PIL import Image, ImageDraw

    s = 4
    N = 256 * s
    rng = random.Random(zlib.crc32(text.encode("utf-8")))
    hue = rng.random()
    dark = _hsl(hue, 0.55, 0.28)
    mid = _hsl(hue, 0.50, 0.42)
    gold = (212, 175, 55)
    img = Image.new("RGBA", (N, N), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    c = N / 2
    d.ellipse((4 * s, 4 * s, N - 4 * s, N - 4 * s), fill=dark)
    d.ellipse((14 * s, 14 * s, N - 14 * s, N - 14 * s), outline=gold, width=3 * s)
    # dotted band between the outer ring and the inner disc
    r_dots = (N / 2) - 28 * s
    for k in range(36):
        a = k * math.tau / 36
        x, y = c + r_dots * math.cos(a), c + r_dots * math.sin(a)
        d.ellipse((x - 3 * s, y - 3 * s, x + 3 * s, y + 3 * s), fill=gold)
    inner = 40 * s
    d.ellipse((inner, inner, N - inner, N - inner), fill=mid, outline=gold, width=2 * s)
    # initials
    label = _initials(text)
    size = 96 * s if len(label) <= 1 else 78 * s
    font = _font(size)
    d.text((c, c), label, font=font, fill=(255, 255, 255), anchor="mm")
    # small star above the initials
    star_r, star_y = 9 * s, c - 62 * s
    pts = []
    for k in range(10):
        r = star_r if k % 2 == 0 else star_r * 0.45
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((c + r * math.cos(a), star_y + r * math.sin(a)))
    d.polygon(pts, fill=gold)
    img = img.resize((256, 256), Image.Resampling.LANCZOS)
    return _png(img)
