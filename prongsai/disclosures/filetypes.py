"""What a file really is, judged from its bytes (never from its name).

seed 004 §2.10 allows pdf, doc, docx, xls, xlsx, jpg, png, zip and rar.
"""

import zipfile
from dataclasses import dataclass

import filetype


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
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
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
