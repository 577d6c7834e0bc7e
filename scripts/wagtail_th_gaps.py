#!/usr/bin/env python
"""Report Wagtail admin strings that have no Thai translation.

For every Wagtail app shipping ``locale/en/LC_MESSAGES/{django,djangojs}.po``
this compares the English source msgids (key = msgctxt + msgid) with

* the translated entries of Wagtail's own sibling ``th`` catalog, and
* the entries already present in the project catalog
  ``prongsai/locale/th/LC_MESSAGES/{django,djangojs}.po``

and prints, per app and domain: total, translated by Wagtail, translated by
us, still missing.

Our catalog is in ``LOCALE_PATHS``, so an entry in it also *overrides* Wagtail's
own Thai for the same msgid. We use that on purpose to correct poor upstream
wording; each such entry carries the comment ``#. overrides Wagtail's: <old>``.
``--overrides`` reports how many entries of our catalog override an existing
Wagtail translation.

Usage::

    python scripts/wagtail_th_gaps.py
    python scripts/wagtail_th_gaps.py --write-missing /tmp/missing.po
    python scripts/wagtail_th_gaps.py --check      # exit 1 if anything is missing
    python scripts/wagtail_th_gaps.py --merge /tmp/missing.po  # after translating it
    python scripts/wagtail_th_gaps.py --overrides  # our corrections of Wagtail's Thai

Requires ``polib`` (``pip install polib``).
"""

import argparse
import glob
import os
import sys

import polib

DOMAINS = ("django", "djangojs")
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROJECT_LOCALE = os.path.join(REPO_ROOT, "prongsai", "locale", "th", "LC_MESSAGES")


def wagtail_dir():
    import wagtail

    return os.path.dirname(wagtail.__file__)


def key(entry):
    return (entry.msgctxt or "", entry.msgid)


def is_translated(entry):
    """True if the entry has a non-empty, non-fuzzy, non-obsolete translation."""
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(v for v in entry.msgstr_plural.values())
    return bool(entry.msgstr)


def translated_keys(path):
    if not os.path.exists(path):
        return set()
    return {key(e) for e in polib.pofile(path) if is_translated(e)}


def app_label(wt_dir, en_po):
    """.../wagtail/contrib/forms/locale/en/LC_MESSAGES/django.po -> "wagtail/contrib/forms"."""
    parts = os.path.relpath(en_po, wt_dir).split(os.sep)
    return "/".join(["wagtail"] + parts[: parts.index("locale")])


def collect():
    wt = wagtail_dir()
    ours = {d: translated_keys(os.path.join(PROJECT_LOCALE, d + ".po")) for d in DOMAINS}
    rows = []
    missing = []  # list of (domain, app, entry)
    for domain in DOMAINS:
        pattern = os.path.join(wt, "**", "locale", "en", "LC_MESSAGES", domain + ".po")
        for en_po in sorted(glob.glob(pattern, recursive=True)):
            th_po = en_po.replace(
                os.sep + os.path.join("locale", "en") + os.sep,
                os.sep + os.path.join("locale", "th") + os.sep,
            )
            wt_th = translated_keys(th_po)
            app = app_label(wt, en_po)
            total = by_wagtail = by_us = 0
            for entry in polib.pofile(en_po):
                if entry.obsolete or not entry.msgid:
                    continue
                total += 1
                k = key(entry)
                if k in wt_th:
                    by_wagtail += 1
                elif k in ours[domain]:
                    by_us += 1
                else:
                    missing.append((domain, app, entry))
            rows.append((app, domain, total, by_wagtail, by_us, total - by_wagtail - by_us))
    return rows, missing


# Extracted comment that marks a deliberate override. polib wraps long comments
# at 78 columns, so the old text may continue on the following "#." lines.
OVERRIDE_MARK = "overrides Wagtail's:"


