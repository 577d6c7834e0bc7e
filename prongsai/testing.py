"""pytest plugin loaded before Django is configured (`-p prongsai.testing` in pyproject):
tests run in test mode (tasks run inline) whatever the calling shell has set, and each parallel
test process (pytest-xdist worker) gets its own data folder, so one worker's uploads, backups and
heartbeat files never meet another's."""

import os
from pathlib import Path

os.environ.setdefault("PRONGSAI_MODE", "test")


def _give_each_worker_its_own_data_dir():
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return
    for name in ("PRONGSAI_DATA_DIR", "MEDIA_ROOT"):
        base = os.environ.get(name) or ("var" if name == "PRONGSAI_DATA_DIR" else "")
        if base:
            os.environ[name] = str(Path(base).resolve() / worker)


_give_each_worker_its_own_data_dir()
