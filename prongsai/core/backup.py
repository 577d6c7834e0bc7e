"""Backups of one install: the database and every media file in one archive, with a manifest
of record counts and file checksums so a restore can prove it brought back exactly that.

Archive layout (`prongsai-backup-YYYYmmdd-HHMMSS.tar.gz`):

    manifest.json        format, time, database vendor, applied migrations, counts, checksums
    database.sqlite3     SQLite: an online backup (the site keeps serving while it is taken)
    database.pgdump      PostgreSQL: `pg_dump --format=custom`
    media/<path>         every file under MEDIA_ROOT

Restoring goes into an empty database and an empty media folder only, so a mistaken restore
never overwrites a running site.
"""

import datetime
import fcntl
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
PREFIX = "prongsai-backup-"
SUFFIX = ".tar.gz"
SQLITE_MEMBER = "database.sqlite3"
PGDUMP_MEMBER = "database.pgdump"
MEDIA_MEMBER = "media"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Thai."""


@dataclass
class RestoreReport:
    archive: Path
    records: int = 0
    files: int = 0
    mismatched_counts: dict = field(default_factory=dict)
    mismatched_files: list = field(default_factory=list)

    @property
    def identical(self):
        return not self.mismatched_counts and not self.mismatched_files


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _tables():
    """{`app_label.Model`: table} for every concrete table, each table once."""
    tables = {}
    seen = set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        tables[meta.label] = meta.db_table
    return tables


def record_counts():
    """Rows per model in the live database, as `app_label.Model`."""
    counts = {}
    for label, table in _tables().items():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[label] = cursor.fetchone()[0]
    return dict(sorted(counts.items()))


def _counts_in_sqlite_copy(path):
    """Rows per model in the copy itself: the site keeps writing (the traffic log, the worker)
    while the backup runs, so counts from the live database would not match the copy."""
    copy = sqlite3.connect(path)
    try:
        return dict(
            sorted(
                (label, copy.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])
                for label, table in _tables().items()
            )
        )
    finally:
        copy.close()


def media_files(media_root):
    """Every regular file under MEDIA_ROOT as {relative path: {size, sha256}}."""
    root = Path(media_root)
    found = {}
    if not root.is_dir():
        return found
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[path.relative_to(root).as_posix()] = {
                "size": path.stat().st_size,
                "sha256": sha256_of(path),
            }
    return found


def applied_migrations():
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        rows = cursor.fetchall()
    latest = {}
    for app, name in rows:
        latest[app] = max(latest.get(app, ""), name)
    return latest


def _database():
    return settings.DATABASES["default"]


def _is_sqlite():
    return _database()["ENGINE"] == "django.db.backends.sqlite3"


def _pg_environment():
    db = _database()
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[variable] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _run_pg_tool(arguments):
    tool = arguments[0]
    if shutil.which(tool) is None:
        raise BackupError(f"ไม่พบคำสั่ง {tool} ของ PostgreSQL: ติดตั้งแพ็กเกจ postgresql-client ก่อน")
    result = subprocess.run(arguments, env=_pg_environment(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{tool} ทำงานไม่สำเร็จ: {result.stderr.strip()[-500:]}")


def _dump_database(target_dir, snapshot=None):
    """Write the database into target_dir; returns the archive member name."""
    if _is_sqlite():
        destination = Path(target_dir) / SQLITE_MEMBER
        source = sqlite3.connect(_database()["NAME"])
        copy = sqlite3.connect(destination)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
        return SQLITE_MEMBER
    destination = Path(target_dir) / PGDUMP_MEMBER
    _run_pg_tool(
        [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            *([f"--snapshot={snapshot}"] if snapshot else []),
            "--file",
            str(destination),
            _database()["NAME"],
        ]
    )
    return PGDUMP_MEMBER


def _dump_and_count(target_dir):
    """The database copy and the row counts of exactly that copy: SQLite's are read from the
    copy; PostgreSQL's dump and counts share one exported snapshot."""
    if _is_sqlite():
        member = _dump_database(target_dir)
        return member, _counts_in_sqlite_copy(Path(target_dir) / member)
    if connection.in_atomic_block:  # called inside a transaction: no snapshot of our own
        return _dump_database(target_dir), record_counts()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        counts = record_counts()
        return _dump_database(target_dir, snapshot), counts


def archive_name(moment=None):
    moment = timezone.localtime(moment or timezone.now())
    return f"{PREFIX}{moment:%Y%m%d-%H%M%S}{SUFFIX}"


def create_backup(destination_dir, moment=None):
    """Write one archive into destination_dir and return its path. The archive appears only
    when complete (written under a temporary name, then renamed)."""
    destination_dir = Path(destination_dir)
    destination_dir.mkdir(parents=True, exist_ok=True)
    final_path = destination_dir / archive_name(moment)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=destination_dir, prefix=".backup-") as scratch:
        member, counts = _dump_and_count(scratch)
        database_file = Path(scratch) / member
        files = media_files(media_root)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": {
                "vendor": connection.vendor,
                "member": member,
                "sha256": sha256_of(database_file),
                "size": database_file.stat().st_size,
            },
            "migrations": applied_migrations(),
            "counts": counts,
            "files": files,
        }
        partial = Path(scratch) / "archive.partial"
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            archive.add(database_file, arcname=member, recursive=False)
            for relative in files:
                archive.add(media_root / relative, arcname=f"{MEDIA_MEMBER}/{relative}")
        os.replace(partial, final_path)
    return final_path


def _add_bytes(archive, name, text):
    data = text.encode("utf-8")
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(data))


