"""load_demo: the demo site loads through the real importer, once, and only in development."""

import re
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import override_settings
from reversion.models import Revision, Version

from articles.editing.versioning import revision_count
from articles.models import Article, Author, Authorship, Citation, Persona, Topic
from articles.rendering.markdown import render_article
from references.models import Reference

DEMO_DIR = Path(settings.BASE_DIR) / "demo"
DEMO_SLUGS = {"msc-knee-dose", "glucosamine-knee-oa", "metformin-contrast-ct"}
ACCOUNTS = {
    "editor": "Editors",
    "board": "Medical Advisory Board",
    "translator": "Translators",
    "chief": "Chief medical editors",
    # The board members with profiles that reviews adds (reviews/hooks/demo.py).
    "chen": "Medical Advisory Board",
    "novak": "Medical Advisory Board",
}
PASSWORD_LINE_RE = re.compile(r"^\s*(\w+) / (\S+) \((.+)\)$", re.MULTILINE)


def load_demo(*args):
    out, err = StringIO(), StringIO()
    call_command("load_demo", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot():
    """Everything a second run must leave exactly as it was."""
    return {
        "counts": {
            model.__name__: model.objects.count()
            for model in (
                Article,
                Reference,
                Topic,
                Author,
                Authorship,
                Citation,
                User,
                Group,
                Version,
                Revision,
            )
        },
        "articles": {
            a.slug: (a.content_updated_at, a.updated_at, a.published_at, revision_count(a))
            for a in Article.objects.all()
        },
        "references": dict(Reference.objects.values_list("key", "updated_at")),
        "topics": list(Topic.objects.values_list("slug", "name_en", "name_zh_hans", "description_en")),
        "authors": list(
            Author.objects.values_list("slug", "name", "bio_en", "bio_zh_hans", "disclosure_zh_hans")
        ),
        "bylines": list(Authorship.objects.values_list("article__slug", "author__slug", "position")),
        "passwords": dict(User.objects.values_list("username", "password")),
    }


def render(article, lang, persona):
    codes = list(Persona.objects.values_list("code", flat=True))
    library = Reference.objects.in_bulk(field_name="key")
    return render_article(
        article.text("summary", lang),
        article.text("body", lang),
        persona=persona,
        library=library,
        personas=codes,
    )


@pytest.mark.django_db
def test_load_demo_creates_the_articles_in_both_languages_published():
    load_demo("--no-accounts")

    articles = {a.slug: a for a in Article.objects.all()}
    assert set(articles) >= DEMO_SLUGS
    for slug in DEMO_SLUGS:
        article = articles[slug]
        assert article.status == Article.Status.PUBLISHED
        assert article.published_at is not None
        assert article.languages() == ["en", "zh-hans"]
        assert article.authorships.exists()
        assert article.topics.exists()
        assert re.search(r"[\u4e00-\u9fff]", article.text("title", "zh-hans"))
        assert re.search(r"[\u4e00-\u9fff]", article.text("summary", "zh-hans"))
        assert Article.objects.published().filter(slug=slug).exists()


@pytest.mark.django_db
def test_msc_article_cites_at_least_eight_references_of_mixed_evidence():
    load_demo("--no-accounts")
    article = Article.objects.get(slug="msc-knee-dose")

    for lang in ("en", "zh-hans"):
        cited = Reference.objects.filter(citations__article=article, citations__language=lang).distinct()
        assert cited.count() >= 8
        assert {"guideline", "systematic-review", "rct"} <= set(cited.values_list("evidence", flat=True))
    # A key defined only in another file (the ACR guideline) is linked in the Chinese versions too.
    glucosamine = Article.objects.get(slug="glucosamine-knee-oa")
    assert glucosamine.citations.filter(language="zh-hans", reference__key="kolasinski-2020-acr-oa").exists()


@pytest.mark.django_db
def test_topics_and_authors_come_from_site_yaml_in_both_languages():
    load_demo("--no-accounts")

    topic = Topic.objects.get(slug="regenerative-medicine")
    assert topic.name_en == "Regenerative medicine"
    assert topic.name_zh_hans == "再生医学"
    author = Author.objects.get(slug="lena-hartmann")
    assert author.credentials_en and author.credentials_zh_hans
    assert author.disclosure_en and author.disclosure_zh_hans
    assert author.bio_en and author.bio_zh_hans
    byline = Article.objects.get(slug="msc-knee-dose").authorships.order_by("position")
    assert [a.author.slug for a in byline] == ["lena-hartmann", "samuel-okafor"]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_msc_article_renders_for_every_persona_with_different_audience_blocks(lang):
    load_demo("--no-accounts")
    article = Article.objects.get(slug="msc-knee-dose")

    html = {}
    for code in Persona.objects.values_list("code", flat=True):
        rendered = render(article, lang, code)
        assert rendered.body_html and rendered.summary_html
        assert len(rendered.references) >= 8
        html[code] = rendered.body_html
    assert set(html) >= {"patient", "caregiver", "student", "nurse", "pharmacist", "physician"}

    lay_only = "What this means for you" if lang == "en" else "对您意味着什么"
    caregiver_only = "If you help someone decide" if lang == "en" else "如果您在帮家人做决定"
    clinical = "Clinical detail" if lang == "en" else "临床要点"
    critical = "Reading the dose evidence critically" if lang == "en" else "如何审慎解读剂量证据"
    assert lay_only in html["patient"] and caregiver_only not in html["patient"]
    assert caregiver_only in html["caregiver"] and lay_only not in html["caregiver"]
    for code in ("patient", "caregiver"):
        assert clinical not in html[code] and critical not in html[code]
    for code in ("nurse", "pharmacist"):
        assert clinical in html[code] and lay_only not in html[code] and critical not in html[code]
    assert critical in html["student"] and clinical not in html["student"] and lay_only not in html["student"]
    assert (
        clinical in html["physician"] and critical in html["physician"] and lay_only not in html["physician"]
    )
    # The editors' view (no persona) shows every block.
    everything = render(article, lang, None).body_html
    assert lay_only in everything and clinical in everything and critical in everything


@pytest.mark.django_db
def test_second_run_changes_nothing_and_prints_no_password():
    first_out, _err = load_demo()
    passwords = {user: password for user, password, _group in PASSWORD_LINE_RE.findall(first_out)}
    assert set(passwords) == set(ACCOUNTS)
    before = snapshot()

    second_out, _err = load_demo()

    assert snapshot() == before
    assert "Nothing to do" in second_out
    assert not PASSWORD_LINE_RE.search(second_out)
    for username, password in passwords.items():
        assert password not in second_out
        assert f"{username} already exists, password unchanged" in second_out


@pytest.mark.django_db
def test_demo_accounts_are_staff_in_their_role_group_with_the_printed_password():
    out, _err = load_demo()

    printed = {user: (password, group) for user, password, group in PASSWORD_LINE_RE.findall(out)}
    for username, group_name in ACCOUNTS.items():
        user = User.objects.get(username=username)
        assert user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [group_name]
        password, printed_group = printed[username]
        assert printed_group == group_name
        assert len(password) >= 16
        assert user.check_password(password)
    assert len({password for password, _group in printed.values()}) == len(ACCOUNTS)


@pytest.mark.django_db
def test_no_accounts_flag_creates_no_users():
    out, _err = load_demo("--no-accounts")
    assert not User.objects.exists()
    assert "password" not in out.lower()


@pytest.mark.django_db
@override_settings(PRODUCTION=True)
def test_refuses_to_run_in_production():
    with pytest.raises(CommandError, match="development only"):
        load_demo()
    assert not User.objects.exists()
    assert not Article.objects.exists()


def test_production_refusal_is_one_line_and_exit_code_one(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_ENV": "production",
        "SECRET_KEY": "test-only-not-a-secret",
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'never-created.sqlite3'}",
    }
    result = subprocess.run(  # noqa: S603 - fixed argument list
        [sys.executable, "manage.py", "load_demo"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "development only" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "never-created.sqlite3").exists()


@pytest.mark.django_db
def test_a_broken_demo_file_is_reported_line_by_line_and_nothing_is_written(tmp_path):
    demo = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, demo)
    broken = demo / "articles" / "glucosamine-knee-oa.zh-hans.md"
    text = broken.read_text(encoding="utf-8").replace("[@clegg-2006-gait;", "[@no-such-study-1999;", 1)
    text = text.replace('{audience="patient caregiver"}', '{audience="patient astronaut"}', 1)
    broken.write_text(text, encoding="utf-8")

    with pytest.raises(CommandError, match="not loaded") as raised:
        call_command("load_demo", "--demo-dir", str(demo), stdout=StringIO(), stderr=(err := StringIO()))

    errors = err.getvalue().strip().splitlines()
    assert len(errors) >= 2
    assert any("no-such-study-1999" in line for line in errors)
    assert any("astronaut" in line for line in errors)
    assert all(str(broken) in line for line in errors)
    assert "Traceback" not in str(raised.value)
    assert not Article.objects.exists()
    assert not Topic.objects.exists()
    assert not Author.objects.exists()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_site_yaml_problems_are_reported_before_anything_is_written(tmp_path):
    demo = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, demo)
    site = demo / "site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8").replace("authors: [chen-yutong]", "authors: [nobody-here]"),
        encoding="utf-8",
    )

    with pytest.raises(CommandError):
        call_command("load_demo", "--demo-dir", str(demo), stdout=StringIO(), stderr=(err := StringIO()))

    assert "nobody-here" in err.getvalue()
    assert not Article.objects.exists()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_an_edited_demo_file_updates_only_that_article(tmp_path):
    demo = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, demo)
    load_demo("--no-accounts", "--demo-dir", str(demo))
    before = {a.slug: (a.content_updated_at, revision_count(a)) for a in Article.objects.all()}

    path = demo / "articles" / "metformin-contrast-ct.en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("## In short", "## Summary"), encoding="utf-8")
    out, _err = load_demo("--no-accounts", "--demo-dir", str(demo))

    after = {a.slug: (a.content_updated_at, revision_count(a)) for a in Article.objects.all()}
    assert after["metformin-contrast-ct"][0] > before["metformin-contrast-ct"][0]
    assert after["metformin-contrast-ct"][1] == before["metformin-contrast-ct"][1] + 1
    for slug in DEMO_SLUGS - {"metformin-contrast-ct"}:
        assert after[slug] == before[slug]
    assert "Nothing to do" not in out
