"""Writing help in the article form, the full guide in the admin, the format in docs/."""

from pathlib import Path

from django.conf import settings
from django.urls import reverse

from articles.models import Persona

ADD = reverse("admin:articles_article_add")
GUIDE = reverse("admin:articles_article_writing_guide")


def test_the_form_shows_the_syntax_with_the_persona_codes_that_exist(editor_client):
    Persona.objects.create(code="athlete", label="Athlete", order=99)
    html = editor_client.get(ADD).content.decode()
    assert "Writing help" in html
    assert "[@key]" in html
    assert "::: {audience=" in html
    for code in Persona.objects.values_list("code", flat=True):
        assert f">{code}</code>" in html
    assert "| --- | --- |" in html  # tables
    assert f'href="{GUIDE}"' in html


def test_the_guide_lists_every_persona_code(editor_client):
    Persona.objects.create(code="athlete", label="Athlete", order=99)
    html = editor_client.get(GUIDE).content.decode()
    assert "<code>athlete</code>" in html
    assert "<code>physician</code>" in html
    assert "[@smith2024]" in html


def test_the_article_format_is_documented_in_the_project():
    base = Path(settings.BASE_DIR)
    text = (base / "docs" / "article-format.md").read_text()
    for must in ("slug", "lang", "title", "summary", "status", "topics", "references", "revision",
                 "[@key1; @key2]", '::: {audience="patient caregiver"}', "import_article", "export_article",
                 "import_references", "export_references", "evidence", "retracted"):
        assert must in text
    readme = (base / "README.md").read_text()
    assert "../shared" not in readme
    assert "docs/article-format.md" in readme


def test_the_picker_links_to_a_new_reference_only_for_who_may_add_one(editor_client, client, translator):
    add_reference = reverse("admin:references_reference_add")
    assert f'href="{add_reference}"' in editor_client.get(ADD).content.decode()
    from tests.factories import make_article

    article = make_article(slug="knee")
    client.force_login(translator)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "Cite a source" in html
    assert f'href="{add_reference}"' not in html
