"""Admin: previewing an old revision as a reader (language, persona) would have seen it."""

import reversion
from reversion.models import Version

from tests.factories import make_article, make_reference
from tests.staff import make_staff_reader

BODY_V1 = """Intro for everyone.

::: {audience="patient"}
Old words for patients.
:::

::: {audience="physician"}
Old words for clinicians [@smith2020].
:::
"""


def make_history(user):
    make_reference("smith2020", title="Knee cell trial")
    with reversion.create_revision():
        article = make_article(
            slug="cells",
            title="Old question?",
            summary="Old answer.",
            body=BODY_V1,
            title_zh_hans="旧问题？",
            summary_zh_hans="每次注射1.0×10^8个细胞。",
        )
        reversion.set_user(user)
    with reversion.create_revision():
        article.title_en = "New question?"
        article.body_en = "All new."
        article.summary_zh_hans = "每次注射5.0×10^7个细胞。"
        article.save()
        reversion.set_user(user)
    return article, list(Version.objects.get_for_object(article).order_by("pk"))


def shown(html):
    """The revision's text (the page title and breadcrumbs name the live article)."""
    return html.split('<article class="revision-preview"', 1)[1].split("</article>", 1)[0]


def url(article, version, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/admin/articles/article/{article.pk}/history/{version.pk}/preview/?{query}"


def test_preview_shows_the_old_text_for_the_chosen_persona(editor_client, editor):
    article, (old, _new) = make_history(editor)
    html = editor_client.get(url(article, old, lang="en", persona="patient")).content.decode()
    assert "Old question?" in shown(html) and "New question?" not in shown(html)
    assert "Old words for patients." in html and "Old words for clinicians" not in html
    assert "not the live page" in html and "editor" in html

    html = editor_client.get(url(article, old, lang="en", persona="physician")).content.decode()
    assert "Old words for clinicians" in html and "Old words for patients." not in html
    assert 'id="ref-1"' in html and "Knee cell trial" in html


def test_preview_shows_the_chosen_language(editor_client, editor):
    article, (old, new) = make_history(editor)
    html = editor_client.get(url(article, old, lang="zh-hans", persona="patient")).content.decode()
    assert "1.0×10^8个细胞" in html and 'lang="zh-hans"' in html
    html = editor_client.get(url(article, new, lang="zh-hans", persona="patient")).content.decode()
    assert "5.0×10^7个细胞" in html


def test_preview_permissions_and_foreign_versions(client, editor):
    article, (old, _new) = make_history(editor)
    with reversion.create_revision():
        other = make_article(slug="other")
    foreign = Version.objects.get_for_object(other).get()
    client.force_login(make_staff_reader())
    assert client.get(url(article, old)).status_code == 403
    client.force_login(editor)
    assert client.get(url(article, foreign)).status_code == 404
    assert client.get(url(article, old, lang="xx", persona="nobody")).status_code == 200
