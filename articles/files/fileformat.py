"""The article file: YAML front matter between ``---`` lines, then the Markdown body.

The contract is docs/article-format.md. This module only reads and writes the text;
it does not touch the database except to read an article for dump_article(). Checks that
need the database (citation keys, personas, DOIs of other references) are in files/importing.py.

- parse_article(text, source=...) -> (ArticleFile | None, [FileProblem, ...])
- dump_article(article, lang) -> str
"""

import re
from dataclasses import dataclass, field

import yaml
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from references import csl
from references.input_checks import text_problem
from references.models import Reference

from ..editing.versioning import latest_revision_id
from ..models import LANGUAGE_CODES, Article, validate_slug

# "revision" is written by export_article: the history revision the file was exported from,
# so that importing an edited copy cannot silently overwrite changes made since.
FRONT_MATTER_KEYS = (
    "slug",
    "lang",
    "title",
    "summary",
    "plain_summary",
    "status",
    "topics",
    "references",
    "revision",
)
REQUIRED_KEYS = ("slug", "lang", "title", "summary")
STATUSES = tuple(Article.Status.values)  # draft, published, archived
DELIMITER = "---"
# Pandoc also ends a YAML block with "...".
END_DELIMITERS = ("---", "...")


@dataclass(frozen=True)
class FileProblem:
    line: int  # 1-based line in the file
    message: str

    def format(self, source):
        return f"{source}:{self.line}: {self.message}"


@dataclass
class ArticleFile:
    """One language version of one article, as read from a file."""

    slug: str
    lang: str
    title: str
    summary: str
    body: str
    plain_summary: str | None = None  # None: not given in the file (left as it is)
    status: str | None = None  # None: not given in the file
    topics: list | None = None  # None: not given; [] means "no topics"
    references: list = field(default_factory=list)  # CSL-JSON items (dicts)
    revision: int | None = None  # the revision it was exported from, if any
    # Where things are in the file (1-based), to report problems found later.
    body_line: int = 1  # the file line of the body's first line
    summary_line: int = 1  # the file line of the summary's first line of text
    summary_literal: bool = False  # `summary: |`: summary lines are file lines
    summary_source: list = field(default_factory=list)  # [(file line, source text)] of the summary
    key_lines: dict = field(default_factory=dict)  # front-matter key -> line
    reference_lines: list = field(default_factory=list)  # per item: {variable: line, "": item line}

    def file_line(self, field_name, line, message=""):
        """The file line of line `line` (1-based) of the summary or body text.

        A folded or plain summary spans several file lines for one text line: there the
        line is the one that holds what the message quotes ("unknown citation key "x""),
        else the summary's first line.
        """
        if field_name == "body":
            return self.body_line + max(line, 1) - 1
        if field_name == "summary":
            if self.summary_literal:
                return self.summary_line + max(line, 1) - 1
            for quoted in re.findall(r'"([^"]+)"|“([^”]+)”', message):
                needle = quoted[0] or quoted[1]
                for file_line, source in self.summary_source:
                    if needle in source:
                        return file_line
            return self.summary_line
        return self.key_lines.get(field_name, 1)

    def reference_line(self, index, variable=""):
        lines = self.reference_lines[index] if index < len(self.reference_lines) else {}
        return lines.get(variable) or lines.get("", self.key_lines.get("references", 1))


# --- YAML ------------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """SafeLoader that reads every scalar as text except true, false and null.

    Front matter is text: `volume: 1.10`, `PMID: 012345` and `issued: 2025-03-14` stay as
    written instead of becoming a float, an int or a date (which JSON could not store).
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# Booleans as in YAML 1.2 (and Pandoc): only true and false; `yes`, `no`, `on` stay text.
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


class _Dumper(yaml.SafeDumper):
    pass


class _FlowList(list):
    """A list written inline: [a, b]."""


class _FlowDict(dict):
    """A mapping written inline: {family: Smith, given: Anna}."""


def _represent_str(dumper, value):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(
    _FlowList, lambda dumper, value: dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)
)
_Dumper.add_representer(
    _FlowDict, lambda dumper, value: dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)
)


# Deeper or larger than any front matter (references > item > issued > date-parts > [[2025]]
# is five levels): limits that keep the YAML composer out of RecursionError and aliases
# (&name / *name) from expanding into millions of values.
MAX_YAML_DEPTH = 20
MAX_YAML_VALUES = 10_000


class _YamlTooComplex(Exception):
    def __init__(self, mark, message):
        self.line = mark.line  # 0-based
        self.message = message
        super().__init__(message)


