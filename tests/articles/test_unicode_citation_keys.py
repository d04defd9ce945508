"""Citation keys in any script, as Pandoc allows them: [@张2020], [@пункт3], [@müller2020]."""

from io import StringIO
from textwrap import dedent

import pytest
from django.core.management import call_command

from articles.models import Article
from articles.rendering.markdown import render_article
from references.models import Reference

PERSONAS = ["patient", "caregiver", "student", "nurse", "pharmacist", "physician"]
KEYS = ["张2020", "пункт3", "müller2020"]


def test_citations_with_keys_in_any_script_are_numbered_and_linked():
    library = {key: Reference(key=key, title=f"Title of {key}") for key in KEYS}

    result = render_article(
        "答案 [@张2020]。", "Siehe [@müller2020; @пункт3].", persona=None, library=library, personas=PERSONAS
    )

    assert [ref.key for ref in result.references] == ["张2020", "müller2020", "пункт3"]
    assert 'href="#ref-1"' in result.summary_html
    assert 'href="#ref-2"' in result.body_html and 'href="#ref-3"' in result.body_html


@pytest.mark.django_db
def test_an_article_file_citing_a_chinese_key_imports(tmp_path):
    path = tmp_path / "article.md"
    path.write_text(
        dedent(
            """
            ---
            slug: unicode-keys
            lang: zh-hans
            title: 问题？
            summary: 答案 [@张2020]。
            references:
              - id: 张2020
                title: 膝关节研究
            ---
            正文 [@张2020]。
            """
        ).lstrip(),
        encoding="utf-8",
    )
    err = StringIO()

    call_command("import_article", str(path), stdout=StringIO(), stderr=err)

    assert err.getvalue() == ""
    article = Article.objects.get(slug="unicode-keys")
    assert list(article.citations.values_list("reference__key", flat=True).distinct()) == ["张2020"]
