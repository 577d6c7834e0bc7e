"""Files an interrupted upload left behind.

A server killed while it was storing an upload leaves the file in media/ with no record that
owns it: nobody can see it, delete it, or count it against the quota, yet it uses disk. The
worker (core/jobs.py) looks every 6 hours through the folders of uploaded documents and original
images and deletes the files that no record of any model points at and that are older than 6
hours; a younger file may be an upload still in progress, whose record is not saved yet.
"""

import logging
import os
import time
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models

logger = logging.getLogger("prongsai.orphans")

UPLOAD_FOLDERS = ("documents", "original_images")
MIN_AGE_SECONDS = 6 * 3600


@dataclass
class Sweep:
    removed: list = field(default_factory=list)
    bytes: int = 0


def owned_names(folders=UPLOAD_FOLDERS):
    """Storage names under `folders` that a file field of any model holds."""
    names = set()
    for model in apps.get_models():
        if model._meta.proxy:
            continue  # its table is its concrete model's
        for model_field in model._meta.concrete_fields:
            if not isinstance(model_field, models.FileField):
                continue
            prefixes = models.Q()
            for folder in folders:
                prefixes |= models.Q(**{f"{model_field.attname}__startswith": f"{folder}/"})
            names.update(
                # the base manager: a default manager may hide rows that still own files
                model._base_manager.filter(prefixes).values_list(model_field.attname, flat=True)
            )
    return names


def _files_under(root, folder):
    base = os.path.join(root, folder)
    for directory, _subfolders, filenames in os.walk(base):
        for filename in filenames:
            path = os.path.join(directory, filename)
            yield path, os.path.relpath(path, root).replace(os.sep, "/")


def remove_orphan_files(now=None, min_age_seconds=MIN_AGE_SECONDS, storage=default_storage):
    """Delete files under the upload folders that no record owns and that were last written
    more than `min_age_seconds` ago; returns what was removed and how many bytes it freed."""
    sweep = Sweep()
    try:
        root = storage.path("")
    except NotImplementedError:
        return sweep  # object storage: an interrupted upload leaves nothing half-written there
    now = time.time() if now is None else now
    owned = owned_names()
    for folder in UPLOAD_FOLDERS:
        for path, name in _files_under(root, folder):
            if name in owned:
                continue
            try:
                stat = os.stat(path)
                if now - stat.st_mtime < min_age_seconds:
                    continue  # may be an upload in progress
                os.remove(path)
            except FileNotFoundError:
                continue
            _remove_if_empty_subfolder(os.path.dirname(path), os.path.join(root, folder))
            sweep.removed.append(name)
            sweep.bytes += stat.st_size
            logger.info("Removed %s (%s bytes): no record owns it", name, stat.st_size)
    if sweep.removed:
        logger.warning(
            "Removed %s files no record owned (%s bytes)", len(sweep.removed), sweep.bytes
        )
    return sweep


def _remove_if_empty_subfolder(directory, base):
    """The random sub-folder that kept a taken file name apart (core.storage), once emptied;
    no other upload ever writes into it."""
    if os.path.normpath(directory) == os.path.normpath(base):
        return
    try:
        os.rmdir(directory)
    except OSError:
        pass  # not empty