def _check_yaml_shape(text):
    """Raise _YamlTooComplex at the first node nested deeper than MAX_YAML_DEPTH or once the
    document, aliases expanded, holds more than MAX_YAML_VALUES values; yaml.YAMLError on a
    syntax error. Reads the events only (no recursion, no expansion)."""
    values = 0
    open_collections = []  # per open collection: [anchor, values before it, height of its content]
    anchors = {}  # anchor -> (values, height) of the node it names
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, before, inner = open_collections.pop()
            if anchor:
                anchors[anchor] = (values - before, inner + 1)
            if open_collections:
                open_collections[-1][2] = max(open_collections[-1][2], inner + 1)
            continue
        if isinstance(event, yaml.CollectionStartEvent):
            open_collections.append([event.anchor, values, 0])
            size, depth = 1, len(open_collections)
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor:
                anchors[event.anchor] = (1, 0)
            size, depth = 1, len(open_collections)
        elif isinstance(event, yaml.AliasEvent):
            size, height = anchors.get(event.anchor, (1, 0))
            depth = len(open_collections) + height
            if open_collections:
                open_collections[-1][2] = max(open_collections[-1][2], height)
        else:
            continue
        values += size
        if depth > MAX_YAML_DEPTH:
            raise _YamlTooComplex(
                event.start_mark,
                _("the front matter is nested more than %(max_depth)s levels deep.") % {"max_depth": MAX_YAML_DEPTH},
            )
        if values > MAX_YAML_VALUES:
            raise _YamlTooComplex(
                event.start_mark,
                _("the front matter is too large once its aliases (*name) are expanded (more than %(max_values)s values).")
                % {"max_values": MAX_YAML_VALUES},
            )


def _load_yaml(text):
    """(node, data) of a YAML document; raises yaml.YAMLError or _YamlTooComplex."""
    _check_yaml_shape(text)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def _mapping_lines(node, first_line):
    """{key: file line} of a mapping node, and the keys that appear more than once."""
    lines, duplicates = {}, []
    for key_node, _value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        line = key_node.start_mark.line + first_line
        if key in lines:
            duplicates.append((key, line))
        else:
            lines[key] = line
    return lines, duplicates


def _value_nodes(node):
    return {key_node.value: value_node for key_node, value_node in node.value if isinstance(key_node, yaml.ScalarNode)}


# --- parsing ---------------------------------------------------------------------------------


def _normalize_newlines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalize_body(text):
    """The body as stored: Unix newlines, no blank lines before it, no trailing whitespace."""
    lines = _normalize_newlines(text or "").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines).rstrip()


def normalize_line_text(text):
    """Title and summary as stored: Unix newlines, stripped."""
    return _normalize_newlines(text or "").strip()


