"""The text inside an uploaded file, so the site search can find what agencies publish in files.

``extract(fileobj, extension)`` reads PDF (pypdf, with Tesseract OCR for scanned pages), DOCX
(python-docx), XLSX (openpyxl) and PPTX (python-pptx, when installed) and returns an
``Extraction``. It never raises for a bad file: a broken, encrypted or truncated file comes back
with status ``failed`` and a Thai note for the webmaster in ``error``.

The work is bounded so one file cannot hold the worker: at most ``MAX_CHARS`` characters of text
are kept, at most ``MAX_PDF_PAGES`` pages are read, at most ``MAX_OCR_PAGES`` scanned pages are
OCR'd with ``OCR_PAGE_TIMEOUT`` seconds each, and Office files that unpack to more than
``MAX_UNPACKED_BYTES`` are refused.

OCR needs the Debian packages poppler-utils (``pdftoppm``), tesseract-ocr and tesseract-ocr-tha.
"""

import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from prongsai.disclosures import filetypes

logger = logging.getLogger("prongsai.extraction")

MAX_CHARS = 2_000_000
MAX_PDF_PAGES = 200
MAX_OCR_PAGES = 20
OCR_PAGE_TIMEOUT = 60  # seconds for one page: rendering plus recognition
PDF_TEXT_BUDGET = 300  # seconds for reading the text layer of one PDF
MIN_PAGE_CHARS = 20  # a page with fewer visible characters has no real text layer
MAX_UNPACKED_BYTES = 500 * 1024 * 1024  # DOCX/XLSX/PPTX are zip files: no zip bombs
MAX_SHEET_CELLS = 5_000_000

# Module-level so tests (and odd installs) can point at other binaries.
PDFTOPPM = "pdftoppm"
TESSERACT = "tesseract"
OCR_LANGUAGES = "tha+eng"
OCR_DPI = 200


class TextStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be read")
    EXTRACTED = "extracted", _("text extracted")
    OCR = "ocr", _("read with OCR")
    OCR_FAILED = "ocr_failed", _("scanned, OCR could not read it")
    NO_TEXT = "no_text", _("no text in the file")
    UNSUPPORTED = "unsupported", _("file type not supported")
    FAILED = "failed", _("damaged file")


@dataclass(frozen=True)
class Extraction:
    text: str = ""
    status: str = TextStatus.PENDING
    is_scan: bool = False
    page_count: int | None = None
    error: str = ""


# Notes for the webmaster, stored in Thai (AgencyDocument.text_error, 255 characters).
UNSUPPORTED_NOTE = _(
    "Text cannot be read from %(kind)s files yet, so their content cannot be searched. "
    "Where you can, publish a PDF with text, a DOCX or an XLSX file as well."
)
DAMAGED_NOTE = _(
    "The file is damaged or cannot be opened as %(kind)s. Export it again from the "
    "original program and upload the new file."
)
ENCRYPTED_NOTE = _(
    "The PDF is protected with a password, so its text cannot be read. "
    "Upload a copy without a password."
)
TOO_BIG_NOTE = _("The file unpacks to more than %(limit)s MB, so its text was not read.")
OCR_MISSING_NOTE = _(
    "OCR is not installed on the server (tesseract-ocr with tesseract-ocr-tha, and "
    "poppler-utils), so the scanned pages were not read. Ask the system administrator."
)
OCR_NOTHING_NOTE = _(
    "OCR could not read the scanned pages (the scan may be blurred, skewed or too small)."
)
OCR_LIMIT_NOTE = _(
    "Only the first %(limit)s scanned pages were read with OCR; %(skipped)s were skipped."
)
OCR_TIMEOUT_NOTE = _("Page %(pages)s took over %(seconds)s seconds in OCR and was skipped.")
OCR_PAGE_FAILED_NOTE = _("OCR could not process page %(pages)s.")
PAGE_LIMIT_NOTE = _("Only the first %(limit)s of %(total)s pages were read.")
TIME_LIMIT_NOTE = _("Reading took too long; only the first %(read)s pages were read.")
MISSING_FILE_NOTE = _("The file is missing from the server's file storage. Upload it again.")
TEXT_LIMIT_NOTE = _("The text is longer than %(limit)s characters; only the beginning was kept.")


def note(message, **values):
    """A note in the site's language (Thai), whatever language the worker runs in."""
    with translation.override(settings.LANGUAGE_CODE):
        text = str(message)
        return text % values if values else text


def join_notes(notes, limit=255):
    text = " ".join(n for n in notes if n)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------
# text clean-up
# ---------------------------------------------------------------------------

