"""Loading the front server's access log (PRONGSAI_TRAFFIC_LOG=front) into the traffic table.

The nginx `log_format prongsai` in docs/traffic-log.md writes one request per line, fields
separated by tabs (nginx escapes a tab inside a value as \\x09, so a tab always separates):

    time_iso8601  remote_addr  method  host  request_uri  status  body_bytes_sent
    request_time  user_id  user_agent

`user_id` is the X-Prongsai-User header the application adds to its answers in front mode
(nginx logs it and hides it from the visitor); pages nginx serves from its cache carry none.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from prongsai.core.params import parse_int
from prongsai.traffic.models import AGENT_LENGTH, PATH_LENGTH, TrafficEntry, TrafficImport

FIELDS = 10
BATCH = 1000
USER_HEADER = "X-Prongsai-User"


class AlreadyImported(Exception):
    pass


@dataclass
class ImportResult:
    imported: int = 0
    skipped: int = 0


def _checksum(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _moment(text):
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else None


def _milliseconds(text):
    try:
        seconds = float(text)
    except ValueError:
        return 0
    return max(0, min(int(seconds * 1000), 2**31 - 1))


def parse_line(line):
    """A TrafficEntry (not saved) for one log line, or None when the line is not ours."""
    parts = line.rstrip("\r\n").split("\t")
    if len(parts) != FIELDS:
        return None
    when, address, method, host, uri, status, sent, took, user_id, agent = parts
    moment = _moment(when)
    status_code = parse_int(status, minimum=100, maximum=599)
    if moment is None or status_code is None or not method.isalpha() or not uri.startswith("/"):
        return None
    entry = TrafficEntry(
        time=moment,
        client_address=address[:45],
        method=method[:10],
        host=host[:255],
        path=uri[:PATH_LENGTH],
        status=status_code,
        bytes_sent=parse_int(sent, default=0),
        duration_ms=_milliseconds(took),
        user_agent="" if agent == "-" else agent[:AGENT_LENGTH],
        source="front",
    )
    entry.user_id = parse_int(user_id)
    return entry


def _attach_usernames(entries):
    ids = {entry.user_id for entry in entries if entry.user_id}
    names = dict(
        get_user_model().objects.filter(pk__in=ids).values_list("pk", "username") if ids else []
    )
    for entry in entries:
        if entry.user_id in names:
            entry.username = names[entry.user_id]
        else:
            entry.user_id = None


def import_file(path):
    """Load one access-log file once; refuses a file whose content was imported before."""
    path = Path(path)
    digest = _checksum(path)
    if TrafficImport.objects.filter(sha256=digest).exists():
        raise AlreadyImported(path.name)
    result = ImportResult()
    batch = []
    with transaction.atomic():
        with open(path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                entry = parse_line(line)
                if entry is None:
                    result.skipped += line.strip() != ""
                    continue
                batch.append(entry)
                if len(batch) >= BATCH:
                    result.imported += _save(batch)
                    batch = []
        result.imported += _save(batch)
        TrafficImport.objects.create(
            file_name=str(path)[:500],
            sha256=digest,
            imported=result.imported,
            skipped=result.skipped,
        )
    return result


def _save(batch):
    if not batch:
        return 0
    _attach_usernames(batch)
    TrafficEntry.objects.bulk_create(batch)
    return len(batch)
