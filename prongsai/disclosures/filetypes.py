"""What a file really is, judged from its bytes (never from its name), and whether its inside
holds together (``structure_problem``: a PDF that opens, a zip that is not an archive bomb).

seed 004 §2.10 allows pdf, doc, docx, xls, xlsx, jpg, png, zip and rar.
"""

import zipfile
from dataclasses import dataclass

import filetype
from django.utils.translation import gettext as _

from prongsai.core.sizes import human_size


@dataclass(frozen=True)
class FileKind:
    extension: str
    label: str
    mime: str


KINDS = {
    kind.extension: kind
    for kind in [
        FileKind("pdf", "PDF", "application/pdf"),
        FileKind("doc", "Word (DOC)", "application/msword"),
        FileKind(
            "docx",
            "Word (DOCX)",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        FileKind("xls", "Excel (XLS)", "application/vnd.ms-excel"),
        FileKind(
            "xlsx",
            "Excel (XLSX)",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        FileKind("jpg", "JPEG", "image/jpeg"),
        FileKind("png", "PNG", "image/png"),
        FileKind("zip", "ZIP", "application/zip"),
        FileKind("rar", "RAR", "application/vnd.rar"),
    ]
}
EXTENSION_ALIASES = {"jpeg": "jpg"}
SNIFF_BYTES = 64 * 1024


def normalise_extension(name):
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return EXTENSION_ALIASES.get(ext, ext)


def _office_zip_kind(fileobj):
    """docx/xlsx are zip files; tell them apart by their parts, not by the name."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        # it starts like a zip but does not open: structure_problem says it is damaged
        return KINDS["zip"]
    if "word/document.xml" in names:
        return KINDS["docx"]
    if "xl/workbook.xml" in names:
        return KINDS["xlsx"]
    return KINDS["zip"]


def sniff(fileobj):
    """The FileKind of an open file (position restored), or None if it is not an allowed kind."""
    start = fileobj.tell()
    try:
        head = fileobj.read(SNIFF_BYTES)
        guess = filetype.guess(head)
        if guess is None:
            return None
        extension = EXTENSION_ALIASES.get(guess.extension, guess.extension)
        if extension in ("zip", "docx", "xlsx"):
            fileobj.seek(start)
            return _office_zip_kind(fileobj)
        return KINDS.get(extension)
    finally:
        fileobj.seek(start)


# ---------- is the inside sound? ----------

ZIP_FAMILY = {"zip", "docx", "xlsx", "pptx"}
OOXML = {"docx", "xlsx", "pptx"}
ZIP_MAX_TOTAL = 500 * 1024 * 1024  # bytes once unpacked
ZIP_MAX_MEMBERS = 5_000
ZIP_MAX_RATIO = 100
# a member that unpacks to less than this harms nobody, whatever its ratio (a tiny XML part of
# an Office file can shrink more than 100 times)
ZIP_RATIO_FLOOR = 64 * 1024


def structure_problem(upload, kind):
    """A Thai message saying why the inside of `upload` (an open file, position restored) cannot
    be accepted as `kind` (a FileKind or an extension), or None when it is sound."""
    extension = getattr(kind, "extension", kind)
    start = upload.tell()
    try:
        if extension == "pdf":
            return _pdf_problem(upload)
        if extension in ZIP_FAMILY:
            return _zip_problem(upload, extension)
        return None
    finally:
        upload.seek(start)


def _pdf_problem(upload):
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    upload.seek(0)
    try:
        pages = len(PdfReader(upload, strict=False).pages)
    except FileNotDecryptedError:
        return _(
            "This PDF is locked with a password, so people could not open it. Save it again "
            "without a password and upload it again."
        )
    except Exception:  # noqa: BLE001 — pypdf raises many kinds of error on a broken file
        return _(
            "This file cannot be opened as a PDF: it is damaged or it is another kind of file "
            "named .pdf. Export it again as PDF from the original and upload it again."
        )
    if pages < 1:
        return _(
            "This PDF has no pages. Export it again as PDF from the original and upload it again."
        )
    return None


def _zip_problem(upload, extension):
    label = KINDS[extension].label if extension in KINDS else extension.upper()
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return _(
            "This %(kind)s file is damaged or incomplete and cannot be opened. Save it (or "
            "compress it) again and upload it again."
        ) % {"kind": label}
    if len(members) > ZIP_MAX_MEMBERS:
        return _(
            "This %(kind)s file holds %(count)s files; at most %(limit)s are accepted. Split "
            "it into several smaller files."
        ) % {"kind": label, "count": f"{len(members):,}", "limit": f"{ZIP_MAX_MEMBERS:,}"}
    total = sum(member.file_size for member in members)
    if total > ZIP_MAX_TOTAL:
        return _(
            "This %(kind)s file unpacks to %(size)s; at most %(limit)s is accepted. Split it "
            "into several smaller files."
        ) % {"kind": label, "size": human_size(total), "limit": human_size(ZIP_MAX_TOTAL)}
    if _expands_too_much(members, total, upload):
        return _(
            "This %(kind)s file unpacks to far more than its own size (more than %(ratio)s "
            "times), as an archive bomb does. Compress the original files again, or upload "
            "them one by one."
        ) % {"kind": label, "ratio": ZIP_MAX_RATIO}
    if extension in OOXML and "[Content_Types].xml" not in {m.filename for m in members}:
        return _(
            "This file is named .%(extension)s but is not a complete %(kind)s file (the part "
            "every Office file has is missing). Open it in its program, save it again and "
            "upload it again."
        ) % {"extension": extension, "kind": label}
    return None


def _expands_too_much(members, total, upload):
    packed = getattr(upload, "size", None) or sum(m.compress_size for m in members) or 1
    if total > ZIP_RATIO_FLOOR and total / packed > ZIP_MAX_RATIO:
        return True
    return any(
        member.file_size > ZIP_RATIO_FLOOR
        and member.file_size / max(member.compress_size, 1) > ZIP_MAX_RATIO
        for member in members
    )


def human_size_beside(num_bytes, other):
    """The size as people read it, in bytes when it would look the same as `other` (a file of
    1.0 MB refused by a limit of 1.0 MB)."""
    text = human_size(num_bytes)
    if num_bytes != other and text == human_size(other):
        return f"{num_bytes:,} ไบต์"
    return text
