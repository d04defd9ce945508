"""Text as search sees it: plain (no Markdown), folded (no accents, no case), and for
PostgreSQL's full-text search, Chinese segmented into words with jieba.

The same functions prepare the stored search documents (search/index.py) and the reader's
query (search/query.py), so both sides meet on the same spelling: "Prósper" and "prosper",
"ＣＴ" and "ct" are one word; "注射的剂量" is "注射 的 剂量".
"""

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


def _fold_table(text):
    return {ord(c): fold_char(c) for c in set(text)}


def fold(text):
    return (text or "").translate(_fold_table(text or ""))


def folded_with_positions(text):
    """(folded text, for each folded character the index of the original character it came from)."""
    table = _fold_table(text)
    if all(len(folded) == 1 for folded in table.values()):  # the usual case: one for one
        return text.translate(table), range(len(text))
    folded, positions = [], []
    for index, char in enumerate(text):
        for c in table[ord(char)]:
            folded.append(c)
            positions.append(index)
    return "".join(folded), positions


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def segment_document(text):
    """Folded text with each run of Chinese split into words, and the shorter words inside
    long ones (jieba's search mode), separated by spaces: what the stored tsvector holds."""
    jieba = _jieba()
    return CJK_RUN.sub(lambda m: " " + " ".join(jieba.cut_for_search(m.group(), HMM=False)) + " ", text)


def segment_query(text):
    """The words of a run of Chinese in a query (jieba's precise mode)."""
    return [word for word in _jieba().cut(text, HMM=False) if word.strip()]
