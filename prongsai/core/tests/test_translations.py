"""Thai for every UI string: the app catalogs (prongsai/<app>/locale/) and the Wagtail
catalog (prongsai/locale/) are complete, compiled and really used.

No database is needed. When a test here fails after you add or change a string in an app:

    cd prongsai/<app> && mkdir -p locale && \\
    PRONGSAI_DATA_DIR=/tmp/pv-i18n DJANGO_SETTINGS_MODULE=prongsai.settings \\
    django-admin makemessages -l th --no-obsolete --ignore='tests/*'
    # translate the new entries in locale/th/LC_MESSAGES/django.po (docs/admin-thai.md), then
    cd locale/th/LC_MESSAGES && msgfmt --check-format -o django.mo django.po

Run makemessages from inside the app, never from the project: the app needs its own locale/
directory first, or makemessages writes into prongsai/locale/ and wipes the Wagtail catalog.
"""

import ast
from pathlib import Path

import polib
import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # .../prongsai
PROJECT_DIR = PACKAGE_DIR.parent
WAGTAIL_CATALOG_DIR = PACKAGE_DIR / "locale"

APP_DIRS = sorted(p.parent for p in PACKAGE_DIR.glob("*/apps.py"))
PO_FILES = sorted(PACKAGE_DIR.glob("*/locale/*/LC_MESSAGES/*.po")) + sorted(
    WAGTAIL_CATALOG_DIR.glob("*/LC_MESSAGES/*.po")
)

# The calls xgettext extracts for Django's makemessages (Python sources): the name of the
# function, and which positional arguments are the context, the msgid and the plural.
GETTEXT_CALLS = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}


def rel(path):
    return Path(path).relative_to(PROJECT_DIR).as_posix()


def makemessages_command(app_dir):
    return (
        f"cd {rel(app_dir)} && mkdir -p locale && PRONGSAI_DATA_DIR=/tmp/pv-i18n "
        "DJANGO_SETTINGS_MODULE=prongsai.settings django-admin makemessages -l th "
        "--no-obsolete --ignore='tests/*'"
        ", then translate the new entries in "
        f"{rel(app_dir)}/locale/th/LC_MESSAGES/django.po and compile it with "
        "`msgfmt --check-format -o django.mo django.po` in that directory"
    )


def describe(entry):
    text = repr(entry.msgid)
    if entry.msgctxt:
        text = f"{text} (context {entry.msgctxt!r})"
    return text


def messages(catalog):
    """{(msgctxt, msgid, msgid_plural): translation} of the entries gettext would use."""
    return {
        (e.msgctxt or None, e.msgid, e.msgid_plural or None): (
            e.msgstr,
            tuple(sorted((int(k), v) for k, v in e.msgstr_plural.items())),
        )
        for e in catalog
        if e.msgid
        and not getattr(e, "obsolete", False)
        and not getattr(e, "fuzzy", False)
        and (e.msgstr or e.msgstr_plural)
    }


def literal_argument(call, pos):
    if pos is None or pos >= len(call.args):
        return None
    arg = call.args[pos]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    return None


def marked_strings(py_file):
    """[(line, msgctxt, msgid)] for every gettext call with a literal msgid in a Python file."""
    tree = ast.parse(py_file.read_text(encoding="utf-8"), filename=str(py_file))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in GETTEXT_CALLS:
            continue
        context_pos, msgid_pos, _plural_pos = GETTEXT_CALLS[name]
        msgid = literal_argument(node, msgid_pos)
        if msgid:
            found.append((node.lineno, literal_argument(node, context_pos), msgid))
    return found


def app_sources(app_dir):
    """The Python files makemessages reads for an app (everything but tests/)."""
    for path in sorted(app_dir.rglob("*.py")):
        parts = path.relative_to(app_dir).parts
        if parts[0] in ("tests", "locale") or any(p.startswith(".") for p in parts):
            continue
        yield path


def test_there_are_catalogs():
    assert any(PACKAGE_DIR.glob("*/locale/th/LC_MESSAGES/django.po")), "no app catalog found"
    assert (WAGTAIL_CATALOG_DIR / "th/LC_MESSAGES/django.po").exists()
    assert (WAGTAIL_CATALOG_DIR / "th/LC_MESSAGES/djangojs.po").exists()


@pytest.mark.parametrize("po_path", PO_FILES, ids=rel)
def test_catalog_has_no_untranslated_fuzzy_or_obsolete_entries(po_path):
    catalog = polib.pofile(str(po_path))
    problems = [f"untranslated: {describe(e)}" for e in catalog.untranslated_entries()]
    problems += [f"fuzzy: {describe(e)}" for e in catalog.fuzzy_entries()]
    problems += [f"obsolete (#~): {describe(e)}" for e in catalog.obsolete_entries()]
    assert catalog.metadata.get("Plural-Forms") == "nplurals=1; plural=0;", rel(po_path)
    assert not problems, (
        f"{rel(po_path)} has {len(problems)} entries a Thai user would see in English or not at "
        "all. Translate them, remove the fuzzy flag, delete obsolete entries, then recompile "
        "with `msgfmt --check-format -o <name>.mo <name>.po`:\n  " + "\n  ".join(problems)
    )


