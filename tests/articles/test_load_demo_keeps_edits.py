"""Running load_demo again (every `make run` does) never overwrites what was edited after it
loaded the demo: the edited article, reference, topic or byline is left as it is with a
one-line note, exit 0. `load_demo --force` puts the demo content back."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from reversion.models import Revision

from articles.files.fileformat import parse_article
from articles.models import Article, Topic
from references.models import Reference

pytestmark = pytest.mark.django_db

DEMO_DIR = Path(settings.BASE_DIR) / "demo"
SLUG = "msc-knee-dose"


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out, stderr=StringIO())  # raises on a non-zero exit
    return out.getvalue()


def demo_file(slug, lang, demo_dir=DEMO_DIR):
    path = demo_dir / "articles" / f"{slug}.{lang}.md"
    article_file, problems = parse_article(path.read_text(encoding="utf-8"), str(path))
    assert not problems
    return article_file


def browser_post(client, url, **changes):
    """Open the admin change form and post it back as a browser does: every field with its
    initial value (hidden ones too, such as the lock token base_revision), CRLF line endings."""
    page = client.get(url)
    assert page.status_code == 200
    shown = [page.context["adminform"].form]
    for inline in page.context.get("inline_admin_formsets", []):
        shown += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in shown:
        for bound in form:
            value = bound.value()
            if bound.field.show_hidden_initial:
                data[bound.html_initial_name] = bound.field.widget.format_value(value)
            if value is None or value is False:
                continue
            if value is True:
                data[bound.html_name] = "on"
            elif isinstance(bound.field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
                data[bound.html_name] = [str(v) for v in value]
            else:
                data[bound.html_name] = str(bound.field.prepare_value(value))
    data.update(changes)
    data = {name: value.replace("\n", "\r\n") if isinstance(value, str) else value for name, value in data.items()}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    return response


def admin_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.fixture
def editor_browser(editor):
    client = Client()
    client.force_login(editor)
    return client


def test_rerun_keeps_an_editors_key_answer_and_body_and_says_so(editor_browser):
    load_demo()
    article = Article.objects.get(slug=SLUG)
    key_answer = "Edited in the admin: 1.0×10^8 cells [@kolasinski-2020-acr-oa]."
    body = article.text("body", "en") + "\n\n## Added by the editor\n\nA new paragraph.\n"
    browser_post(editor_browser, admin_url(article), summary_en=key_answer, body_en=body)
    article.refresh_from_db()
    edited = (article.text("summary", "en"), article.text("body", "en"))
    assert "Added by the editor" in edited[1]
    revisions = Revision.objects.count()

    out = load_demo()

    article.refresh_from_db()
    assert (article.text("summary", "en"), article.text("body", "en")) == edited
    assert f"{SLUG} (en): edited since the demo loaded it; left as it is." in out.splitlines()
    assert "1 updated" not in out
    assert Revision.objects.count() == revisions

    load_demo("--force")

    article.refresh_from_db()
    demo = demo_file(SLUG, "en")
    assert article.text("summary", "en") == demo.summary
    assert article.text("body", "en") == demo.body


def test_a_language_left_as_edited_does_not_stop_the_other_following_the_demo(editor_browser, tmp_path):
    demo_dir = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, demo_dir)
    load_demo("--no-accounts", "--demo-dir", str(demo_dir))
    article = Article.objects.get(slug=SLUG)
    browser_post(editor_browser, admin_url(article), summary_en="Edited key answer.")
    chinese = demo_dir / "articles" / f"{SLUG}.zh-hans.md"
    chinese.write_text(chinese.read_text(encoding="utf-8").replace("## ", "## 新：", 1), encoding="utf-8")

    out = load_demo("--no-accounts", "--demo-dir", str(demo_dir))
    again = load_demo("--no-accounts", "--demo-dir", str(demo_dir))

    article.refresh_from_db()
    assert article.text("summary", "en") == "Edited key answer."
    assert article.text("body", "zh-hans") == demo_file(SLUG, "zh-hans", demo_dir).body
    assert "## 新：" in article.text("body", "zh-hans")
    assert f"{SLUG} (en): edited since the demo loaded it; left as it is." in out.splitlines()
    assert f"{SLUG} (zh-hans)" not in out
    assert f"{SLUG} (en): edited since the demo loaded it; left as it is." in again.splitlines()
    assert article.text("summary", "en") == "Edited key answer."


def test_rerun_keeps_an_unpublished_article_and_its_edited_byline(editor_browser):
    load_demo("--no-accounts")
    article = Article.objects.get(slug=SLUG)
    browser_post(
        editor_browser,
        admin_url(article),
        status="draft",
        **{"authorships-0-DELETE": "on"},
    )
    article.refresh_from_db()
    byline = list(article.authorships.values_list("author__slug", flat=True))
    assert article.status == "draft"

    out = load_demo("--no-accounts")

    article.refresh_from_db()
    assert article.status == "draft"
    assert list(article.authorships.values_list("author__slug", flat=True)) == byline
    assert out.splitlines().count(f"{SLUG}: status, byline edited since the demo loaded it; left as it is.") == 1


def test_rerun_keeps_an_edited_reference_and_topic(editor_browser):
    load_demo("--no-accounts")
    reference = Reference.objects.get(key="kolasinski-2020-acr-oa")
    topic = Topic.objects.get(slug="orthopedics")
    browser_post(editor_browser, admin_url(reference), title="Title corrected by the editor")
    browser_post(editor_browser, admin_url(topic), name_en="Bones and joints")

    out = load_demo("--no-accounts")

    reference.refresh_from_db()
    topic.refresh_from_db()
    assert reference.title == "Title corrected by the editor"
    assert topic.name_en == "Bones and joints"
    lines = out.splitlines()
    assert "reference “kolasinski-2020-acr-oa”: edited since the demo loaded it; left as it is." in lines
    assert "topic “orthopedics”: edited since the demo loaded it; left as it is." in lines

    load_demo("--no-accounts", "--force")

    reference.refresh_from_db()
    topic.refresh_from_db()
    assert reference.title != "Title corrected by the editor"
    assert topic.name_en != "Bones and joints"
