"""File storage that keeps Thai file names.

Django's default `get_valid_filename` drops every character that is not a letter or digit by
Python's definition, and Thai vowel and tone marks are not (ข้อบัญญัติ → ขอบญญต). Citizens
download what staff uploaded, so the name must survive: Thai characters are kept, anything
that could escape the folder or confuse a browser is still removed.
"""

import os
import re

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage
from django.utils.crypto import get_random_string

UNSAFE = re.compile(r"[^-\w.\u0e00-\u0e7f]")


def thai_safe_filename(name):
    cleaned = UNSAFE.sub("", str(name).strip().replace(" ", "_"))
    if cleaned in {"", ".", ".."}:
        raise SuspiciousFileOperation(f"Could not derive file name from '{name}'")
    return cleaned


class ThaiFileSystemStorage(FileSystemStorage):
    def get_valid_name(self, name):
        return thai_safe_filename(name)

    def get_available_name(self, name, max_length=None):
        """Keep the uploaded file's own name: when it is taken, the file goes into a fresh
        sub-folder instead of getting random characters appended to the name people download."""
        if not self.exists(name):
            return name
        folder, base = os.path.split(name)
        while True:
            candidate = os.path.join(folder, get_random_string(8).lower(), base)
            if not self.exists(candidate):
                return candidate