@pytest.mark.parametrize("po_path", PO_FILES, ids=rel)
def test_compiled_catalog_is_up_to_date(po_path):
    mo_path = po_path.with_suffix(".mo")
    command = f"cd {rel(po_path.parent)} && msgfmt --check-format -o {mo_path.name} {po_path.name}"
    assert mo_path.exists(), (
        f"{rel(mo_path)} is missing; Django reads only .mo files. Run: {command}"
    )
    po = polib.pofile(str(po_path))
    expected = messages(polib.mofile(po.to_binary()))
    shipped = polib.mofile(str(mo_path))
    actual = messages(shipped)
    stale = sorted(
        repr(key[1])
        for key in expected.keys() | actual.keys()
        if expected.get(key) != actual.get(key)
    )
    assert not stale, (
        f"{rel(mo_path)} does not match {po_path.name} ({len(stale)} messages differ), so the "
        f"site shows old or missing Thai. Run: {command}\n  " + "\n  ".join(stale[:50])
    )
    assert shipped.metadata.get("Plural-Forms") == po.metadata.get("Plural-Forms")


def test_wagtail_catalog_is_intact():
    """prongsai/locale/ holds only Wagtail msgids; makemessages run there destroys it."""
    django_po = polib.pofile(str(WAGTAIL_CATALOG_DIR / "th/LC_MESSAGES/django.po"))
    djangojs_po = polib.pofile(str(WAGTAIL_CATALOG_DIR / "th/LC_MESSAGES/djangojs.po"))
    hint = (
        "the Wagtail catalog in prongsai/locale/ has lost entries; was makemessages run at the "
        "project level or in an app without its own locale/ directory? Restore it and see "
        "docs/admin-thai.md"
    )
    assert len(django_po.translated_entries()) >= 1000, hint
    assert len(djangojs_po.translated_entries()) >= 50, hint
    assert django_po.find("Save") is not None, hint


def test_shared_msgids_have_one_thai_translation():
    """Django merges every catalog into one: for a msgid in two catalogs, only one wins
    (prongsai/locale/ first, then apps in INSTALLED_APPS order), so they must agree."""
    seen = {}
    for po_path in PO_FILES:
        if po_path.name != "django.po":
            continue
        for entry in polib.pofile(str(po_path)).translated_entries():
            if entry.msgid_plural:
                continue
            seen.setdefault((entry.msgctxt, entry.msgid), {}).setdefault(entry.msgstr, []).append(
                rel(po_path)
            )
    conflicts = [
        f"{msgid!r}: " + "; ".join(f"{t!r} in {', '.join(paths)}" for t, paths in versions.items())
        for (_ctx, msgid), versions in sorted(seen.items(), key=lambda i: i[0][1])
        if len(versions) > 1
    ]
    assert not conflicts, (
        "These msgids are translated differently in different catalogs; the site shows only "
        "one of them. Use the same Thai everywhere:\n  " + "\n  ".join(conflicts)
    )


@pytest.mark.parametrize("app_dir", APP_DIRS, ids=lambda p: p.name)
def test_every_marked_string_of_the_app_has_thai(app_dir):
    """The test that fails when a string is added in English and nobody adds its Thai."""
    marked = {}
    for py_file in app_sources(app_dir):
        for line, msgctxt, msgid in marked_strings(py_file):
            marked.setdefault((msgctxt, msgid), f"{rel(py_file)}:{line}")
    if not marked:
        return
    po_path = app_dir / "locale/th/LC_MESSAGES/django.po"
    if not po_path.exists():
        pytest.fail(
            f"{rel(app_dir)} marks {len(marked)} string(s) for translation but has no Thai "
            f"catalog ({rel(po_path)}). Run: {makemessages_command(app_dir)}"
        )
    catalog = polib.pofile(str(po_path))
    translated = {(e.msgctxt, e.msgid) for e in catalog.translated_entries()}
    missing = sorted(
        (where, msgctxt, msgid)
        for (msgctxt, msgid), where in marked.items()
        if (msgctxt, msgid) not in translated
    )
    assert not missing, (
        f"{len(missing)} string(s) of {rel(app_dir)} have no Thai in {rel(po_path)}:\n  "
        + "\n  ".join(
            f"{msgid!r}" + (f" (context {ctx!r})" if ctx else "") + f"  [{where}]"
            for where, ctx, msgid in missing
        )
        + f"\nRun: {makemessages_command(app_dir)}"
    )


def test_project_level_modules_mark_no_strings():
    """prongsai/*.py has no catalog of its own (prongsai/locale/ is Wagtail's), so strings
    marked there would stay English. Mark them in an app module instead."""
    found = [
        f"{msgid!r}  [{rel(py_file)}:{line}]"
        for py_file in sorted(PACKAGE_DIR.glob("*.py"))
        for line, _ctx, msgid in marked_strings(py_file)
    ]
    assert not found, (
        "These strings are marked for translation in a project-level module, where "
        "makemessages cannot collect them without damaging prongsai/locale/. Move them into "
        "an app:\n  " + "\n  ".join(found)
    )


def test_wagtail_strings_come_out_in_our_thai():
    """The labels of our apps' models: prongsai/disclosures/tests/test_page_editor_thai.py."""
    from django.utils import translation

    with translation.override("th"):
        # Wagtail's own "Save" (เซฟ , เก็บรักษาข้อมูล) overridden by prongsai/locale/
        assert translation.gettext("Save") == "บันทึก"


def test_validation_message_placeholders_survive_translation():
    from django.utils import translation

    with translation.override("th"):
        text = translation.gettext(
            "The file is named .%(claimed)s but its content is %(real)s. "
            "Rename it or export it again in the right format."
        ) % {"claimed": "docx", "real": "PDF"}
    assert ".docx" in text and "PDF" in text
    assert "The file" not in text
