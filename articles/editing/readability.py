"""Readability of the text a lay reader sees, with a target per language.

What is measured: the plain-language summary, the key answer (summary) and the body as a
LAY persona gets them (`lay_text`): clinician-only audience blocks are left out, citation
numbers are dropped, and every heading, paragraph, list item and table cell counts as its
own run of sentences. The title and the glossary notes are not counted.

English — Flesch–Kincaid grade level::

    grade = 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59

Target: grade 6–8 (the usual advice for patient information). Words are runs of Latin
letters (apostrophes kept, hyphens split compounds); numbers and symbols are not words.
Sentences end at ``.``, ``!`` or ``?`` followed by a space or the end of the run, except
after common abbreviations ("e.g.", "vs.", "et al."), and at the end of each block.
Syllables per word are the larger of two estimates: pyphen's en_US hyphenation points + 1
and a count of vowel groups (less a silent final "e" / "-ed"). Both undercount long
medical words ("osteoarthritis" counts 4, not 6), so the grade errs on the easy side.

Chinese (简体中文) — there is no established formula like Flesch–Kincaid, so two figures
that are known to drive difficulty for lay readers are reported:

- average sentence length in Chinese characters, sentences split on ``。！？；!?`` and at the
  end of each block; target ≤ 25 characters per sentence;
- the share of characters outside the 2,500 most frequent ones; target ≤ 5 %. The ranking
  comes from the single-character entries of jieba's bundled dictionary (``dict.txt``),
  ranked by their count: close to, but not the same as, the official list of 2,500 common
  characters (常用字) taught in primary school. It is read once and kept in memory; jieba's
  segmenter is not loaded.

Only Chinese characters are counted; Latin words, digits and punctuation are ignored, and a
"sentence" without any Chinese character (a number in a table cell) is not a sentence.

Limits: these are surface measures. They say nothing about whether a term is explained,
whether the order of ideas is clear, or whether the reader can act on the text; a low grade
or short sentences are necessary for lay readers, not sufficient. Lists and tables of short
items score as easy. Results on short texts (a few sentences) are noisy.
"""

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from importlib import resources

import pyphen

from ..rendering.markdown import render_article

ENGLISH_TARGET_GRADE = (6.0, 8.0)
CHINESE_TARGET_SENTENCE_LENGTH = 25
CHINESE_TARGET_RARE_SHARE = 0.05
COMMON_CHARACTER_COUNT = 2500


@dataclass(frozen=True)
class EnglishReadability:
    words: int
    sentences: int
    syllables: int
    grade: float
    target: tuple[float, float] = ENGLISH_TARGET_GRADE

    @property
    def within_target(self) -> bool:
        low, high = self.target
        return low <= self.grade <= high

    @property
    def too_hard(self) -> bool:
        return self.grade > self.target[1]


@dataclass(frozen=True)
class ChineseReadability:
    characters: int
    sentences: int
    rare_characters: int
    average_sentence_length: float
    rare_share: float
    target_sentence_length: int = CHINESE_TARGET_SENTENCE_LENGTH
    target_rare_share: float = CHINESE_TARGET_RARE_SHARE

    @property
    def sentences_too_long(self) -> bool:
        return self.average_sentence_length > self.target_sentence_length

    @property
    def too_many_rare_characters(self) -> bool:
        return self.rare_share > self.target_rare_share

    @property
    def within_target(self) -> bool:
        return not (self.sentences_too_long or self.too_many_rare_characters)


# --- The lay reader's text ------------------------------------------------------------

_BLOCK_TAGS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "figcaption",
    "caption",
    "div",
    "br",
    "tr",
}