def parse_article(text, source="<article>"):
    """Read one article file. Returns (ArticleFile or None, list of FileProblem).

    Import the ArticleFile only when the list is empty. With problems, it is still returned
    when the front matter could be read at all (so that the caller can check the summary and
    body as well and report everything at once); it is None when the file has no readable
    front matter. `source` is the name used in messages (FileProblem.format(source)).
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    text = _normalize_newlines(text)
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != DELIMITER:
        return None, [
            FileProblem(
                1,
                _(
                    "no YAML front matter: the file must start with a line '---', then slug, lang, title, "
                    "summary, then '---'."
                ),
            )
        ]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in END_DELIMITERS), None)
    if end is None:
        return None, [FileProblem(1, _("the front matter that starts here is not closed by a line '---'."))]
    first_line = 2  # the file line of the YAML's first line
    yaml_text = "\n".join(lines[1:end]) + "\n"
    body_start = end + 1  # 0-based index of the first body line
    body_lines = lines[body_start:]
    blank = 0
    while blank < len(body_lines) and not body_lines[blank].strip():
        blank += 1
    body_line = body_start + blank + 1

    try:
        node, data = _load_yaml(yaml_text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first_line if mark else 1
        message = error.problem or error.context or _("invalid YAML")
        if error.context and error.problem:
            if error.context_mark and error.context_mark.line + first_line != line:
                message = _("%(problem)s (%(context)s that starts on line %(line)s)") % {
                    "problem": error.problem,
                    "context": error.context,
                    "line": error.context_mark.line + first_line,
                }
            else:
                message = f"{error.problem} ({error.context})"
        return None, [FileProblem(line, _("YAML syntax error in the front matter: %(message)s.") % {"message": message})]
    except yaml.YAMLError as error:
        return None, [FileProblem(1, _("YAML error in the front matter: %(error)s.") % {"error": error})]
    except _YamlTooComplex as error:
        return None, [FileProblem(error.line + first_line, error.message)]

    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return None, [FileProblem(1, _("the front matter must be YAML keys and values (slug: ..., lang: ..., ...)."))]

    problems = []
    key_lines, duplicates = _mapping_lines(node, first_line)
    nodes = _value_nodes(node)
    for key, line in duplicates:
        problems.append(FileProblem(line, _("“%(key)s” is given twice in the front matter.") % {"key": key}))
    for key, line in key_lines.items():
        if key not in FRONT_MATTER_KEYS:
            problems.append(
                FileProblem(
                    line,
                    _("unknown front-matter key “%(key)s” (allowed: %(allowed)s).")
                    % {"key": key, "allowed": ", ".join(FRONT_MATTER_KEYS)},
                )
            )

    def line_of(key):
        return key_lines.get(key, 1)

    def text_value(key):
        """A required text key, as written (from the YAML node, so `title: 2024` stays text)."""
        value_node = nodes.get(key)
        if key not in key_lines:
            problems.append(
                FileProblem(
                    1,
                    _("the front matter has no “%(key)s” (required: %(required)s).")
                    % {"key": key, "required": ", ".join(REQUIRED_KEYS)},
                )
            )
            return ""
        if not isinstance(value_node, yaml.ScalarNode) or data.get(key) is None:
            if isinstance(value_node, yaml.ScalarNode):
                problems.append(FileProblem(line_of(key), _("“%(key)s” is empty.") % {"key": key}))
            else:
                problems.append(FileProblem(line_of(key), _("“%(key)s” must be text.") % {"key": key}))
            return ""
        unstorable = text_problem(value_node.value, f"“{key}”")
        if unstorable:
            problems.append(FileProblem(line_of(key), unstorable))
            return ""
        value = normalize_line_text(value_node.value)
        if not value:
            problems.append(FileProblem(line_of(key), _("“%(key)s” is empty.") % {"key": key}))
        return value

    slug = text_value("slug")
    if slug:
        try:
            validate_slug(slug)
        except ValidationError:
            problems.append(
                FileProblem(
                    line_of("slug"),
                    _("slug “%(slug)s”: use lowercase letters, digits and single hyphens, e.g. msc-knee-dose.")
                    % {"slug": slug},
                )
            )
        max_length = Article._meta.get_field("slug").max_length
        if len(slug) > max_length:
            problems.append(
                FileProblem(
                    line_of("slug"),
                    _("slug is too long (at most %(max_length)s characters).") % {"max_length": max_length},
                )
            )

    lang = text_value("lang")
    if lang and lang not in LANGUAGE_CODES:
        problems.append(
            FileProblem(
                line_of("lang"),
                _("lang “%(lang)s” is not one of: %(languages)s.")
                % {"lang": lang, "languages": ", ".join(LANGUAGE_CODES)},
            )
        )

    title = text_value("title")
    max_title = Article._meta.get_field("title").max_length
    if len(title) > max_title:
        problems.append(
            FileProblem(
                line_of("title"),
                _("title is too long (%(length)s characters; at most %(max_length)s).")
                % {"length": len(title), "max_length": max_title},
            )
        )

    summary = text_value("summary")
    summary_line, summary_literal = line_of("summary"), False
    summary_node = nodes.get("summary")
    if isinstance(summary_node, yaml.ScalarNode):
        summary_line = summary_node.start_mark.line + first_line
        if summary_node.style in ("|", ">"):
            summary_line += 1  # the text starts on the line after the | or >
            summary_literal = summary_node.style == "|"
        last = summary_node.end_mark.line + first_line
        summary_source = [(number, lines[number - 1]) for number in range(summary_line, min(last, end) + 1)]
    else:
        summary_source = []

    plain_summary = None
    if "plain_summary" in key_lines:
        raw = data.get("plain_summary")
        if raw is None:
            plain_summary = ""
        elif isinstance(nodes.get("plain_summary"), yaml.ScalarNode):
            plain_summary = normalize_body(nodes["plain_summary"].value)
        else:
            problems.append(FileProblem(line_of("plain_summary"), _("plain_summary must be text.")))

    status = None
    if "status" in key_lines:
        raw = data.get("status")
        if raw not in STATUSES:
            problems.append(
                FileProblem(
                    line_of("status"),
                    _("status “%(status)s” is not one of: %(statuses)s.")
                    % {"status": raw, "statuses": ", ".join(STATUSES)},
                )
            )
        else:
            status = raw

    topics = None
    if "topics" in key_lines:
        raw = data.get("topics")
        topics_node = nodes.get("topics")
        if raw is None:
            topics = []
        elif not isinstance(raw, list):
            problems.append(FileProblem(line_of("topics"), _("topics must be a list of topic slugs, e.g. [orthopedics, pain].")))
        else:
            topics = []
            for index, topic in enumerate(raw):
                line = topics_node.value[index].start_mark.line + first_line
                if not isinstance(topic, str) or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", topic):
                    problems.append(
                        FileProblem(
                            line,
                            _("topic “%(topic)s” is not a slug (lowercase letters, digits, single hyphens).")
                            % {"topic": topic},
                        )
                    )
                elif topic not in topics:
                    topics.append(topic)

    references, reference_lines = [], []
    if "references" in key_lines:
        raw = data.get("references")
        refs_node = nodes.get("references")
        if raw is None:
            raw = []
        if not isinstance(raw, list):
            problems.append(
                FileProblem(
                    line_of("references"),
                    _("references must be a list of CSL items (- id: ..., type: ..., title: ...)."),
                )
            )
        else:
            for index, item in enumerate(raw):
                item_node = refs_node.value[index]
                lines_of_item = {"": item_node.start_mark.line + first_line}
                if isinstance(item_node, yaml.MappingNode):
                    lines_of_item.update(_mapping_lines(item_node, first_line)[0])
                reference_lines.append(lines_of_item)
                _fields, item_problems = csl.parse_item(item)
                for problem in item_problems:
                    line = lines_of_item.get(problem.field) or lines_of_item[""]
                    key = item.get("id") if isinstance(item, dict) else None
                    if key:
                        message = _("reference “%(key)s”: %(message)s") % {"key": key, "message": problem.message}
                    else:
                        message = _("reference %(number)s: %(message)s") % {
                            "number": index + 1,
                            "message": problem.message,
                        }
                    problems.append(FileProblem(line, message))
                references.append(item)

    revision = None
    if "revision" in key_lines:
        raw = data.get("revision")
        if isinstance(raw, int) or (isinstance(raw, str) and raw.isdigit()):
            revision = int(raw)
        elif raw is not None:
            problems.append(
                FileProblem(line_of("revision"), _("revision “%(revision)s” must be a revision number.") % {"revision": raw})
            )

    body = normalize_body("\n".join(body_lines))
    return (
        ArticleFile(
            slug=slug,
            lang=lang,
            title=title,
            summary=summary,
            plain_summary=plain_summary,
            body=body,
            status=status,
            topics=topics,
            references=references,
            revision=revision,
            body_line=body_line,
            summary_line=summary_line,
            summary_literal=summary_literal,
            summary_source=summary_source,
            key_lines=key_lines,
            reference_lines=reference_lines,
        ),
        sorted(problems, key=lambda problem: problem.line),
    )


# --- writing ---------------------------------------------------------------------------------


def _yaml_item(item):
    """A CSL item with names and dates written inline, as in the format's example."""
    item = dict(item)
    if isinstance(item.get("author"), list):
        item["author"] = _FlowList(_FlowDict(name) if isinstance(name, dict) else name for name in item["author"])
    if isinstance(item.get("issued"), dict):
        issued = _FlowDict(item["issued"])
        if isinstance(issued.get("date-parts"), list):
            issued["date-parts"] = _FlowList(
                _FlowList(part) if isinstance(part, list) else part for part in issued["date-parts"]
            )
        item["issued"] = issued
    return item


