"""Characters a person cannot see have no place in what they type into a form.

Control characters (a NUL ends PostgreSQL's strings: HTTP 500) and the bidirectional overrides
(U+202E turns "exe.fdp" into what reads as "pdf.exe") are refused with a Thai message; emoji and
every Thai character are ordinary text."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def refuse_hidden_characters(value):
    """A form field validator."""
    if isinstance(value, str) and HIDDEN_CHARACTERS.search(value):
        raise ValidationError(
            _("Remove the hidden control or text-direction characters from this text."),
            code="hidden_characters",
        )