def collect_overrides():
    """Find the entries of our catalogs that override a Wagtail Thai translation.

    Returns ``(rows, entries)``: ``rows`` holds, per app and domain, the number
    of strings Wagtail translates and how many of them our catalog overrides;
    ``entries`` maps ``(domain, key)`` to ``(our_entry, [(app, wagtail_text), ...])``.
    """
    wt = wagtail_dir()
    ours = {}
    for d in DOMAINS:
        path = os.path.join(PROJECT_LOCALE, d + ".po")
        po = polib.pofile(path) if os.path.exists(path) else []
        ours[d] = {key(e): e for e in po if is_translated(e)}
    rows = []
    entries = {}
    for domain in DOMAINS:
        pattern = os.path.join(wt, "**", "locale", "en", "LC_MESSAGES", domain + ".po")
        for en_po in sorted(glob.glob(pattern, recursive=True)):
            th_po = en_po.replace(
                os.sep + os.path.join("locale", "en") + os.sep,
                os.sep + os.path.join("locale", "th") + os.sep,
            )
            if not os.path.exists(th_po):
                continue
            app = app_label(wt, en_po)
            en_keys = {key(e) for e in polib.pofile(en_po) if not e.obsolete and e.msgid}
            by_wagtail = overridden = 0
            for entry in polib.pofile(th_po):
                k = key(entry)
                if k not in en_keys or not is_translated(entry):
                    continue
                by_wagtail += 1
                if k in ours[domain]:
                    overridden += 1
                    text = entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr
                    entries.setdefault((domain, k), (ours[domain][k], []))[1].append((app, text))
            rows.append((app, domain, by_wagtail, overridden))
    return rows, entries


def report_overrides():
    rows, entries = collect_overrides()
    header = ("app", "domain", "wagtail", "overridden")
    width = max(len(r[0]) for r in rows + [header])
    fmt = "{:<" + str(width) + "}  {:<8} {:>8} {:>10}"
    print(fmt.format(*header))
    for row in rows:
        print(fmt.format(*row))
    print(fmt.format("TOTAL", "", sum(r[2] for r in rows), sum(r[3] for r in rows)))
    per_domain = {d: sum(1 for dom, _ in entries if dom == d) for d in DOMAINS}
    print(
        f"{len(entries)} entries in our catalogs override an existing Wagtail "
        "translation (" + ", ".join(f"{d}.po: {n}" for d, n in per_domain.items()) + ")"
    )
    unmarked = []
    unchanged = []
    for (domain, k), (ours, wagtail) in sorted(entries.items()):
        text = ours.msgstr_plural[0] if ours.msgid_plural else ours.msgstr
        if not (ours.comment or "").startswith(OVERRIDE_MARK):
            unmarked.append((domain, k))
        if all(t == text for _, t in wagtail):
            unchanged.append((domain, k))
    if unmarked:
        print(f"WARNING: {len(unmarked)} overrides lack a '#. {OVERRIDE_MARK} ...' comment:")
        for domain, (ctxt, msgid) in unmarked:
            print(f"  {domain}: {msgid!r}" + (f" (msgctxt {ctxt!r})" if ctxt else ""))
    if unchanged:
        print(
            f"NOTE: {len(unchanged)} overrides are identical to Wagtail's text and can be deleted:"
        )
        for domain, (ctxt, msgid) in unchanged:
            print(f"  {domain}: {msgid!r}" + (f" (msgctxt {ctxt!r})" if ctxt else ""))


HEADER = {
    "Project-Id-Version": "Prongsai Wagtail Thai supplement",
    "Language": "th",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}
DOMAIN_PREFIX = "domains: "


def write_missing(missing, path):
    """Write still-missing entries as one valid .po file.

    Identical msgctxt+msgid pairs appear once; the extracted comment
    ``#. domains: django, djangojs`` records which catalog(s) need them,
    so ``--merge`` can put them back in the right place.
    """
    po = polib.POFile(wrapwidth=78)
    po.metadata = dict(HEADER)
    seen = {}
    for domain, app, entry in missing:
        refs = [(app + "/" + path, line) for path, line in entry.occurrences]
        k = key(entry)
        if k in seen:
            new, domains = seen[k]
            new.occurrences.extend(r for r in refs if r not in new.occurrences)
            if domain not in domains:
                domains.append(domain)
                new.comment = DOMAIN_PREFIX + ", ".join(domains)
            continue
        new = polib.POEntry(
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            msgstr="",
            occurrences=refs,
            flags=[f for f in entry.flags if f != "fuzzy"],
            comment=DOMAIN_PREFIX + domain,
        )
        if entry.msgid_plural:
            new.msgid_plural = entry.msgid_plural
            new.msgstr_plural = {0: ""}
        seen[k] = (new, [domain])
        po.append(new)
    po.save(path)
    return len(po)


