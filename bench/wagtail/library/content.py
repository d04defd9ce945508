"""MedCMS article text (Markdown with audience blocks and [@key] citations) as Wagtail content.

Pure functions, no Django: the StreamField JSON of the body, the rich text of the key answer and
the plain summary. A section is a heading and its blocks; a lay block (patients, caregivers)
becomes a rich-text paragraph, a professional block of "- " lines becomes bullet points. Each
citation becomes a numbered link to the reference list (#ref-N), numbered as MedCMS numbers the
article's citations in that language.
"""

import html
import re
import uuid

CITATION = re.compile(r"\[(@[^\]]+)\]")
AUDIENCE = re.compile(r'^::: \{audience="([^"]*)"\}$')


def _block_id(*parts):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(str(part) for part in parts)))


def cited_html(text, numbers):
    """Escaped text with each [@a; @b] as superscript links to the numbered references."""

    def link(match):
        keys = [key.strip().lstrip("@") for key in match.group(1).split(";")]
        links = ", ".join(f'<a href="#ref-{numbers[key]}">{numbers[key]}</a>' for key in keys if key in numbers)
        return f"<sup>{links}</sup>" if links else ""

    parts, last = [], 0
    for match in CITATION.finditer(text):
        parts += [html.escape(text[last:match.start()]), link(match)]
        last = match.end()
    parts.append(html.escape(text[last:]))
    return "".join(parts)


def rich_text(text, numbers):
    """Paragraphs (separated by blank lines) as Wagtail rich text."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{cited_html(' '.join(p.split()), numbers)}</p>" for p in paragraphs)


def body_blocks(markdown, numbers, page_key=""):
    """The StreamField value (list of raw blocks) of one article body."""
    sections, section, audience, lines = [], None, None, []

    def close_block():
        if section is None or not lines:
            return
        if audience and lines[0].startswith("- "):
            items = [line[2:].strip() for line in lines if line.startswith("- ")]
            value = [{"type": "item", "value": f"<p>{cited_html(item, numbers)}</p>",
                      "id": _block_id(page_key, len(sections), len(section["content"]), n)}
                     for n, item in enumerate(items)]
            section["content"].append({"type": "bullet_points", "value": value,
                                       "id": _block_id(page_key, len(sections), len(section["content"]))})
        else:
            section["content"].append({"type": "paragraph", "value": rich_text("\n".join(lines), numbers),
                                       "id": _block_id(page_key, len(sections), len(section["content"]))})

    for raw in (markdown or "").splitlines():
        line = raw.rstrip()
        if line.startswith("## "):
            close_block()
            lines = []
            section = {"heading": line[3:].strip(), "content": []}
            sections.append(section)
        elif (match := AUDIENCE.match(line)) or line == ":::":
            close_block()
            lines, audience = [], (match.group(1) if match else None)
        elif section is not None and (line or lines):
            lines.append(line)
    close_block()
    return [{"type": "section", "value": s, "id": _block_id(page_key, "section", n)} for n, s in enumerate(sections)]