class _TextCollector(HTMLParser):
    """Text of rendered HTML, one string per block, without citation superscripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self._current = []
        self._skip_depth = 0

    def _flush(self):
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag, attrs):
        if self._skip_depth:
            if tag == "sup":
                self._skip_depth += 1
            return
        if tag == "sup" and "citation" in (dict(attrs).get("class") or "").split():
            self._skip_depth = 1
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag):
        if self._skip_depth:
            if tag == "sup":
                self._skip_depth -= 1
            return
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):
        if not self._skip_depth:
            self._current.append(data)

    def close(self):
        super().close()
        self._flush()


def html_blocks(html: str) -> list[str]:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return collector.blocks


def lay_text(summary, body, plain_summary="", *, library, personas, persona="patient") -> list[str]:
    """The blocks of text a lay persona reads: plain summary, key answer, body.

    Raises articles.rendering.markdown.MarkdownError when the Markdown does not render.
    """
    rendered = render_article(summary or "", body or "", persona=persona, library=library, personas=personas)
    blocks = [" ".join(part.split()) for part in re.split(r"\n\s*\n", plain_summary or "")]
    blocks = [block for block in blocks if block]
    return blocks + html_blocks(rendered.summary_html) + html_blocks(rendered.body_html)


# --- English --------------------------------------------------------------------------

_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_ABBREVIATIONS = {
    "e.g",
    "i.e",
    "vs",
    "etc",
    "al",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "approx",
    "fig",
    "no",
    "cf",
}
_SENTENCE_END_RE = re.compile(r"[.!?]+(?=\s|$)")


@cache
def _hyphenator():
    return pyphen.Pyphen(lang="en_US", left=1, right=1)


def _vowel_groups(word: str) -> int:
    word = word.lower()
    count = len(re.findall(r"[aeiouy]+", word))
    if count > 1 and re.search(r"[^aeiouyl]e$", word):  # silent final e ("create" keeps 2 via pyphen)
        count -= 1
    if count > 1 and re.search(r"[^aeiouytd]ed$", word):  # "approved", not "needed"
        count -= 1
    return max(1, count)


def syllables(word: str) -> int:
    """Estimated syllables of an English word (see the module docstring)."""
    by_hyphenation = len(_hyphenator().positions(word.lower())) + 1
    return max(by_hyphenation, _vowel_groups(word))


def english_sentences(block: str) -> list[str]:
    sentences, start = [], 0
    for match in _SENTENCE_END_RE.finditer(block):
        before = block[start : match.start()].split()
        last = before[-1].lower().rstrip(".") if before else ""
        if match.group(0) == "." and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        sentences.append(block[start : match.end()])
        start = match.end()
    sentences.append(block[start:])
    return [sentence for sentence in sentences if _WORD_RE.search(sentence)]


def english_readability(blocks) -> EnglishReadability | None:
    """Flesch–Kincaid grade of the blocks of text; None when there are no words."""
    if isinstance(blocks, str):
        blocks = [blocks]
    sentence_count = word_count = syllable_count = 0
    for block in blocks:
        for sentence in english_sentences(block):
            words = _WORD_RE.findall(sentence)
            sentence_count += 1
            word_count += len(words)
            syllable_count += sum(syllables(word) for word in words)
    if not word_count:
        return None
    grade = 0.39 * (word_count / sentence_count) + 11.8 * (syllable_count / word_count) - 15.59
    return EnglishReadability(
        words=word_count, sentences=sentence_count, syllables=syllable_count, grade=round(grade, 1)
    )


# --- Chinese --------------------------------------------------------------------------

_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CHINESE_SENTENCE_END_RE = re.compile(r"[。！？；!?]+")


@cache
def common_characters(count: int = COMMON_CHARACTER_COUNT) -> frozenset[str]:
    """The ``count`` most frequent single characters of jieba's dictionary."""
    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    singles = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and len(parts[0]) == 1 and _HAN_RE.match(parts[0]):
            singles.append((int(parts[1]), parts[0]))
    singles.sort(key=lambda item: (-item[0], item[1]))
    return frozenset(character for _count, character in singles[:count])


def chinese_readability(blocks) -> ChineseReadability | None:
    """Sentence length and rare-character share; None when there is no Chinese character."""
    if isinstance(blocks, str):
        blocks = [blocks]
    common = common_characters()
    sentence_count = character_count = rare_count = 0
    for block in blocks:
        for sentence in _CHINESE_SENTENCE_END_RE.split(block):
            characters = _HAN_RE.findall(sentence)
            if not characters:
                continue
            sentence_count += 1
            character_count += len(characters)
            rare_count += sum(1 for character in characters if character not in common)
    if not character_count:
        return None
    return ChineseReadability(
        characters=character_count,
        sentences=sentence_count,
        rare_characters=rare_count,
        average_sentence_length=round(character_count / sentence_count, 1),
        rare_share=round(rare_count / character_count, 3),
    )


def readability(lang: str, blocks):
    """The measure for ``lang`` ("en" or "zh-hans"); None for other languages or no text."""
    if lang.startswith("zh"):
        return chinese_readability(blocks)
    if lang.startswith("en"):
        return english_readability(blocks)
    return None
