"""Bad-input bench: throws junk at every public and admin parameter, form and upload path of a
demo server and counts what the server did with it.

    .venv/bin/python bench/bad_input.py                      # starts its own demo server
    .venv/bin/python bench/bad_input.py --url http://127.0.0.1:8000 --seconds 300

Per target and in total it prints: tried, wrongly accepted (bad input stored, a file kept, a
session ended by a link), wrongly refused (a good control input refused) and server errors (5xx).
The exit code is 1 when anything was wrongly accepted or answered with a server error.
127.0.0.1 only; every request has a timeout and the whole run a time budget.
"""

import argparse
import http.client
import io
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "prongsai-demo"
REQUEST_TIMEOUT = 60

# query-string values, already percent-encoded as they go on the wire
JUNK_VALUES = [
    "%C2%B2",  # "²": str.isdigit() says yes, int() says no
    "%D9%A1%D9%A2",  # Arabic-Indic digits
    "%E0%B9%92%E0%B9%95%E0%B9%96%E0%B9%99",  # Thai digits ๒๕๖๙
    "-1",
    "0",
    "1e9",
    "1.5",
    "0x10",
    "NaN",
    "99999999999999999999999999",
    "%20%201%20",
    "%00",
    "%01%02%1F%7F",
    "%ED%A0%80",  # a lone surrogate
    "%FF%FE",  # not UTF-8
    "%C0%AF",  # overlong UTF-8
    "%E2%80%AE%E2%80%AD",  # bidi overrides
    "%F0%9F%98%80",  # emoji
    "%27%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "1%3BDROP%20TABLE%20x",
    "%0D%0ASet-Cookie%3A%20x%3D1",
    "%5B%5D",
    "x" * 5000,
    "%E0%B8%81" * 1500,  # 1,500 Thai characters
    "a&a=b&a=%FF",  # the same parameter several times
]

PUBLIC_PATHS = [
    "/",
    "/search/",
    "/news/",
    "/news/procurement/",
    "/news/feed/",
    "/knowledge/",
    "/ita/",
    "/information-centre/",
    "/laws/",
    "/reports/",
    "/plans/budget/",
    "/manuals/",
]
PUBLIC_PARAMS = ["q", "page", "year", "category", "tag", "kind", "type", "section", "department"]

ADMIN_PATHS = [
    "/admin/",
    "/admin/requests/",
    "/admin/storage/",
    "/admin/currency/",
    "/admin/currency/rules/",
    "/admin/currency/campaigns/",
    "/admin/trash/",
    "/admin/ita/",
    "/admin/ita/dashboard/",
    "/admin/ita/self-audit/",
    "/admin/ita/catalogs/",
    "/admin/choose-page/",
    "/admin/choose-page/search/",
    "/admin/pages/search/",
    "/admin/documents/",
    "/admin/images/",
    "/admin/notifications/",
]
ADMIN_PARAMS = ["site", "year", "status", "page", "p", "section", "kind", "tab", "q", "ordering"]

ID_PATHS = [
    "/admin/requests/{}/",
    "/admin/requests/{}/pdf/",
    "/admin/requests/report/{}.csv",
    "/admin/ita/checklists/{}/",
    "/admin/ita/entries/{}/",
    "/admin/ita/catalogs/{}/",
    "/admin/currency/campaigns/{}/",
    "/admin/trash/{}/restore/",
    "/admin/pages/{}/",
    "/admin/pages/{}/edit/",
    "/admin/documents/edit/{}/",
    "/admin/notifications/{}/open/",
]
JUNK_IDS = [
    "0",
    "99999999999",
    "99999999999999999999",
    "9" * 40,
    "2147483648",
    "9223372036854775808",
]


# ---------------------------------------------------------------- a small HTTP client


