"""The article change form shows the readability of each language version for lay readers."""

from django.urls import reverse

from tests.factories import make_article


def test_change_page_shows_the_readability_of_both_languages(editor_client):
    article = make_article(
        slug="msc",
        summary="Stem cells may help knee pain. We do not know yet.",
        body='::: {audience="physician"}\nHeterogeneous methodological considerations notwithstanding.\n:::\n',
    )
    article.title_zh_hans = "干细胞有用吗？"
    article.summary_zh_hans = "干细胞可能对膝盖有用。现在还不能确定。"
    article.save()

    response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    html = response.content.decode()
    assert "Readability for lay readers" in html
    assert "English: grade" in html
    assert "(target 6–8)" in html
    assert "Simplified Chinese: average sentence 8 characters (target ≤ 25)" in html
    assert "uncommon characters" in html and "(target ≤ 5%)" in html
    # The clinician-only block does not count: the English text is easy.
    assert "English: grade" in html and "too hard for lay readers" not in html


def test_a_version_without_text_says_so(editor_client):
    article = make_article(slug="en-only", summary="Rest helps.")
    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "Simplified Chinese: no text to measure" in html


def test_hard_english_is_called_too_hard(editor_client):
    article = make_article(
        slug="hard",
        summary=(
            "Intra-articular administration of mesenchymal stromal cell preparations demonstrated heterogeneous "
            "efficacy regarding osteoarthritic symptomatology."
        ),
    )
    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "too hard for lay readers" in html
