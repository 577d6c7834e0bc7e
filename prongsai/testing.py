"""pytest plugin loaded before Django is configured (`-p prongsai.testing` in pyproject):
tests run in test mode (tasks run inline) whatever the calling shell has set."""

import os

os.environ.setdefault("PRONGSAI_MODE", "test")