class Client:
    """Cookies, no redirects followed, raw paths sent exactly as given."""

    def __init__(self, base, deadline):
        parsed = urllib.parse.urlsplit(base)
        if parsed.hostname not in ("127.0.0.1", "localhost"):
            raise SystemExit("the bench talks to 127.0.0.1 only")
        self.host, self.port = parsed.hostname, parsed.port or 80
        self.cookies = {}
        self.deadline = deadline

    def request(self, method, path, body=None, content_type=None, referer=None):
        headers = {"Host": f"{self.host}:{self.port}", "Accept-Language": "th"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = content_type or "application/x-www-form-urlencoded"
        headers["Referer"] = referer or f"http://{self.host}:{self.port}{path.split('?')[0]}"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            for name, value in headers.items():
                connection.putheader(name, value)
            if body is not None:
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            return 599, f"no answer: {exc}".encode(), {}
        finally:
            connection.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie_value = rest.split(";")[0]
                if "max-age=0" in value.lower() or "expires=thu, 01 jan 1970" in value.lower():
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = cookie_value
        return response.status, data, {k.lower(): v for k, v in response.getheaders()}

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields, files=None):
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        if files is None:
            body = urllib.parse.urlencode(
                [(k, v) for k, vs in fields.items() for v in _listed(vs)]
            ).encode()
            return self.request("POST", path, body)
        boundary = uuid.uuid4().hex
        body = _multipart(boundary, fields, files)
        return self.request("POST", path, body, f"multipart/form-data; boundary={boundary}")

    def sign_in(self, username):
        status, html, _ = self.get("/admin/login/")
        status, html, headers = self.post(
            "/admin/login/", {"username": username, "password": PASSWORD, "next": "/admin/"}
        )
        if status != 302:
            raise SystemExit(f"could not sign in as {username} (HTTP {status})")


def _listed(value):
    return value if isinstance(value, list) else [value]


