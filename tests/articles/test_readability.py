"""Readability figures of the lay reader's text (articles/editing/readability.py)."""

import pytest

from articles.editing.readability import (
    chinese_readability,
    common_characters,
    english_readability,
    lay_text,
    readability,
    syllables,
)
from references.models import Reference

PERSONAS = ["patient", "physician"]

SIMPLE_EN = "Stem cells are put in the knee. This may help the pain. We do not know yet. Ask your doctor."
COMPLEX_EN = (
    "Intra-articular administration of mesenchymal stromal cell preparations demonstrated heterogeneous "
    "efficacy regarding osteoarthritic symptomatology, notwithstanding considerable methodological "
    "limitations of the available randomized controlled investigations."
)


def test_simple_english_scores_a_lower_grade_than_complex_english():
    simple, hard = english_readability(SIMPLE_EN), english_readability(COMPLEX_EN)
    assert simple.grade < 6 < 8 < hard.grade
    assert not hard.within_target and hard.too_hard


def test_known_value_of_a_fixed_sentence():
    # The textbook example: 13 words, 24 syllables, one sentence -> grade 11.3.
    figures = english_readability("The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.")
    assert (figures.words, figures.sentences) == (13, 1)
    assert figures.grade == pytest.approx(11.3, abs=0.5)


def test_syllable_estimates_of_common_words():
    assert [syllables(w) for w in ("the", "knee", "injection", "evidence", "people")] == [1, 1, 3, 3, 2]


def test_abbreviations_and_decimals_do_not_end_sentences():
    figures = english_readability("Doses, e.g. 1.0 million cells, vs. placebo were tested. It helped.")
    assert figures.sentences == 2


def test_no_words_gives_no_figure():
    assert english_readability(["", "123 456"]) is None
    assert chinese_readability(["MSC 1.0 × 10⁸"]) is None


def test_chinese_short_sentences_with_common_characters_pass():
    figures = chinese_readability("医生会把细胞打进膝盖。这可能减轻疼痛。现在还不能确定。请问你的医生。")
    assert figures.sentences == 4
    assert figures.average_sentence_length < 25
    assert figures.rare_share <= 0.05
    assert figures.within_target


def test_chinese_long_sentences_are_flagged():
    long_sentence = (
        "在少数比较不同剂量的膝关节骨关节炎试验中每次注射大约一亿个细胞在疼痛和功能方面带来了最大的改善"
        "但是没有任何剂量得到证实也没有任何产品被批准用于这种用途"
    )
    figures = chinese_readability(long_sentence + "。")
    assert figures.sentences == 1
    assert figures.average_sentence_length > 25
    assert figures.sentences_too_long and not figures.within_target


def test_chinese_rare_characters_are_flagged():
    rare = "髌骨软骨。鞘膜积液。龋齿。"  # short sentences, but uncommon characters
    common = common_characters()
    assert len(common) == 2500 and "的" in common and "髌" not in common
    figures = chinese_readability(rare)
    assert figures.average_sentence_length <= 25
    assert figures.rare_share > 0.05
    assert figures.too_many_rare_characters and not figures.within_target


def test_readability_dispatches_by_language():
    assert readability("en", [SIMPLE_EN]).grade < 6
    assert readability("zh-hans", ["你好。"]).characters == 2
    assert readability("fr", ["Bonjour."]) is None


def test_only_the_lay_persona_text_counts():
    library = {"a": Reference(key="a", title="A")}
    body = (
        "## What it is\n\nStem cells go in the knee [@a].\n\n"
        '::: {audience="physician"}\n'
        + COMPLEX_EN
        + "\n:::\n\n"
        + "- It may help.\n- It may not.\n"
    )
    blocks = lay_text("It may help the pain [@a].", body, "A short plain summary.", library=library, personas=PERSONAS)
    assert blocks == [
        "A short plain summary.",
        "It may help the pain .",
        "What it is",
        "Stem cells go in the knee .",
        "It may help.",
        "It may not.",
    ]
    lay = english_readability(blocks)
    assert lay.sentences == 6
    assert lay.within_target or lay.grade < 6
    clinician = lay_text("Answer.", body, library=library, personas=PERSONAS, persona="physician")
    assert english_readability(clinician).grade > lay.grade
