"""The zh-hans catalogue of our JavaScript strings (``djangojs``) is complete and compiled, and
served at /<lang>/jsi18n/ (articles/editing/jsi18n.py), cacheable, in the page's language.

Like tests/test_translation_catalogue.py, the strings are extracted here in pure Python, the
way ``makemessages -d djangojs`` finds them: ``gettext("...")``, ``gettext_noop``,
``ngettext("...", "...", n)`` and ``pgettext("context", "...")`` with literal strings in our
own ``.js`` files. To fix a failure: ``manage.py makemessages -d djangojs -l zh_Hans
--ignore=.venv --ignore=staticfiles --ignore=var --ignore=tests --ignore='tests/browser/vendor/*'``,
translate, ``manage.py compilemessages -l zh_Hans --ignore=.venv``, commit both files.
"""

import gettext
import json
import re

import pytest
from django.utils.http import http_date

from tests.test_translation_catalogue import BASE_DIR, LOCALE_DIR, SKIPPED_DIRS, _placeholders, parse_po

PO_FILE = LOCALE_DIR / "djangojs.po"
MO_FILE = LOCALE_DIR / "djangojs.mo"

_STRING = r"""\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*"""
_CALLS = {
    "gettext": re.compile(r"\bgettext\(" + _STRING + r"\)"),
    "gettext_noop": re.compile(r"\bgettext_noop\(" + _STRING + r"\)"),
    "ngettext": re.compile(r"\bngettext\(" + _STRING + "," + _STRING + ","),
    "pgettext": re.compile(r"\bpgettext\(" + _STRING + "," + _STRING + r"\)"),
}


def _literal(token):
    return json.loads('"' + token[1:-1].replace('\\"', '"').replace('"', '\\"') + '"')


def _script_files():
    for path in sorted(BASE_DIR.rglob("*.js")):
        parts = path.relative_to(BASE_DIR).parts
        if any(part in SKIPPED_DIRS or part.startswith(".") for part in parts[:-1]):
            continue
        yield path


def extracted_script_messages():
    """{(msgctxt, msgid): [file, ...]} of every translatable string of our scripts."""
    found = {}
    for path in _script_files():
        source = path.read_text(encoding="utf-8")
        relative = str(path.relative_to(BASE_DIR))
        for name, pattern in _CALLS.items():
            for match in pattern.finditer(source):
                if name == "pgettext":
                    key = (_literal(match.group(1)), _literal(match.group(2)))
                else:
                    key = (None, _literal(match.group(1)))
                found.setdefault(key, []).append(relative)
    return found


@pytest.fixture(scope="module")
def catalogue():
    return {(entry["ctxt"], entry["msgid"]): entry for entry in parse_po(PO_FILE)}


def test_extraction_finds_the_workbench_strings():
    found = extracted_script_messages()
    assert (None, "Updating the preview…") in found
    assert (None, "%(label)s, line %(line)s: %(message)s") in found
    assert all("vendor" not in file for files in found.values() for file in files)


def test_catalogue_header_is_for_simplified_chinese(catalogue):
    header = catalogue[(None, "")]
    assert "fuzzy" not in header["flags"]
    assert "Language: zh_Hans\n" in header["msgstr"][0]
    assert "Plural-Forms: nplurals=1; plural=0;\n" in header["msgstr"][0]


def test_every_script_string_has_a_zh_hans_translation(catalogue):
    missing = []
    for (ctxt, msgid), files in sorted(extracted_script_messages().items(), key=lambda item: str(item[0])):
        entry = catalogue.get((ctxt, msgid))
        label = f"{msgid!r} in {', '.join(sorted(set(files)))}"
        if entry is None:
            missing.append(f"not in the catalogue: {label}")
        elif "fuzzy" in entry["flags"]:
            missing.append(f"fuzzy: {label}")
        elif not all(s.strip() for s in entry["msgstr"]):
            missing.append(f"untranslated: {label}")
    untranslated = [
        f"{key[1]!r}" for key, entry in catalogue.items()
        if key[1] and ("fuzzy" in entry["flags"] or not all(s.strip() for s in entry["msgstr"]))
    ]
    assert not missing and not untranslated, (
        "JavaScript strings without a Simplified Chinese translation in locale/zh_Hans/LC_MESSAGES/djangojs.po:\n  "
        + "\n  ".join(missing + untranslated)
    )


def test_translations_keep_every_placeholder(catalogue):
    wrong = [
        f"{msgid!r} -> {msgstr!r}"
        for (_ctxt, msgid), entry in catalogue.items() if msgid
        for msgstr in entry["msgstr"] if _placeholders(msgstr) != _placeholders(msgid)
    ]
    assert not wrong, "Placeholders differ between msgid and msgstr:\n  " + "\n  ".join(wrong)


def test_committed_mo_matches_the_po(catalogue):
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    stale = [
        msgid for (ctxt, msgid), entry in catalogue.items()
        if msgid and compiled.get(f"{ctxt}\x04{msgid}" if ctxt else msgid) != entry["msgstr"][0]
    ]
    assert not stale, "djangojs.mo is out of date (compilemessages):\n  " + "\n  ".join(map(repr, stale))


@pytest.mark.django_db
def test_the_catalogue_is_served_in_the_language_of_its_address_and_cacheable(client):
    chinese = client.get("/zh-hans/jsi18n/")
    assert chinese.status_code == 200
    assert chinese["Content-Type"].startswith("text/javascript")
    body = chinese.content.decode()
    assert "\\u6587\\u672c\\u4e2d\\u7684\\u95ee\\u9898" in body or "文本中的问题" in body  # Problems in the text
    assert "public" in chinese["Cache-Control"] and "max-age=86400" in chinese["Cache-Control"]
    assert "Last-Modified" in chinese
    again = client.get("/zh-hans/jsi18n/", headers={"if-modified-since": chinese["Last-Modified"]})
    assert again.status_code == 304
    english = client.get("/en/jsi18n/").content.decode()
    assert "\\u6587\\u672c" not in english and "文本" not in english
    assert http_date(0) != chinese["Last-Modified"]  # the compiled catalogue's time


@pytest.mark.django_db
def test_the_article_form_loads_the_catalogue_before_the_workbench(editor_client):
    editor_client.cookies["django_language"] = "zh-hans"
    html = editor_client.get("/admin/articles/article/add/").content.decode()
    catalogue = re.search(r'<script src="(/zh-hans/jsi18n/\?v=\d+)" defer></script>', html)
    assert catalogue, "the Chinese catalogue is not loaded"
    assert html.index(catalogue.group(0)) < html.index("workbench/workbench.js")