def read_manifest(archive_path):
    try:
        with tarfile.open(archive_path, "r:*") as archive:
            member = archive.extractfile(MANIFEST)
            manifest = json.loads(member.read().decode("utf-8"))
    except (OSError, tarfile.TarError, KeyError, AttributeError, ValueError) as error:
        raise BackupError(f"อ่านไฟล์สำรองข้อมูลไม่ได้ ({archive_path}): {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError("ไฟล์สำรองข้อมูลนี้สร้างด้วยรูปแบบที่ระบบรุ่นนี้ไม่รู้จัก")
    return manifest


def _target_is_empty(media_root):
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            "ฐานข้อมูลปลายทางมีข้อมูลอยู่แล้ว: กู้คืนได้เฉพาะฐานข้อมูลว่าง "
            "(ใช้ --data-dir ชี้ไปที่โฟลเดอร์ใหม่ หรือสร้างฐานข้อมูลใหม่)"
        )
    root = Path(media_root)
    if root.exists() and any(path.is_file() for path in root.rglob("*")):
        raise BackupError(f"โฟลเดอร์ไฟล์ปลายทาง {root} มีไฟล์อยู่แล้ว: กู้คืนได้เฉพาะโฟลเดอร์ว่าง")


def _safe_members(archive, manifest):
    """Only the members the manifest names, as plain files under known names."""
    expected_media = {f"{MEDIA_MEMBER}/{name}" for name in manifest["files"]}
    database_member = manifest["database"]["member"]
    for member in archive:
        if member.name in (MANIFEST,):
            continue
        if not member.isfile():
            raise BackupError(f"ไฟล์สำรองข้อมูลมีรายการที่ไม่ใช่ไฟล์: {member.name}")
        if member.name != database_member and member.name not in expected_media:
            raise BackupError(f"ไฟล์สำรองข้อมูลมีไฟล์ที่ไม่อยู่ในบัญชีรายการ: {member.name}")
        yield member


def _extract_member(archive, member, destination):
    destination.parent.mkdir(parents=True, exist_ok=True)
    source = archive.extractfile(member)
    digest = hashlib.sha256()
    with open(destination, "wb") as handle:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            handle.write(chunk)
    return digest.hexdigest()


def _restore_sqlite(database_copy):
    target = Path(_database()["NAME"])
    connections.close_all()
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(database_copy, f"{target}.restoring")
    os.replace(f"{target}.restoring", target)


def _restore_postgres(dump_path):
    connections.close_all()
    _run_pg_tool(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--dbname",
            _database()["NAME"],
            str(dump_path),
        ]
    )


def restore_backup(archive_path, media_root=None):
    """Restore an archive into the configured (empty) database and media folder, then compare
    every record count and file checksum with the manifest."""
    archive_path = Path(archive_path)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    manifest = read_manifest(archive_path)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"ไฟล์สำรองนี้มาจากฐานข้อมูล {vendor} แต่ปลายทางเป็น {connection.vendor}")
    _target_is_empty(media_root)
    report = RestoreReport(archive=archive_path)
    with tempfile.TemporaryDirectory(prefix="prongsai-restore-") as scratch:
        database_copy = Path(scratch) / manifest["database"]["member"]
        with tarfile.open(archive_path, "r:*") as archive:
            for member in _safe_members(archive, manifest):
                if member.name == manifest["database"]["member"]:
                    digest = _extract_member(archive, member, database_copy)
                    if digest != manifest["database"]["sha256"]:
                        raise BackupError("ไฟล์ฐานข้อมูลในไฟล์สำรองเสียหาย (checksum ไม่ตรง)")
                    continue
                relative = member.name[len(MEDIA_MEMBER) + 1 :]
                digest = _extract_member(archive, member, media_root / relative)
                if digest != manifest["files"][relative]["sha256"]:
                    report.mismatched_files.append(relative)
        if not database_copy.exists():
            raise BackupError("ไฟล์สำรองข้อมูลไม่มีฐานข้อมูล")
        if vendor == "sqlite":
            _restore_sqlite(database_copy)
        else:
            _restore_postgres(database_copy)
    return compare_with_manifest(manifest, media_root, report)


def compare_with_manifest(manifest, media_root, report):
    counts = record_counts()
    for label, expected in manifest["counts"].items():
        if counts.get(label) != expected:
            report.mismatched_counts[label] = (expected, counts.get(label))
    report.records = sum(counts.values())
    restored = media_files(media_root)
    for relative, facts in manifest["files"].items():
        if restored.get(relative) != facts and relative not in report.mismatched_files:
            report.mismatched_files.append(relative)
    report.files = len(restored)
    return report


def backups_in(directory):
    """Complete archives in a folder, oldest first."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    return sorted(directory.glob(f"{PREFIX}*{SUFFIX}"))


def prune_backups(directory, keep):
    """Delete all but the `keep` newest archives; returns the deleted paths."""
    archives = backups_in(directory)
    doomed = archives[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def backup_is_due(directory, every_hours, now=None):
    archives = backups_in(directory)
    if not archives:
        return True
    now = now or timezone.now()
    newest = datetime.datetime.fromtimestamp(archives[-1].stat().st_mtime, tz=datetime.UTC)
    return now - newest >= datetime.timedelta(hours=every_hours) - datetime.timedelta(minutes=5)


def scheduled_backup(directory, every_hours, keep, now=None):
    """Take a backup when the newest one is older than `every_hours`, then keep only `keep`.
    A lock file makes several workers on one data folder take it once."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None
        if not backup_is_due(directory, every_hours, now):
            return None
        path = create_backup(directory, now)
        prune_backups(directory, keep)
        return path
