"""Compare folds the paragraphs that did not change, so the changes stand out."""

import re

from articles.editing.history import folded_diff_html

BEFORE = "## Evidence\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n\nThe dose was 1.0×10^8 cells.\n\nLast one."
AFTER = "## Evidence\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n\nThe dose was 5.0×10^7 cells.\n\nLast one."


def test_unchanged_runs_are_folded_with_their_count():
    html = str(folded_diff_html(BEFORE, AFTER))
    summaries = re.findall(r"<summary>(.*?)</summary>", html)
    assert summaries == ["4 unchanged paragraphs", "1 unchanged paragraph"]
    assert "Second paragraph." in html  # still there, inside the fold
    changed = html.split("</details>")[1]
    assert "<del" in changed and "<ins" in changed and "The dose was" in changed


def test_crlf_text_compares_as_the_same_paragraphs():
    html = str(folded_diff_html(BEFORE.replace("\n", "\r\n"), BEFORE))
    assert "<del" not in html and "<ins" not in html
    assert re.findall(r"<summary>(.*?)</summary>", html) == ["6 unchanged paragraphs"]


def test_added_paragraph_is_marked_and_the_rest_folded():
    html = str(folded_diff_html("One.\n\nTwo.", "One.\n\nNew middle.\n\nTwo."))
    assert html.count("<details") == 2
    assert re.search(r'<ins class="diff-ins">.*New middle\.', html)


def test_folded_text_is_escaped():
    html = str(folded_diff_html("<script>x</script>\n\nA.", "<script>x</script>\n\nB."))
    assert "<script>" not in html


def test_compare_page_folds_the_unchanged_paragraphs_of_the_body(editor_client, editor):
    import reversion
    from reversion.models import Version

    from tests.factories import make_article

    with reversion.create_revision():
        article = make_article(slug="knee", body=BEFORE)
    with reversion.create_revision():
        article.body_en = AFTER
        article.save()
    old, new = Version.objects.get_for_object(article).order_by("pk")
    html = editor_client.get(f"/admin/articles/article/{article.pk}/history/compare/?a={old.pk}&b={new.pk}").content.decode()
    assert '<details class="diff-unchanged"><summary>4 unchanged paragraphs</summary>' in html
    assert "[added: </span>5" in html
