"""Punctuation between the parts of a line, as each language writes it.

Chinese uses full-width marks, which carry their own spacing: no space follows "：" or "，"
("最后更新：2026年…"), and a name and its credentials are set apart with "，" rather than ", ".
"""

import re
from dataclasses import dataclass

# CJK symbols and punctuation, and the full-width forms ("：", "，", "（", ...).
_FULL_WIDTH = "\u3000-\u303f\uff00-\uffef"
_ENDS_FULL_WIDTH = re.compile(f"[{_FULL_WIDTH}]$")
# Those and the Chinese characters: text written without spaces between words.
_CHINESE = f"{_FULL_WIDTH}\u3400-\u4dbf\u4e00-\u9fff"
_ENDS_CHINESE = re.compile(f"[{_CHINESE}]$")
_STARTS_CHINESE = re.compile(f"^[{_CHINESE}]")
_WRAPPED = re.compile(r"[ \t]*\n[ \t]*")


@dataclass(frozen=True)
class Separators:
    name_credentials: str  # "Dr A, MD" / "张医生，医学博士"
    items: str  # between two people or entries: "A; B" / "甲；乙"
    label: str  # between a label and what it labels: "2026-01-02: note" / "2026年1月2日：说明"
    enumeration: str  # between the names of a short list: "Knee, Hip" / "膝、髋"


_SEPARATORS = {"zh-hans": Separators("，", "；", "：", "、")}
_DEFAULT = Separators(", ", "; ", ": ", ", ")


def separators(lang):
    return _SEPARATORS.get(lang, _DEFAULT)


def gap_after(label):
    """The space that follows a label ("Last updated:"): none after full-width punctuation."""
    return "" if _ENDS_FULL_WIDTH.search(label or "") else " "


def unwrapped(paragraph):
    """A paragraph's lines joined as one: a space between words, nothing between Chinese
    characters (a file's lines are wrapped where the writer's editor wrapped them)."""
    lines = _WRAPPED.split(paragraph.strip())
    text = lines[0]
    for line in lines[1:]:
        text += ("" if _ENDS_CHINESE.search(text) and _STARTS_CHINESE.search(line) else " ") + line
    return text
