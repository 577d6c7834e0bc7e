"""A backup restored into an empty data folder brings back every record and every file."""

import os
import subprocess
import sys
import tarfile

import pytest

PRONGSAI = [sys.executable, "-m", "prongsai"]


def _run(data_dir, *arguments, check=True):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MEDIA_ROOT")}
    env.update(PRONGSAI_MODE="dev", PRONGSAI_DATA_DIR=str(data_dir))
    return subprocess.run(
        [*PRONGSAI, *arguments], env=env, capture_output=True, text=True, check=check
    )


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("original")
    _run(data_dir, "migrate", "--noinput")
    _run(
        data_dir,
        "shell",
        "-c",
        "from django.contrib.auth.models import User;"
        "User.objects.create_user('สมชาย', password='x-pass-12345');"
        "from django.core.files.storage import default_storage;"
        "from django.core.files.base import ContentFile;"
        "default_storage.save('documents/ประกาศ.pdf', ContentFile(b'%PDF-1.4 bytes'))",
    )
    backups = data_dir / "backups"
    result = _run(data_dir, "backup", "--output", str(backups))
    archives = sorted(backups.glob("prongsai-backup-*.tar.gz"))
    return data_dir, archives, result


def test_backup_writes_one_archive_with_database_media_and_manifest(original):
    _, archives, result = original
    assert len(archives) == 1 and "สำรองข้อมูลแล้ว" in result.stdout
    with tarfile.open(archives[0]) as archive:
        names = archive.getnames()
    assert {"manifest.json", "database.sqlite3", "media/documents/ประกาศ.pdf"} <= set(names)


def test_restore_into_an_empty_folder_gives_identical_records_and_files(original, tmp_path):
    _, archives, _ = original
    target = tmp_path / "restored"
    result = _run(target, "restore", str(archives[0]))
    assert "ตรวจแล้ว" in result.stdout, result.stderr
    assert (target / "media" / "documents" / "ประกาศ.pdf").read_bytes() == b"%PDF-1.4 bytes"
    check = _run(
        target,
        "shell",
        "-c",
        "from django.contrib.auth.models import User;"
        "print(User.objects.get(username='สมชาย').check_password('x-pass-12345'))",
    )
    assert check.stdout.strip().splitlines()[-1] == "True"


def test_restore_refuses_a_folder_that_already_has_a_site(original):
    data_dir, archives, _ = original
    before = (data_dir / "db.sqlite3").read_bytes()
    result = _run(data_dir, "restore", str(archives[0]), check=False)
    assert result.returncode != 0
    assert "กู้คืนได้เฉพาะฐานข้อมูลว่าง" in result.stderr
    assert (data_dir / "db.sqlite3").read_bytes() == before


def test_a_tampered_archive_is_refused(original, tmp_path):
    _, archives, _ = original
    tampered = tmp_path / "prongsai-backup-tampered.tar.gz"
    with tarfile.open(archives[0]) as source, tarfile.open(tampered, "w:gz") as copy:
        for member in source:
            data = source.extractfile(member).read()
            if member.name == "database.sqlite3":
                data = data[:-1] + bytes([data[-1] ^ 1])
            import io

            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    target = tmp_path / "target"
    result = _run(target, "restore", str(tampered), check=False)
    assert result.returncode != 0 and "checksum" in result.stderr
    assert not (target / "db.sqlite3").exists() or _tables(target) == []


def _tables(data_dir):
    import sqlite3

    with sqlite3.connect(data_dir / "db.sqlite3") as db:
        return db.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
