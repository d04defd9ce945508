"""The zh-hans interface catalogue is complete, compiled, and used by the pages.

The completeness test extracts the translatable strings itself, in pure Python, the way
``makemessages`` finds them (no GNU gettext needed on the machine):

* Python files: calls of ``_``/``gettext``/``gettext_lazy``/``pgettext``/``ngettext``/... with
  literal strings, found with ``ast``;
* templates (``.html``/``.txt``): Django's own ``templatize()`` (what ``makemessages`` feeds to
  xgettext) turns ``{% translate %}``, ``{% blocktranslate %}`` and ``_("...")`` into gettext calls,
  which are then read the same way.

Every string found must have a non-empty, non-fuzzy Simplified Chinese translation in the
committed ``locale/zh_Hans/LC_MESSAGES/django.po``, with the same placeholders, and the committed
``django.mo`` must say the same thing (so ``compilemessages`` was not forgotten).
To fix a failure: ``manage.py makemessages -l zh_Hans --ignore=.venv --ignore=staticfiles
--ignore=tests --ignore=var``, translate, ``manage.py compilemessages -l zh_Hans --ignore=.venv --ignore=var``,
commit both files.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation.template import templatize

from tests.factories import make_article

BASE_DIR = Path(settings.BASE_DIR)
LOCALE_DIR = BASE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"

# What makemessages skips (the --ignore options above, plus what it always ignores).
SKIPPED_DIRS = {".venv", "venv", "staticfiles", "tests", "var", "locale", "node_modules", "__pycache__"}
TEMPLATE_SUFFIXES = {".html", ".txt"}

# gettext function -> (index of msgctxt or None, index of msgid, index of msgid_plural or None)
KEYWORDS = {
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
_CALL_RE = re.compile(r"\b(" + "|".join(sorted(KEYWORDS, key=len, reverse=True)) + r")\(")
PLACEHOLDER_RE = re.compile(
    r"%%|%\([^)]+\)[#0\- +]*\d*(?:\.\d+)?[sdifrx]|%[sdifrx]|\{[A-Za-z_][A-Za-z0-9_]*\}"
)


# --- extraction ------------------------------------------------------------------------------


def _source_files():
    for path in sorted(BASE_DIR.rglob("*")):
        parts = path.relative_to(BASE_DIR).parts
        if any(part in SKIPPED_DIRS or part.startswith(".") for part in parts[:-1]):
            continue
        if path.is_file() and (path.suffix == ".py" or path.suffix in TEMPLATE_SUFFIXES):
            yield path


def _message_from_call(call):
    """(msgctxt, msgid, msgid_plural) of a gettext call with literal arguments, else None."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    if name not in KEYWORDS:
        return None
    ctxt_at, msgid_at, plural_at = KEYWORDS[name]

    def literal(index):
        if index is None:
            return None
        if index >= len(call.args):
            return ...
        arg = call.args[index]
        return arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else ...

    ctxt, msgid, plural = literal(ctxt_at), literal(msgid_at), literal(plural_at)
    if ... in (ctxt, msgid, plural) or not msgid:
        return None
    return ctxt, msgid, plural


def _python_messages(source, where):
    tree = ast.parse(source, filename=str(where))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (message := _message_from_call(node)):
            yield message


def _template_messages(source, where):
    """The gettext calls templatize() writes for a template, read back one call at a time."""
    text = templatize(source, origin=str(where))
    for match in _CALL_RE.finditer(text):
        start = match.start()
        # The call ends at one of the following ")": the first one that makes an expression.
        for end in (m.end() for m in re.finditer(r"\)", text[match.end() :])):
            try:
                expression = ast.parse(text[start : match.end() + end], mode="eval").body
            except SyntaxError:
                continue
            if isinstance(expression, ast.Call) and (message := _message_from_call(expression)):
                yield message
            break


def extracted_messages():
    """{(msgctxt, msgid): [file, ...]} of every translatable string in the project's source."""
    found = {}
    for path in _source_files():
        source = path.read_text(encoding="utf-8")
        relative = path.relative_to(BASE_DIR)
        if path.suffix == ".py":
            if not _CALL_RE.search(source):
                continue
            messages = _python_messages(source, relative)
        else:
            if "{%" not in source and "_(" not in source:
                continue
            messages = _template_messages(source, relative)
        for ctxt, msgid, _plural in messages:
            found.setdefault((ctxt, msgid), []).append(str(relative))
    return found


# --- the committed catalogue -----------------------------------------------------------------


def _unquote(chunks):
    return "".join(ast.literal_eval(chunk) for chunk in chunks)


