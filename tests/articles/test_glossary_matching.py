from articles.rendering.glossary import Entry, GlossaryMatcher


def _marked(texts, entries):
    matcher = GlossaryMatcher(entries)
    found = []
    for text in texts:
        found += [piece[0] for piece in matcher.split(text) if not isinstance(piece, str)]
    return found


OA_EN = Entry("1", ("osteoarthritis", "OA"), "wear of the joint cartilage")
KNEE_OA_EN = Entry("2", ("knee osteoarthritis",), "wear of the cartilage in the knee")
OA_ZH = Entry("3", ("骨关节炎",), "关节软骨磨损")
KNEE_OA_ZH = Entry("4", ("膝关节骨关节炎",), "膝盖软骨磨损")


def test_english_terms_match_whole_words_in_any_case():
    assert _marked(["Osteoarthritis is common."], [OA_EN]) == ["Osteoarthritis"]
    assert _marked(["Not in osteoarthritises or OAK."], [OA_EN]) == []


def test_only_the_first_use_in_the_article_is_marked():
    assert _marked(["OA in the summary.", "More about osteoarthritis."], [OA_EN]) == ["OA"]


def test_chinese_terms_match_without_spaces():
    assert _marked(["膝关节骨关节炎患者中，骨关节炎常见。"], [OA_ZH]) == ["骨关节炎"]


def test_longer_overlapping_term_wins_and_shorter_is_found_later():
    text = "膝关节骨关节炎和髋部骨关节炎不同。"
    assert _marked([text], [OA_ZH, KNEE_OA_ZH]) == ["膝关节骨关节炎", "骨关节炎"]
    assert _marked(["Knee osteoarthritis, unlike osteoarthritis elsewhere"], [OA_EN, KNEE_OA_EN]) == [
        "Knee osteoarthritis",
        "osteoarthritis",
    ]


def test_synonym_counts_as_the_term():
    assert _marked(["OA first, osteoarthritis later."], [OA_EN]) == ["OA"]


def test_no_terms_leaves_text_alone():
    matcher = GlossaryMatcher([])
    assert list(matcher.split("anything")) == ["anything"]
