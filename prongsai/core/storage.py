"""File storage that keeps Thai file names.

Django's default `get_valid_filename` drops every character that is not a letter or digit by
Python's definition, and Thai vowel and tone marks are not (ข้อบัญญัติ → ขอบญญต). Citizens
download what staff uploaded, so the name must survive: Thai characters are kept, anything
that could escape the folder or confuse a browser is still removed.

The name people read (the stored file name and the title made from it) is normalised first by
`readable_name`: no control or text-direction characters (a NUL is refused by PostgreSQL, a
U+202E makes "fdp.exe" read as "exe.pdf"), one space between words, bounded in length.

A long name is shortened, never refused: the end of its stem is cut so that the stored path fits
the database column (the FileField's max_length, in characters) and the file name fits the file
system (255 bytes; a Thai character takes 3), the extension kept.
"""

import os
import re

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage
from django.utils.crypto import get_random_string

from prongsai.core.typed import HIDDEN_CHARACTERS

UNSAFE = re.compile(r"[^-\w.\u0e00-\u0e7f]")
MAX_NAME_BYTES = 255  # NAME_MAX of Linux file systems, for one file name
SUBFOLDER_LENGTH = 8


def readable_name(text, max_length=None):
    """`text` (a file name, or a title made from one) without hidden characters (controls,
    text-direction marks and overrides), with one space between words, cut to `max_length`
    characters."""
    text = " ".join(HIDDEN_CHARACTERS.sub("", str(text)).split())
    return text[:max_length].rstrip() if max_length else text


def title_from_filename(name, max_length):
    """The title a file gets from its name: readable, without the extension, cut to fit."""
    readable = readable_name(name)
    stem, extension = os.path.splitext(readable)
    return readable_name(stem if stem else readable, max_length)


def thai_safe_filename(name):
    cleaned = UNSAFE.sub("", readable_name(name).replace(" ", "_"))
    if cleaned in {"", ".", ".."}:
        raise SuspiciousFileOperation(f"Could not derive file name from '{name}'")
    return cleaned


def fit_name(name, max_length=None):
    """`name` (a storage path) with the end of its file name's stem cut until the whole path
    has at most `max_length` characters and the file name at most 255 bytes."""
    folder, base = os.path.split(name)
    stem, extension = os.path.splitext(base)
    room = None if max_length is None else max_length - (len(folder) + 1 if folder else 0)

    def fits(candidate):
        return (room is None or len(candidate) <= room) and len(
            candidate.encode("utf-8")
        ) <= MAX_NAME_BYTES

    if fits(base):
        return name
    while stem and not fits(stem + extension):
        stem = stem[:-1]
    stem = stem.rstrip("._-")
    if not stem:
        raise SuspiciousFileOperation(f"No room left for the file name of '{name}'")
    return os.path.join(folder, stem + extension)


class ThaiFileSystemStorage(FileSystemStorage):
    def get_valid_name(self, name):
        return thai_safe_filename(name)

    def get_available_name(self, name, max_length=None):
        """Keep the uploaded file's own name: when it is taken, the file goes into a fresh
        sub-folder instead of getting random characters appended to the name people download."""
        name = fit_name(name, max_length)
        if not self.exists(name):
            return name
        folder, base = os.path.split(name)
        while True:
            subfolder = os.path.join(folder, get_random_string(SUBFOLDER_LENGTH).lower())
            candidate = fit_name(os.path.join(subfolder, base), max_length)
            if not self.exists(candidate):
                return candidate
