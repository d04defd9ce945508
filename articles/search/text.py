"""Text as search sees it: plain (no Markdown), folded (no accents, no case), and for
PostgreSQL's full-text search, Chinese segmented into words with jieba.

The same functions prepare the stored search documents (search/index.py) and the reader's
query (search/query.py), so both sides meet on the same spelling: "Prósper" and "prosper",
"ＣＴ" and "ct" are one word; "注射的剂量" is "注射 的 剂量".
"""

import bisect
import logging
import re
import unicodedata
from functools import lru_cache

_CITATION = re.compile(r"[ \t]*\[@[^\]]*\]")
_FENCE = re.compile(r"^\s*:::.*$", re.MULTILINE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*", re.MULTILINE)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]*>")
_EMPHASIS = re.compile(r"[*_`~]+")
_MARKUP = re.compile(r"[|>]+|^\s*[-+]\s+|^\s*-{3,}\s*$", re.MULTILINE)
_SPACE = re.compile(r"\s+")
# A run of CJK ideographs (what jieba segments); everything else is split on non-word characters.
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def plain_text(markdown):
    """What a reader reads of inline or block Markdown: no citations, fences or markup."""
    text = _CITATION.sub("", markdown or "")
    text = _FENCE.sub(" ", text)
    text = _HEADING.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    text = _MARKUP.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=8192)
def fold_char(char):
    """One character without accents and case, compatibility forms unified (may be "" or longer)."""
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class _FoldTable(dict):
    """str.translate's table for fold(): each character's fold_char, filled in as characters
    are met (one dict lookup per character, no table built per text)."""

    def __missing__(self, code):
        folded = fold_char(chr(code))
        if len(folded) != 1:
            _UNEVEN.add(chr(code))
        self[code] = folded
        return folded


_UNEVEN = set()  # the characters met whose fold is not one character ("…" is "...")
_FOLD = _FoldTable()


def fold(text):
    return (text or "").translate(_FOLD)


class _Positions:
    """For each index of a folded text, the index of the original character it came from,
    when some characters folded to more or fewer than one: found by bisection on the few
    uneven characters instead of a list as long as the text."""

    def __init__(self, text, uneven):
        self._starts, self._ends, self._originals = [], [], []
        shift = 0  # folded index - original index, after the characters seen
        for match in re.finditer("|".join(map(re.escape, sorted(uneven))), text):
            index = match.start()
            length = len(_FOLD[ord(text[index])])
            self._starts.append(index + shift)
            self._ends.append(index + shift + length)
            self._originals.append(index)
            shift += length - 1

    def __getitem__(self, folded_index):
        i = bisect.bisect_right(self._starts, folded_index) - 1  # the last uneven one before
        if i < 0:
            return folded_index
        if folded_index < self._ends[i]:
            return self._originals[i]
        return self._originals[i] + 1 + (folded_index - self._ends[i])


def folded_with_positions(text):
    """(folded text, for each folded character the index of the original character it came from)."""
    folded = text.translate(_FOLD)
    uneven = _UNEVEN.intersection(text) if _UNEVEN else ()
    if not uneven:  # the usual case: one for one
        return folded, range(len(text))
    return folded, _Positions(text, uneven)


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def load_segmenter():
    """Load jieba's dictionary now (about a second and 70 MB): the WSGI entry calls it, so a
    server's first Chinese search (or any search while the glossary has Chinese forms) does
    not pay for it, and workers forked from a preloading server share the pages."""
    _jieba().initialize()


def segment_document(text):
    """Folded text with each run of Chinese split into words, and the shorter words inside
    long ones (jieba's search mode), separated by spaces: what the stored tsvector holds."""
    jieba = _jieba()
    return CJK_RUN.sub(lambda m: " " + " ".join(jieba.cut_for_search(m.group(), HMM=False)) + " ", text)


def segment_query(text):
    """The words of a run of Chinese in a query (jieba's precise mode)."""
    return [word for word in _jieba().cut(text, HMM=False) if word.strip()]
