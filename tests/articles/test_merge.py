"""Three-way merge (articles/editing/merge.py): both editors' changes are kept unless they overlap."""

from articles.editing.merge import merge_states, merge_text

BODY = "## Evidence\n\nTwo trials.\n\n## Harms\n\nPain for a day.\n\n## Cost\n\nHigh."


def test_edits_of_different_fields_are_both_kept():
    base = {"summary_en": "Two injections.", "summary_zh_hans": "注射两次。", "status": "published"}
    theirs = {**base, "summary_en": "Three injections."}
    mine = {**base, "summary_zh_hans": "注射四次。"}

    merged = merge_states(base, theirs, mine)

    assert merged.clean
    assert merged.values == {"summary_en": "Three injections.", "summary_zh_hans": "注射四次。", "status": "published"}


def test_edits_of_different_paragraphs_of_one_body_are_both_kept():
    theirs = BODY.replace("Two trials.", "Three trials.")
    mine = BODY.replace("High.", "Low.")
    assert merge_text(BODY, theirs, mine) == BODY.replace("Two trials.", "Three trials.").replace("High.", "Low.")


def test_edits_of_neighbouring_paragraphs_are_both_kept():
    theirs = BODY.replace("Two trials.", "Three trials.")
    mine = BODY.replace("## Harms", "## Side effects")
    assert merge_text(BODY, theirs, mine) == BODY.replace("Two trials.", "Three trials.").replace(
        "## Harms", "## Side effects"
    )


def test_a_paragraph_added_by_one_and_another_edited_by_the_other_are_both_kept():
    theirs = BODY.replace("Pain for a day.", "Pain for a day.\n\nRarely an infection.")
    mine = BODY.replace("Two trials.", "Two small trials.")
    assert merge_text(BODY, theirs, mine) == (
        "## Evidence\n\nTwo small trials.\n\n## Harms\n\nPain for a day.\n\nRarely an infection.\n\n## Cost\n\nHigh."
    )


def test_the_same_paragraph_changed_by_both_is_a_conflict():
    theirs = BODY.replace("Pain for a day.", "Pain for two days.")
    mine = BODY.replace("Pain for a day.", "Pain for a day, sometimes swelling.")
    assert merge_text(BODY, theirs, mine) is None

    merged = merge_states({"body_en": BODY, "title_en": "Q?"}, {"body_en": theirs, "title_en": "Q?"},
                          {"body_en": mine, "title_en": "Which dose?"})
    assert merged.conflicts == ["body_en"]
    assert merged.values == {"title_en": "Which dose?"}


def test_paragraphs_added_by_both_at_the_same_place_are_a_conflict():
    theirs = BODY + "\n\n## Dose\n\nOne injection."
    mine = BODY + "\n\n## Dose\n\nTwo injections."
    assert merge_text(BODY, theirs, mine) is None


def test_the_same_change_made_by_both_is_not_a_conflict():
    theirs = mine = BODY.replace("High.", "Low.")
    assert merge_text(BODY, theirs, mine) == mine
    both_edited = BODY.replace("High.", "Low.").replace("Two trials.", "Three trials.")
    assert merge_text(BODY, BODY.replace("High.", "Low."), both_edited) == both_edited


def test_crlf_from_the_browser_does_not_create_a_conflict():
    browser = BODY.replace("High.", "Low.").replace("\n", "\r\n") + "\r\n"
    theirs = BODY.replace("Two trials.", "Three trials.")
    assert merge_text(BODY, theirs, browser) == BODY.replace("Two trials.", "Three trials.").replace("High.", "Low.")
    # A text the editor did not touch, sent back with CRLF, takes their change as it is.
    merged = merge_states({"body_en": BODY}, {"body_en": theirs}, {"body_en": BODY.replace("\n", "\r\n")})
    assert merged.values == {"body_en": theirs}
    # Stored with CRLF (an old import), edited in the browser: still no conflict.
    crlf_base = BODY.replace("\n", "\r\n")
    assert merge_text(crlf_base, theirs, browser) is not None


def test_a_text_without_blank_lines_is_merged_line_by_line():
    base = "- Rest\n- Ice\n- Elevation"
    theirs = "- Rest for two days\n- Ice\n- Elevation"
    mine = "- Rest\n- Ice\n- Raise the leg"
    assert merge_text(base, theirs, mine) == "- Rest for two days\n- Ice\n- Raise the leg"
    assert merge_text(base, theirs, "- Rest a week\n- Ice\n- Elevation") is None


def test_chinese_paragraphs_merge_like_english_ones():
    base = "## 证据\n\n两项试验。\n\n## 风险\n\n疼痛一天。"
    theirs = base.replace("两项试验。", "三项试验。")
    mine = base.replace("疼痛一天。", "疼痛两天。")
    assert merge_text(base, theirs, mine) == "## 证据\n\n三项试验。\n\n## 风险\n\n疼痛两天。"


def test_status_slug_and_topics_changed_differently_by_both_are_conflicts():
    base = {"status": "draft", "slug": "knee", "topics": [1, 2]}
    theirs = {"status": "published", "slug": "knee-dose", "topics": [2, 1, 3]}
    mine = {"status": "archived", "slug": "knee", "topics": [1, 2]}
    merged = merge_states(base, theirs, mine)
    assert merged.conflicts == ["status"]
    assert merged.values == {"slug": "knee-dose", "topics": [1, 2, 3]}