def cited_references(article, lang):
    """The references the article's version in `lang` cites, in order of first citation."""
    from ..rendering.citations import cited_keys

    keys = cited_keys(article.text("summary", lang), article.text("body", lang))
    by_key = Reference.objects.in_bulk(keys, field_name="key")
    return [by_key[key] for key in keys if key in by_key]


def dump_article(article, lang):
    """The file of one language version of an article; importing it changes nothing."""
    with translation.override(lang):
        front = {
            "slug": article.slug,
            "lang": lang,
            "title": normalize_line_text(article.text("title", lang)),
            "summary": normalize_line_text(article.text("summary", lang)),
            "plain_summary": normalize_body(article.text("plain_summary", lang)),
            "status": article.status,
            "topics": _FlowList(article.topics.order_by("slug").values_list("slug", flat=True)),
            "references": [_yaml_item(csl.reference_to_item(ref)) for ref in cited_references(article, lang)],
        }
        if not front["plain_summary"]:
            del front["plain_summary"]
        revision = latest_revision_id(article)
        if revision is not None:
            front["revision"] = revision
        yaml_text = yaml.dump(
            front,
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=False,
            width=10_000,
        )
    body = normalize_body(article.text("body", lang))
    return f"{DELIMITER}\n{yaml_text}{DELIMITER}\n" + (f"\n{body}\n" if body else "")
