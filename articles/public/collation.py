"""Names in the order readers of each language expect: Chinese by its pinyin, as Chinese
dictionaries and indexes order it (code-point order put 心 before 骨, xin before gu), other
text by its case-folded letters. The text itself breaks ties, so the order is total.

The readings come from pypinyin's table of characters, read once per process into a compact
form (a tuple over the main CJK block, about 200 kB). Importing pypinyin itself would load
its phrase dictionary too, 58 MB in every worker, for lists of a few dozen names."""

import functools
import importlib.util
import json
import sys
import unicodedata
from pathlib import Path

_FIRST, _LAST = 0x4E00, 0x9FFF  # CJK Unified Ideographs: every character of our names
_TONES = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def sort_key(text, lang):
    """A key for sorted(): ``text`` as it sorts in a list in language ``lang``."""
    if lang.startswith("zh") and any(_FIRST <= ord(c) <= _LAST for c in text):
        return (_pinyin(text), text)
    return (text.casefold(), text)


def _pinyin(text):
    """"心脏" -> "xin1 zang4 ": each character's first reading, tone as a digit (so syllables
    spelt alike go by tone, as in dictionaries); other characters as they are, case-folded."""
    readings = _readings()
    return "".join(
        readings[ord(c) - _FIRST] + " " if _FIRST <= ord(c) <= _LAST and readings[ord(c) - _FIRST] else c.casefold()
        for c in text
    )


def _tone3(reading):
    """"xīn" -> "xin1", "lǜ" -> "lv4", a neutral tone ("ma") as it is."""
    letters, tone = [], ""
    for c in unicodedata.normalize("NFD", reading):
        if c in _TONES:
            tone = _TONES[c]
        elif c == "\u0308":  # ü
            letters[-1] = "v"
        else:
            letters.append(c)
    return "".join(letters) + tone


@functools.cache
def _readings():
    spec = importlib.util.find_spec("pypinyin")  # finds the package without importing it
    table = json.loads((Path(spec.origin).parent / "pinyin_dict.json").read_text(encoding="utf-8"))
    readings = [""] * (_LAST - _FIRST + 1)
    for code, values in table.items():
        if _FIRST <= int(code) <= _LAST:
            readings[int(code) - _FIRST] = sys.intern(_tone3(values.split(",", 1)[0]))
    return tuple(readings)