def merge(path):
    """Merge translated entries of ``path`` into the project catalogs and compile .mo files."""
    src = polib.pofile(path)
    catalogs = {}
    for d in DOMAINS:
        target = os.path.join(PROJECT_LOCALE, d + ".po")
        if os.path.exists(target):
            catalogs[d] = polib.pofile(target, wrapwidth=78)
        else:
            catalogs[d] = polib.POFile(wrapwidth=78)
            catalogs[d].metadata = dict(HEADER)
    added = skipped = 0
    for entry in src:
        if not is_translated(entry):
            skipped += 1
            continue
        domains = ["django"]
        for line in (entry.comment or "").splitlines():
            if line.startswith(DOMAIN_PREFIX):
                domains = [d.strip() for d in line[len(DOMAIN_PREFIX) :].split(",")]
        for d in domains:
            po = catalogs[d]
            existing = po.find(entry.msgid, msgctxt=entry.msgctxt)
            if existing is None:
                existing = polib.POEntry(msgid=entry.msgid, msgctxt=entry.msgctxt)
                po.append(existing)
            existing.occurrences = list(entry.occurrences)
            # Keep extracted comments such as "overrides Wagtail's: ...",
            # but not the "domains:" routing comment used by this script.
            other = [
                line
                for line in (entry.comment or "").splitlines()
                if not line.startswith(DOMAIN_PREFIX)
            ]
            if other:
                existing.comment = "\n".join(other)
            existing.flags = [f for f in entry.flags if f != "fuzzy"]
            if entry.msgid_plural:
                existing.msgid_plural = entry.msgid_plural
                existing.msgstr_plural = {0: entry.msgstr_plural[0]}
            else:
                existing.msgstr = entry.msgstr
            added += 1
    os.makedirs(PROJECT_LOCALE, exist_ok=True)
    for d, po in catalogs.items():
        if not len(po):
            continue
        po.save(os.path.join(PROJECT_LOCALE, d + ".po"))
        po.save_as_mofile(os.path.join(PROJECT_LOCALE, d + ".mo"))
    print(f"Merged {added} translations ({skipped} untranslated/fuzzy skipped)")
    print(f"into {PROJECT_LOCALE}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--write-missing", metavar="FILE", help="write still-missing entries to a .po file"
    )
    parser.add_argument(
        "--check", action="store_true", help="exit with status 1 if any string is missing"
    )
    parser.add_argument(
        "--merge",
        metavar="FILE",
        help="merge the translated entries of FILE (made with --write-missing) "
        "into the project catalogs and compile them",
    )
    parser.add_argument(
        "--overrides",
        action="store_true",
        help="also report the entries of our catalogs that override "
        "an existing Wagtail Thai translation",
    )
    args = parser.parse_args(argv)

    if args.merge:
        merge(args.merge)

    rows, missing = collect()
    header = ("app", "domain", "total", "wagtail", "ours", "missing")
    width = max(len(r[0]) for r in rows + [header])
    fmt = "{:<" + str(width) + "}  {:<8} {:>6} {:>8} {:>6} {:>8}"
    print(fmt.format(*header))
    for row in rows:
        print(fmt.format(*row))
    totals = [sum(r[i] for r in rows) for i in range(2, 6)]
    print(fmt.format("TOTAL", "", *totals))

    if args.overrides:
        print()
        report_overrides()

    if args.write_missing:
        n = write_missing(missing, args.write_missing)
        print(f"Wrote {n} unique missing entries to {args.write_missing}")

    if args.check and missing:
        print(f"ERROR: {len(missing)} Wagtail strings have no Thai translation.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