# NIKHAHIT + SARA AA, as PDFs and Tesseract often write SARA AM, so "ตําบล" finds "ตำบล".
_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")  # PostgreSQL refuses NUL
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")


def clean_text(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _CONTROL.sub("", text)
    text = _SARA_AM.sub("\\1\u0e33", text)
    text = _TRAILING_SPACE.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def visible_length(text):
    """Characters one can see: no spaces, no control or format characters."""
    return sum(1 for ch in text if not ch.isspace() and unicodedata.category(ch)[0] != "C")


class _TextCollector:
    """Pieces of text joined by newlines, cut at ``limit`` characters."""

    def __init__(self, limit=None):
        self.limit = MAX_CHARS if limit is None else limit
        self.parts = []
        self.size = 0
        self.truncated = False

    def add(self, text):
        if self.truncated or not text:
            return
        text = clean_text(text)
        if not text:
            return
        room = self.limit - self.size - (1 if self.parts else 0)
        if len(text) > room:
            text = text[: max(room, 0)]
            self.truncated = True
        if text:
            self.parts.append(text)
            self.size += len(text) + (1 if len(self.parts) > 1 else 0)

    @property
    def full(self):
        return self.truncated

    @property
    def text(self):
        return "\n".join(self.parts)

    def notes(self):
        return [note(TEXT_LIMIT_NOTE, limit=f"{self.limit:,}")] if self.truncated else []


def _status_for(text, found=TextStatus.EXTRACTED):
    return found if visible_length(text) else TextStatus.NO_TEXT


# ---------------------------------------------------------------------------
# entry point
# ---------------------------------------------------------------------------


def kind_label(extension):
    kind = filetypes.KINDS.get(extension)
    if kind:
        return kind.label
    return {"pptx": "PowerPoint (PPTX)"}.get(extension, (extension or "?").upper())


def extract(fileobj, extension):
    """The text of an open binary file whose real type is ``extension`` (pdf, docx, ...)."""
    extension = filetypes.EXTENSION_ALIASES.get(
        (extension or "").lower().lstrip("."), (extension or "").lower().lstrip(".")
    )
    reader = _READERS.get(extension)
    if reader is None:
        # doc, xls, zip, rar and images (jpg, png): no text is read from these yet. Images are
        # not OCR'd in this step; only scanned pages inside PDFs are.
        return Extraction(
            status=TextStatus.UNSUPPORTED, error=note(UNSUPPORTED_NOTE, kind=kind_label(extension))
        )
    try:
        fileobj.seek(0)
        return reader(fileobj)
    except Exception:  # a bad file must never crash the worker; tell the webmaster instead
        logger.info("Could not read the text of a %s file", extension, exc_info=True)
        return Extraction(
            status=TextStatus.FAILED, error=note(DAMAGED_NOTE, kind=kind_label(extension))
        )


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------


def _page_has_image(page):
    """Whether a page draws an image (directly or inside a form XObject): a scan does."""
    try:
        return _resources_have_image(page.get("/Resources"), depth=0)
    except Exception:
        return True  # cannot tell: let OCR look at it


def _resources_have_image(resources, depth):
    if resources is None or depth > 3:
        return False
    xobjects = resources.get_object().get("/XObject")
    if xobjects is None:
        return False
    for ref in xobjects.get_object().values():
        xobject = ref.get_object()
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            return True
        if subtype == "/Form" and _resources_have_image(xobject.get("/Resources"), depth + 1):
            return True
    return False


def _open_pdf(fileobj):
    from pypdf import PasswordType, PdfReader

    reader = PdfReader(fileobj)
    if reader.is_encrypted:
        try:
            # Many PDFs only forbid copying or printing (owner password, empty user password).
            opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
        except Exception:  # e.g. AES without a crypto library, or a broken encryption dict
            opened = False
        if not opened:
            return None
    return reader


def read_pdf(fileobj):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = _open_pdf(fileobj)
        if reader is None:
            return Extraction(status=TextStatus.FAILED, error=note(ENCRYPTED_NOTE))
        page_count = len(reader.pages)
        to_read = min(page_count, MAX_PDF_PAGES)
        notes = []
        if page_count > to_read:
            notes.append(note(PAGE_LIMIT_NOTE, limit=MAX_PDF_PAGES, total=f"{page_count:,}"))
        page_texts = []
        scanned = []  # page indexes without a text layer that carry an image
        deadline = time.monotonic() + PDF_TEXT_BUDGET
        chars = 0
        for index in range(to_read):
            if time.monotonic() > deadline:
                notes.append(note(TIME_LIMIT_NOTE, read=index))
                break
            page = reader.pages[index]
            try:
                text = clean_text(page.extract_text() or "")
            except Exception:
                logger.info("pypdf could not read page %s", index + 1, exc_info=True)
                text = ""
            if visible_length(text) < MIN_PAGE_CHARS and _page_has_image(page):
                scanned.append(index)
            page_texts.append(text)
            chars += len(text)
            if chars > MAX_CHARS:
                break

    ocr_status = None
    if scanned:
        ocr_status = _ocr_into(fileobj, scanned, page_texts, notes)

    collected = _TextCollector()
    for text in page_texts:
        collected.add(text)
    notes += collected.notes()
    text = collected.text
    if not scanned:
        status = _status_for(text)
    else:
        status = ocr_status
    return Extraction(
        text=text,
        status=status,
        is_scan=bool(scanned),
        page_count=page_count,
        error=join_notes(notes),
    )


def ocr_available():
    """Whether pdftoppm, tesseract and its Thai model are installed."""
    tesseract = shutil.which(TESSERACT)
    if not tesseract or not shutil.which(PDFTOPPM):
        return False
    try:
        listed = subprocess.run(
            [tesseract, "--list-langs"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    languages = set((listed.stdout + "\n" + listed.stderr).split())
    return all(lang in languages for lang in OCR_LANGUAGES.split("+"))


def _ocr_into(fileobj, scanned, page_texts, notes):
    """OCR the scanned pages into ``page_texts``; returns the status of the file."""
    if not ocr_available():
        notes.append(note(OCR_MISSING_NOTE))
        return TextStatus.OCR_FAILED
    to_ocr, skipped = scanned[:MAX_OCR_PAGES], len(scanned) - MAX_OCR_PAGES
    if skipped > 0:
        notes.append(note(OCR_LIMIT_NOTE, limit=MAX_OCR_PAGES, skipped=skipped))
    timed_out, failed, read = [], [], 0
    with tempfile.TemporaryDirectory(prefix="prongsai-ocr-") as workdir:
        pdf_path = os.path.join(workdir, "file.pdf")
        fileobj.seek(0)
        with open(pdf_path, "wb") as out:
            shutil.copyfileobj(fileobj, out, 1024 * 1024)
        for index in to_ocr:
            try:
                text = ocr_pdf_page(pdf_path, index + 1, workdir)
            except subprocess.TimeoutExpired:
                timed_out.append(index + 1)
                continue
            except (OSError, subprocess.SubprocessError):
                logger.info("OCR failed on page %s", index + 1, exc_info=True)
                failed.append(index + 1)
                continue
            if visible_length(text):
                read += 1
                page_texts[index] = "\n".join(t for t in (page_texts[index], text) if t)
    if timed_out:
        notes.append(
            note(
                OCR_TIMEOUT_NOTE,
                pages=", ".join(map(str, timed_out)),
                seconds=OCR_PAGE_TIMEOUT,
            )
        )
    if failed:
        notes.append(note(OCR_PAGE_FAILED_NOTE, pages=", ".join(map(str, failed))))
    if not read:
        if to_ocr and not timed_out and not failed:
            notes.append(note(OCR_NOTHING_NOTE))
        return TextStatus.OCR_FAILED
    return TextStatus.OCR


def ocr_pdf_page(pdf_path, page_number, workdir, timeout=None):
    """Render one page at 200 dpi in grey and read it with Tesseract's Thai+English models."""
    timeout = OCR_PAGE_TIMEOUT if timeout is None else timeout
    deadline = time.monotonic() + timeout
    prefix = os.path.join(workdir, f"page-{page_number}")
    subprocess.run(
        [PDFTOPPM, "-r", str(OCR_DPI), "-gray", "-png", "-singlefile",
         "-f", str(page_number), "-l", str(page_number), pdf_path, prefix],
        capture_output=True, timeout=timeout, check=True,
    )  # fmt: skip
    image = prefix + ".png"
    try:
        result = subprocess.run(
            [TESSERACT, image, "stdout", "-l", OCR_LANGUAGES, "--psm", "3"],
            capture_output=True,
            timeout=max(deadline - time.monotonic(), 0.001),
            check=True,
            # One thread: Tesseract 5's OpenMP threads made a page about 2.5 times slower on a
            # 2-core server (1.7 s against 0.65 s), and this leaves the other core to the site.
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    finally:
        if os.path.exists(image):
            os.unlink(image)
    return clean_text(result.stdout.decode("utf-8", errors="replace"))


# ---------------------------------------------------------------------------
# Office files (zip containers)
# ---------------------------------------------------------------------------


def _check_unpacked_size(fileobj):
    fileobj.seek(0)
    with zipfile.ZipFile(fileobj) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    fileobj.seek(0)
    if unpacked > MAX_UNPACKED_BYTES:
        return Extraction(
            status=TextStatus.FAILED,
            error=note(TOO_BIG_NOTE, limit=MAX_UNPACKED_BYTES // (1024 * 1024)),
        )
    return None


def read_docx(fileobj):
    import docx
    from docx.table import Table

    refused = _check_unpacked_size(fileobj)
    if refused:
        return refused
    document = docx.Document(fileobj)
    out = _TextCollector()
    seen_cells = set()

    def cell_text(cell):
        parts = []
        for item in cell.iter_inner_content():
            parts.append(table_text(item) if isinstance(item, Table) else item.text)
        return " ".join(p.strip() for p in parts if p and p.strip())

    def table_text(table):
        lines = []
        try:
            for row in table.rows:
                cells = []
                for cell in row.cells:
                    if cell._tc in seen_cells:  # merged cells come back once per grid cell
                        continue
                    seen_cells.add(cell._tc)  # (kept alive, so lxml hands back the same proxy)
                    cells.append(cell_text(cell))
                if any(cells):
                    lines.append("\t".join(cells))
        except Exception:  # an odd table: keep its words, lose its layout
            lines = [" ".join(t.text or "" for t in table._tbl.iter(_w("t")))]
        return "\n".join(lines)

    def container(block_container):
        for item in block_container.iter_inner_content():
            out.add(table_text(item) if isinstance(item, Table) else item.text)
            if out.full:
                return

    container(document)
    headers_seen = set()
    for section in document.sections:
        for part in (
            section.header, section.first_page_header, section.even_page_header,
            section.footer, section.first_page_footer, section.even_page_footer,
        ):  # fmt: skip
            if part.is_linked_to_previous:  # no header of its own
                continue
            text = "\n".join(
                table_text(i) if isinstance(i, Table) else i.text for i in part.iter_inner_content()
            )
            if text.strip() and text not in headers_seen:
                headers_seen.add(text)
                out.add(text)
    return Extraction(text=out.text, status=_status_for(out.text), error=join_notes(out.notes()))


def _w(tag):
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _cell_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:-9] if text.endswith("T00:00:00") else text
    return " ".join(str(value).split())


def read_xlsx(fileobj):
    """Every sheet: its name, then one line per row with the cell values between tabs."""
    import openpyxl

    refused = _check_unpacked_size(fileobj)
    if refused:
        return refused
    out = _TextCollector()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "extension is not supported" and the like
        workbook = openpyxl.load_workbook(fileobj, read_only=True, data_only=True)
        try:
            cells = 0
            for sheet in workbook.worksheets:
                lines, titled = [], False
                for row in sheet.iter_rows(values_only=True):
                    cells += len(row)
                    values = [_cell_value(v) for v in row]
                    while values and not values[-1]:
                        values.pop()
                    if values:
                        if not titled:
                            lines.append(sheet.title)
                            titled = True
                        lines.append("\t".join(values))
                    if len(lines) >= 1000:
                        out.add("\n".join(lines))
                        lines = []
                    if out.full or cells > MAX_SHEET_CELLS:
                        break
                out.add("\n".join(lines))
                if out.full or cells > MAX_SHEET_CELLS:
                    break
        finally:
            workbook.close()
    return Extraction(text=out.text, status=_status_for(out.text), error=join_notes(out.notes()))


def read_pptx(fileobj):
    try:
        from pptx import Presentation
        from pptx.enum.shapes import MSO_SHAPE_TYPE
    except ImportError:  # python-pptx is optional
        return Extraction(
            status=TextStatus.UNSUPPORTED, error=note(UNSUPPORTED_NOTE, kind=kind_label("pptx"))
        )

    refused = _check_unpacked_size(fileobj)
    if refused:
        return refused
    presentation = Presentation(fileobj)
    out = _TextCollector()

    def shapes(collection):
        for shape in collection:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                yield from shapes(shape.shapes)
            else:
                yield shape

    for slide in presentation.slides:
        for shape in shapes(slide.shapes):
            if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
                out.add(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                out.add(
                    "\n".join(
                        "\t".join(cell.text for cell in row.cells) for row in shape.table.rows
                    )
                )
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            out.add(slide.notes_slide.notes_text_frame.text)
        if out.full:
            break
    return Extraction(
        text=out.text,
        status=_status_for(out.text),
        page_count=len(presentation.slides),
        error=join_notes(out.notes()),
    )


_READERS = {"pdf": read_pdf, "docx": read_docx, "xlsx": read_xlsx, "pptx": read_pptx}