def parse_po(path):
    """[{ctxt, msgid, plural, msgstr: [..], flags: set}] of a .po file (header included, msgid "")."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        flags, fields, key = set(), {}, None
        for line in block.strip("\n").splitlines():
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue  # comments, references, obsolete (#~) entries
            elif line.startswith('"'):
                fields[key].append(line)
            else:
                key, _space, value = line.partition(" ")
                fields[key] = [value]
        if "msgid" not in fields:
            continue
        entries.append(
            {
                "ctxt": _unquote(fields["msgctxt"]) if "msgctxt" in fields else None,
                "msgid": _unquote(fields["msgid"]),
                "plural": _unquote(fields["msgid_plural"]) if "msgid_plural" in fields else None,
                "msgstr": [_unquote(v) for k, v in sorted(fields.items()) if k.startswith("msgstr")],
                "flags": flags,
            }
        )
    return entries


def _placeholders(text):
    return sorted(PLACEHOLDER_RE.findall(text))


@pytest.fixture(scope="module")
def catalogue():
    entries = parse_po(PO_FILE)
    return {(entry["ctxt"], entry["msgid"]): entry for entry in entries}


# --- tests -----------------------------------------------------------------------------------


def test_extraction_finds_strings_of_every_kind():
    """Guards the extractor itself: Python, contexts, {% translate %} and {% blocktranslate %}."""
    found = extracted_messages()
    assert (None, "Randomized controlled trial") in found  # gettext_lazy in a model
    assert ("Vancouver citation, after the sixth author", "et al.") in found  # pgettext_lazy
    assert (None, "Which best describes you?") in found  # {% translate %}
    assert (
        None,
        "Status: %(status)s. Readers cannot see this page at this address.",
    ) in found  # blocktranslate
    assert (None, "Article review status") in found  # an app's own templates/
    assert len(found) > 150


def test_catalogue_header_is_for_simplified_chinese(catalogue):
    header = catalogue[(None, "")]
    assert "fuzzy" not in header["flags"]
    assert "Language: zh_Hans\n" in header["msgstr"][0]
    assert "Plural-Forms: nplurals=1; plural=0;\n" in header["msgstr"][0]
    assert "charset=UTF-8" in header["msgstr"][0]


def test_every_interface_string_has_a_zh_hans_translation(catalogue):
    missing = []
    for (ctxt, msgid), files in sorted(extracted_messages().items(), key=lambda item: str(item[0])):
        entry = catalogue.get((ctxt, msgid))
        label = (
            f"{msgid!r}" + (f" (context {ctxt!r})" if ctxt else "") + f" in {', '.join(sorted(set(files)))}"
        )
        if entry is None:
            missing.append(f"not in the catalogue: {label}")
        elif "fuzzy" in entry["flags"]:
            missing.append(f"fuzzy: {label}")
        elif not entry["msgstr"] or not all(s.strip() for s in entry["msgstr"]):
            missing.append(f"untranslated: {label}")
    assert not missing, (
        "Interface strings without a Simplified Chinese translation in locale/zh_Hans/LC_MESSAGES/django.po "
        "(run makemessages -l zh_Hans, translate, compilemessages, commit .po and .mo):\n  "
        + "\n  ".join(missing)
    )


def test_translations_keep_every_placeholder(catalogue):
    wrong = []
    for (_ctxt, msgid), entry in catalogue.items():
        if not msgid:
            continue
        wanted = _placeholders(msgid)
        for msgstr in entry["msgstr"]:
            if _placeholders(msgstr) != wanted:
                wrong.append(f"{msgid!r} -> {msgstr!r}")
    assert not wrong, "Placeholders differ between msgid and msgstr:\n  " + "\n  ".join(wrong)


def test_committed_mo_matches_the_po(catalogue):
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    stale = []
    for (ctxt, msgid), entry in catalogue.items():
        if not msgid or "fuzzy" in entry["flags"]:
            continue
        key = f"{ctxt}\x04{msgid}" if ctxt else msgid
        if entry["plural"] is None:
            got = [compiled.get(key)]
        else:
            got = [compiled.get((key, n)) for n in range(len(entry["msgstr"]))]
        if got != entry["msgstr"]:
            stale.append(f"{msgid!r}: .po says {entry['msgstr']!r}, .mo says {got!r}")
    assert not stale, (
        "locale/zh_Hans/LC_MESSAGES/django.mo is out of date; run "
        "manage.py compilemessages -l zh_Hans --ignore=.venv --ignore=var and commit it:\n  " + "\n  ".join(stale)
    )


@pytest.fixture
def _back_to_the_default_language():
    """A request leaves its language active in the thread: do not hand zh-hans to later tests."""
    yield
    translation.deactivate()


@pytest.mark.django_db
@pytest.mark.usefixtures("_back_to_the_default_language")
def test_article_page_interface_is_chinese_under_zh_hans(client):
    make_article(
        "knee-rest",
        lang="zh-hans",
        title="膝关节疼痛时休息有用吗？",
        summary="大多数情况下，短期休息有助于缓解疼痛。",
        body="## 背景\n\n膝关节疼痛很常见。\n",
    )
    response = client.get("/zh-hans/articles/knee-rest/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "膝关节疼痛时休息有用吗？" in html
    for chinese in (
        "医学顾问委员会",
        "文章审核状态",
        "已提交",
        "审核中",
        "已批准",
        "最后更新：",
        "以下哪项最符合您的情况？",
        "核心解答",
        "仅供健康科普参考",
        "查看编辑方针",
        "跳至主要内容",
    ):
        assert chinese in html, chinese
    for english in (
        "Medical Advisory Board",
        "Article review status",
        "Submitted",
        "Under review",
        "Last updated",
        "Which best describes you?",
        "Key answer",
        "For educational use only",
        "View editorial policy",
        "Skip to main content",
    ):
        assert english not in html, english