def _multipart(boundary, fields, files):
    out = io.BytesIO()
    for name, values in fields.items():
        for value in _listed(values):
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            )
            out.write(value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value)
            out.write(b"\r\n")
    for name, (filename, data) in files.items():
        quoted = filename.replace('"', "%22")
        out.write(
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{name}"; filename="{quoted}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode("utf-8", "surrogatepass")
        )
        out.write(data)
        out.write(b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue()


def field_values(html, form_marker=None):
    """name -> value of the inputs and selected options of a page (first form after marker)."""
    text = html.decode("utf-8", "replace")
    if form_marker and form_marker in text:
        text = text[text.index(form_marker) :]
    values = {}
    for tag in re.findall(r"<input\b[^>]*>", text):
        name = re.search(r'\bname="([^"]*)"', tag)
        value = re.search(r'\bvalue="([^"]*)"', tag)
        if name:
            values.setdefault(unescape(name.group(1)), unescape(value.group(1)) if value else "")
    for name, body in re.findall(r'<select\b[^>]*\bname="([^"]*)"[^>]*>(.*?)</select>', text, re.S):
        options = re.findall(r'<option\b[^>]*\bvalue="([^"]*)"', body)
        chosen = re.search(r'<option\b[^>]*\bvalue="([^"]*)"[^>]*\bselected', body)
        if options:
            values[name] = (chosen.group(1) if chosen else "") or next(
                (o for o in options if o), ""
            )
    return values


# ---------------------------------------------------------------- tallies


@dataclass
class Tally:
    name: str
    tried: int = 0
    wrongly_accepted: int = 0
    wrongly_refused: int = 0
    server_errors: int = 0
    examples: list = field(default_factory=list)

    def note(self, kind, what):
        setattr(self, kind, getattr(self, kind) + 1)
        if len(self.examples) < 5:
            self.examples.append(f"{kind.replace('_', ' ')}: {what}")

    def answer(self, status, what):
        """A bad input: anything but a server error is a refusal or a harmless reading."""
        self.tried += 1
        if status >= 500:
            self.note("server_errors", f"HTTP {status} {what}")

    def control(self, ok, what):
        """A good input that must work."""
        if not ok:
            self.note("wrongly_refused", what)


class Bench:
    def __init__(self, base, seconds):
        self.base = base
        self.deadline = time.monotonic() + seconds
        self.tallies = []
        self.timed_out = False
        self.target_deadline = self.deadline

    def time_left(self):
        if time.monotonic() > min(self.deadline, self.target_deadline):
            self.timed_out = True
            return False
        return True

    def client(self, username=None):
        client = Client(self.base, self.deadline)
        if username:
            client.sign_in(username)
        return client

    def tally(self, name):
        print(f"… {name}", flush=True)
        tally = Tally(name)
        self.tallies.append(tally)
        return tally

    # ------------------------------------------------------------ targets

    def query_parameters(self, name, client, paths, params, per_param_paths=()):
        tally = self.tally(name)
        for path in paths:
            if not self.time_left():
                return
            status, _, _ = client.get(path)
            tally.control(status == 200, f"GET {path} answered {status}")
            for value in JUNK_VALUES:
                if not self.time_left():
                    return
                query = "&".join(f"{p}={value}" for p in params)
                status, _, _ = client.get(f"{path}?{query}")
                tally.answer(status, f"GET {path}?{query[:80]}")
            if path in per_param_paths:
                for param in params:
                    for value in JUNK_VALUES:
                        if not self.time_left():
                            return
                        status, _, _ = client.get(f"{path}?{param}={value}")
                        tally.answer(status, f"GET {path}?{param}={value[:40]}")

    def ids_in_paths(self, client):
        tally = self.tally("admin: ids in the address (webmaster)")
        for pattern in ID_PATHS:
            for junk in JUNK_IDS:
                if not self.time_left():
                    return
                status, _, _ = client.get(pattern.format(junk))
                tally.answer(status, "GET " + pattern.format(junk[:24]))

    def sign_out_by_link(self):
        tally = self.tally("admin: sign-out by a link (GET /admin/logout/)")
        client = self.client("webmaster")
        for method in ("GET", "HEAD", "OPTIONS", "PUT"):
            status, _, _ = client.request(method, "/admin/logout/")
            tally.answer(status, f"{method} /admin/logout/")
            still, _, _ = client.get("/admin/")
            if still != 200:
                tally.note("wrongly_accepted", f"{method} /admin/logout/ ended the session")
                client = self.client("webmaster")
        client.get("/admin/")
        status, _, _ = client.post("/admin/logout/", {})
        after, _, _ = client.get("/admin/")
        tally.control(status == 302 and after == 302, "the sign-out button did not sign out")

    def request_form(self):
        """The publication request form as `requester`: each bad field alone, the other fields
        good; refused with the other fields kept, never stored."""
        tally = self.tally("admin form: publication request (requester)")
        client = self.client("requester")
        status, html, _ = client.get("/admin/requests/new/")
        if status != 200:
            tally.control(False, f"GET /admin/requests/new/ answered {status}")
            return
        good = field_values(html, "<form")
        category = good.get("category", "")
        marker = "ม้าลายทดสอบ" + uuid.uuid4().hex[:6]
        base = {
            "title": f"{marker} ประกาศทดสอบ",
            "category": category,
            "description": "รายละเอียดที่ต้องคงอยู่เมื่อฟอร์มถูกปฏิเสธ",
            "data_period_start": "2025-10-01",
            "data_period_end": "2026-09-30",
            "wanted_publish_date": "",
            "wanted_takedown_date": "",
            "contact_phone": "0 4312 3456",
            "contact_email": "kong.khlang@example.go.th",
        }
        pdf = _pdf_bytes()
        bad = {
            "title": [
                "ก" * 256,
                "x" * 100_000,
                "ชื่อ\x00มีศูนย์",
                "ชื่อ\x1b[31mสี",
                "\u202eFDP.exe",
                "ชื่อ\u2066ซ่อน\u2069",
                "",
                "   ",
            ],
            "description": ["ก" * 20_000, "มี\x00ศูนย์", "กลับทิศ\u202eข้อความ", "\x07\x08\x0b"],
            "contact_phone": ["0" * 101, "โทร\x00", "\u202e1234"],
            "contact_email": [
                "not-an-email",
                "a@",
                "@b.go.th",
                "a b@c.th",
                "ก@ข.ไทย\x00",
                "a@" + "b" * 300 + ".th",
                "a@b.th\r\nBcc: x@y.th",
            ],
            "category": ["", "%C2%B2", "²", "99999999999999999999", "-1", "abc", "0"],
            "data_period_start": ["2569-13-40", "0000-00-00", "99999-01-01", "²", "31/02/2569"],
            "data_period_end": ["2026-02-30", "1-1-1", "๒๕๖๙-๐๑-๐๑"],
            "wanted_publish_date": ["9999-12-31", "0001-01-01", "junk"],
            "wanted_takedown_date": ["9999-12-31", "0001-01-01", "\x00"],
        }
        for name, values in bad.items():
            for value in values:
                if not self.time_left():
                    return
                fields = {**base, name: value, "title": base["title"]}
                if name == "title":
                    fields["title"] = value
                status, html, headers = client.post(
                    "/admin/requests/new/", fields, files={"files": ("ทดสอบ.pdf", pdf)}
                )
                tally.answer(status, f"{name}={value[:30]!r}")
                if status in (301, 302, 303):
                    tally.note("wrongly_accepted", f"{name}={value[:30]!r} created a request")
                elif status == 200:
                    kept = field_values(html, "<form")
                    others = [k for k in ("description", "contact_phone") if k != name]
                    lost = [k for k in others if base[k] not in html.decode("utf-8", "replace")]
                    if lost or (name != "category" and kept.get("category") != category):
                        tally.note("wrongly_accepted", f"{name}: refused but lost {lost}")
        # controls: emoji and Thai are ordinary text
        for title in (f"{marker} งานบุญ 🎉", f"{marker} ประกาศ ๒๕๖๙"):
            status, _, _ = client.post(
                "/admin/requests/new/",
                {**base, "title": title},
                files={"files": ("ทดสอบ.pdf", pdf)},
            )
            tally.control(status == 302, f"a good request {title!r} answered {status}")

    def id_forms(self):
        """Forms that carry ids and numbers (as `webmaster`)."""
        tally = self.tally("admin forms: ids and numbers (webmaster)")
        client = self.client("webmaster")
        status, html, _ = client.get("/admin/currency/rules/")
        rules_before = {k: v for k, v in field_values(html).items() if k.startswith("days-")}
        for value in [
            "²",
            "๓๐",
            "-1",
            "0",
            "3651",
            "99999999999999999999",
            "1e3",
            "\x00",
            "x" * 5000,
        ]:
            if not self.time_left():
                return
            fields = dict.fromkeys(rules_before, value) if rules_before else {"days-1": value}
            status, _, _ = client.post("/admin/currency/rules/", fields)
            tally.answer(status, f"rules days={value[:20]!r}")
        status, html, _ = client.get("/admin/currency/rules/")
        rules_after = {k: v for k, v in field_values(html).items() if k.startswith("days-")}
        if rules_after != rules_before:
            tally.note("wrongly_accepted", "junk changed the take-down rules")
        junk_ids = ["²", "-1", "99999999999999999999", "abc", "\x00", "1e3", "๑"]
        for path, name, extra in [
            ("/admin/trash/restore/", "entries", {}),
            ("/admin/trash/purge/", "entries", {}),
            ("/admin/currency/", "pages", {"action": "clear_date"}),
            ("/admin/currency/", "pages", {"action": "set_date", "date": "9999-12-31"}),
            ("/admin/currency/", "pages", {"action": "extend_30"}),
            ("/admin/storage/", "site", {}),
        ]:
            for junk in junk_ids:
                if not self.time_left():
                    return
                status, _, _ = client.post(path, {**extra, name: [junk, junk + junk]})
                tally.answer(status, f"POST {path} {name}={junk[:20]!r}")
        for action, date in [
            ("set_date", d) for d in ("9999-12-31", "0001-01-01", "²", "2569-02-30")
        ] + [
            ("extend_99999999999999999999", ""),
            ("extend_²", ""),
            ("", ""),
        ]:
            if not self.time_left():
                return
            status, html, _ = client.get("/admin/currency/?section=soon")
            pages = re.findall(r'name="pages" value="(\d+)"', html.decode("utf-8", "replace"))[:1]
            status, _, _ = client.post(
                "/admin/currency/", {"action": action, "date": date, "pages": pages or ["1"]}
            )
            tally.answer(status, f"POST /admin/currency/ action={action!r} date={date!r}")

    def catalog_import(self):
        """The ITA catalog import as `admin` (only agency admins import)."""
        tally = self.tally("upload: ITA catalog import (admin)")
        client = self.client("admin")
        status, html, _ = client.get("/admin/ita/catalogs/import/")
        if status != 200:
            tally.control(False, f"GET import answered {status}")
            return
        files = _bad_catalog_files()
        good = "code,title_th,period\nO1,โครงสร้าง,any\n".encode()
        for filename, data in files + [("good.csv", good)]:
            if not self.time_left():
                return
            fields = {"scheme": "nacc-oit", "fiscal_year": "2570", "title": "ทดสอบนำเข้า"}
            started = time.monotonic()
            status, html, _ = client.post(
                "/admin/ita/catalogs/import/", fields, files={"file": (filename, data)}
            )
            seconds = time.monotonic() - started
            preview = "ตัวอย่างก่อนบันทึก" in html.decode("utf-8", "replace")
            if filename == "good.csv":
                tally.control(status == 200 and preview, f"a good catalog answered {status}")
                continue
            tally.answer(status, f"{filename} ({len(data):,} bytes)")
            if status == 200 and preview:
                tally.note("wrongly_accepted", f"{filename} was accepted for saving")
            if seconds > 10:
                tally.note("wrongly_accepted", f"{filename} held a worker {seconds:.1f} s")
        for field_name, value in [("fiscal_year", "²"), ("fiscal_year", "9" * 30), ("scheme", "x")]:
            fields = {
                "scheme": "nacc-oit",
                "fiscal_year": "2570",
                "title": "ทดสอบ",
                field_name: value,
            }
            status, html, _ = client.post(
                "/admin/ita/catalogs/import/", fields, files={"file": ("good.csv", good)}
            )
            tally.answer(status, f"{field_name}={value[:20]!r}")
            if "ตัวอย่างก่อนบันทึก" in html.decode("utf-8", "replace"):
                tally.note("wrongly_accepted", f"{field_name}={value[:20]!r} was accepted")

    def multiple_upload(self, kind, good_name, good_data):
        """Wagtail's multiple upload of documents or images as `webmaster`: counts what the
        upload gate lets through."""
        tally = self.tally(f"upload: {kind} (webmaster; counts for the upload gate)")
        client = self.client("webmaster")
        path = f"/admin/{kind}/multiple/add/"
        status, html, _ = client.get(path)
        if status != 200:
            tally.control(False, f"GET {path} answered {status}")
            return
        collection = field_values(html).get("collection", "")
        # a PDF is no image: for the image uploader the oddly named PDFs are bad files too
        odd = _oddly_named_good_files()
        bad = _bad_upload_files() + (odd if kind == "images" else [])
        for filename, data in bad:
            if not self.time_left():
                return
            status, body, _ = client.post(
                path, {"collection": collection}, files={"files[]": (filename, data)}
            )
            tally.answer(status, f"{filename[:40]!r}")
            if status == 200 and _succeeded(body):
                tally.note("wrongly_accepted", f"{filename[:40]!r} was stored")
        if kind == "documents":
            for filename, data in odd:
                if not self.time_left():
                    return
                status, body, _ = client.post(
                    path, {"collection": collection}, files={"files[]": (filename, data)}
                )
                tally.answer(status, f"{filename[:40]!r}")
                doc_id = _json_field(body, "doc_id") if status == 200 and _succeeded(body) else None
                if doc_id is None:
                    tally.control(False, f"{filename[:40]!r} (a valid PDF) was refused")
                    continue
                self.check_normalised(client, tally, doc_id, filename)
        status, body, _ = client.post(
            path, {"collection": collection}, files={"files[]": (good_name, good_data)}
        )
        tally.control(status == 200 and _succeeded(body), f"a good {good_name} answered {status}")

    def check_normalised(self, client, tally, doc_id, filename):
        """A valid file with an odd name must be stored with a normalised name and title: no
        control or text-direction character, within its column (read from the edit page)."""
        status, html, _ = client.get(f"/admin/documents/edit/{doc_id}/")
        tally.answer(status, f"the edit page of {filename[:40]!r}")
        title = field_values(html).get("title", "")
        link = re.search(rb"/documents/%d/([^\"?<]+)" % doc_id, html)
        name = urllib.parse.unquote(link.group(1).decode()) if link else ""
        if status != 200 or not (title and name):
            tally.control(False, f"{filename[:40]!r}: no title or file name on its edit page")
        elif not (_readable(title, 255) and _readable(name, 255)):
            tally.control(False, f"{filename[:40]!r} stored as {name[:40]!r} / {title[:40]!r}")

    def request_files(self):
        """Bad files attached to a publication request (as `requester`)."""
        tally = self.tally("upload: request attachments (requester; counts for the upload gate)")
        client = self.client("requester")
        status, html, _ = client.get("/admin/requests/new/")
        category = field_values(html, "<form").get("category", "")
        fields = {"title": "ไฟล์แนบทดสอบ", "category": category, "contact_phone": "0 4312 3456"}
        for filename, data in _bad_upload_files():
            if not self.time_left():
                return
            status, _, _ = client.post(
                "/admin/requests/new/", fields, files={"files": (filename, data)}
            )
            tally.answer(status, f"{filename[:40]!r}")
            if status in (301, 302, 303):
                tally.note("wrongly_accepted", f"{filename[:40]!r} was attached to a request")
        for filename, data in _oddly_named_good_files():
            if not self.time_left():
                return
            status, _, headers = client.post(
                "/admin/requests/new/", fields, files={"files": (filename, data)}
            )
            tally.answer(status, f"{filename[:40]!r}")
            if status not in (301, 302, 303):
                tally.control(False, f"{filename[:40]!r} (a valid PDF) was refused ({status})")
                continue
            status, html, _ = client.get(urllib.parse.urlsplit(headers["location"]).path)
            tally.answer(status, f"the request of {filename[:40]!r}")
            attached = re.search(rb"/documents/(\d+)/", html)
            if not attached:
                tally.control(False, f"{filename[:40]!r}: no file listed on the request")
                continue
            self.check_normalised(client, tally, int(attached.group(1)), filename)

    def run(self):
        public = self.client()
        webmaster = self.client("webmaster")
        targets = [
            lambda: self.query_parameters(
                "public: query parameters (anonymous)",
                public,
                PUBLIC_PATHS,
                PUBLIC_PARAMS,
                per_param_paths=("/search/", "/news/"),
            ),
            lambda: self.query_parameters(
                "admin: query parameters (webmaster)",
                webmaster,
                ADMIN_PATHS,
                ADMIN_PARAMS,
                per_param_paths=("/admin/choose-page/search/",),
            ),
            lambda: self.ids_in_paths(webmaster),
            self.sign_out_by_link,
            self.request_form,
            self.id_forms,
            self.catalog_import,
            lambda: self.multiple_upload("documents", "ประกาศ.pdf", _pdf_bytes()),
            lambda: self.multiple_upload("images", "ภาพ.png", _png_bytes()),
            self.request_files,
        ]
        for done, target in enumerate(targets):
            # each target gets its share of what is left, so a slow one cannot starve the rest
            share = (self.deadline - time.monotonic()) / (len(targets) - done)
            self.target_deadline = time.monotonic() + max(share, 0)
            target()


# ---------------------------------------------------------------- bad files


def _pdf_bytes():
    sys.path.insert(0, str(ROOT))
    from prongsai.core.samplefiles import make_pdf

    return make_pdf("ประกาศทดสอบ", ["ข้อความภาษาไทย"], agency="อบต.ทดสอบ")


def _png_bytes():
    sys.path.insert(0, str(ROOT))
    from prongsai.core.samplefiles import make_logo

    return make_logo("ทดสอบ")


def _succeeded(body):
    return re.search(rb'"success":\s*true', body) is not None


def _xlsx(rows, write_only=True):
    from openpyxl import Workbook

    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bad_catalog_files():
    header = "code,title_th,period,min_count,group\n"
    return [
        ("many-rows.xlsx", _xlsx([["code", "title_th", "period"]] + [["O9", "x", "any"]] * 50_000)),
        ("big-cell.csv", (header + "O1," + "ก" * 200_000 + ",any,,\n").encode()),
        ("nul.csv", (header + "O1,ก,any,,\n" * 200 + "O2,ข\x00,any,,\n").encode()),
        ("superscript.csv", (header + "O1,ก,any,²,\n").encode()),
        ("huge-count.csv", (header + "O1,ก,any,99999999999999999999,\n").encode()),
        ("long-group.csv", (header + "O1,ก,any,," + "ห" * 400 + "\n").encode()),
        ("long-code.csv", (header + "O" * 300 + ",ก,any,,\n").encode()),
        ("many-rows.csv", (header + "".join(f"O{i},ก,any,,\n" for i in range(5000))).encode()),
        ("utf16.csv", (header + "O1,ก,any,,\n").encode("utf-16")),
        ("cp874.csv", (header + "O1,ก,any,,\n").encode("cp874")),
        ("empty.csv", b""),
        ("binary.xlsx", os.urandom(4096)),
        ("zip-not-xlsx.xlsx", b"PK\x03\x04" + os.urandom(2000)),
        ("pdf.csv", _pdf_bytes()),
        ("controls.csv", (header + "O1,ก\x1b[31m\u202e,any,,\n").encode()),
        (
            "wide.csv",
            (
                ",".join(["code", "title_th", "period"] + [f"c{i}" for i in range(5000)]) + "\n"
            ).encode(),
        ),
    ]


HIDDEN_IN_NAMES = re.compile("[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _readable(text, max_length):
    return len(text) <= max_length and not HIDDEN_IN_NAMES.search(text)


def _json_field(body, name):
    found = re.search(rb'"%s":\s*(\d+)' % name.encode(), body)
    return int(found.group(1)) if found else None


def _oddly_named_good_files():
    """Valid PDFs whose names must be normalised and bounded (issue 11), not refused."""
    pdf = _pdf_bytes()
    return [("ก" * 300 + ".pdf", pdf), ("nul\x00.pdf", pdf)]


def _bad_upload_files():
    pdf = _pdf_bytes()
    return [
        ("program.pdf", b"MZ\x90\x00" + os.urandom(2000)),
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n"),
        ("page.pdf", b"<html><script>alert(1)</script></html>"),
        ("empty.pdf", b""),
        ("\u202efdp.exe", pdf),
        ("photo.exe", pdf),
        ("macro.docm", pdf),
        ("bomb.zip", _zip_bomb()),
        ("svg.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ]


def _zip_bomb():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", b"\x00" * (50 * 1024 * 1024))
    return buffer.getvalue()


# ---------------------------------------------------------------- running


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_demo(data_dir):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PRONGSAI_MODE")}
    env.pop("PRONGSAI_DATA_DIR", None)
    log = open(Path(data_dir) / "server.log", "w")  # noqa: SIM115 (kept open for the server)
    process = subprocess.Popen(
        [sys.executable, "-m", "prongsai", "demo", "--port", str(port), "--data-dir", data_dir],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                status, _, _ = Client(url, deadline).get("/")
                if status == 200:
                    return process, url
        except OSError:
            pass
        time.sleep(2)
    process.terminate()
    raise SystemExit(f"the demo server did not start; see {data_dir}/server.log")


def report(bench, seconds):
    columns = ("tried", "wrongly_accepted", "wrongly_refused", "server_errors")
    print(f"{'target':58} {'tried':>6} {'accepted':>9} {'refused':>8} {'5xx':>5}")
    totals = dict.fromkeys(columns, 0)
    for tally in bench.tallies:
        print(
            f"{tally.name:58} {tally.tried:6} {tally.wrongly_accepted:9} "
            f"{tally.wrongly_refused:8} {tally.server_errors:5}"
        )
        for example in tally.examples:
            print(f"    {example}")
        for column in columns:
            totals[column] += getattr(tally, column)
    print(
        f"{'TOTAL':58} {totals['tried']:6} {totals['wrongly_accepted']:9} "
        f"{totals['wrongly_refused']:8} {totals['server_errors']:5}"
    )
    print(
        "(accepted: bad input wrongly accepted; refused: good input wrongly refused; "
        f"{seconds:.0f} s)"
    )
    if bench.timed_out:
        print("time budget used up: the later targets were not all tried")
    return totals


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running demo server on 127.0.0.1 (default: start one)")
    parser.add_argument("--seconds", type=float, default=900, help="time budget of the run")
    args = parser.parse_args()
    started = time.monotonic()
    process = None
    with tempfile.TemporaryDirectory(prefix="prongsai-bad-input-") as data_dir:
        try:
            if args.url:
                url = args.url.rstrip("/")
            else:
                process, url = start_demo(data_dir)
                print(
                    f"demo server {url} (data in {data_dir}) "
                    f"up after {time.monotonic() - started:.0f} s"
                )
            bench = Bench(url, args.seconds)
            bench.run()
            totals = report(bench, time.monotonic() - started)
        finally:
            if process is not None:
                process.send_signal(signal.SIGINT)  # the server's quick shutdown
                try:
                    process.wait(timeout=120)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
    return 1 if totals["wrongly_accepted"] or totals["server_errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
