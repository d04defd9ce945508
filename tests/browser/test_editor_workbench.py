"""An editor writes, cites, previews, saves and publishes an article using only the form."""

import importlib

import pytest
from django.apps import apps
from playwright.sync_api import expect

from articles.models import Article, Autosave
from references.models import Reference
from tests.browser.idle import close_when_idle
from tests.factories import make_reference
from tests.references.conftest import standin  # noqa: F401 (the stand-in for Crossref and PubMed)
from tests.references.standin import recorded

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-tests-only"
DOI = "10.1371/journal.pone.0033693"


@pytest.fixture
def setup(live_server, editor):
    # A transactional test starts from an emptied database: put the default personas back.
    importlib.import_module("articles.migrations.0002_default_personas").create_personas(apps, None)
    make_reference("smith2024", title="Stem cells for knee osteoarthritis", issued_year=2024,
                   authors=[{"family": "Smith", "given": "Anna"}])
    return live_server


def log_in(page, live_server, username="editor"):
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def test_editor_writes_a_cited_article_with_an_audience_block_using_only_the_form(page, setup):
    live_server = setup
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_slug", "knee-dose")
    page.fill("#id_title_en", "Which dose of stem cells works best in the knee?")
    page.fill("#id_summary_en", "A middle dose.")
    body = page.locator("#id_body_en")
    body.click()
    body.type("## Evidence\n\nPain fell most [@smith20]")
    # A key that does not exist (yet) is shown with its line while typing.
    problem = page.locator("#workbench-problems li", has_text="smith20")
    problem.wait_for()
    assert "line 3" in problem.inner_text()
    page.locator(".workbench-inline-problems", has_text="Line 3").wait_for()

    # Fix it with the picker: remove the half-typed key, search, insert at the cursor.
    for _ in range(len("[@smith20]")):
        body.press("Backspace")
    page.fill("#workbench-search", "knee 2024")
    page.locator(".workbench-result", has_text="smith2024").click()
    body.press("End")
    body.type(".\n\n::: {audience=\"patient caregiver\"}\nRest the knee for two days.\n:::\n")

    preview = page.locator("#workbench-preview")
    preview.locator("text=Rest the knee for two days.").wait_for()
    expect(page.locator("#workbench-problems li")).to_have_count(0)
    assert "Stem cells for knee osteoarthritis" in preview.inner_text()  # the reference list
    assert page.locator("#id_body_en").input_value().count("[@smith2024]") == 1

    page.select_option("#workbench-persona", "physician")
    expect(preview).not_to_contain_text("Rest the knee")

    page.click("input[name=_continue]")
    page.wait_for_url("**/change/")
    article = Article.objects.get(slug="knee-dose")
    assert article.status == "draft"
    assert "Pain fell most [@smith2024]." in article.body_en

    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")
    article.refresh_from_db()
    assert article.status == "published"
    page.goto(f"{live_server.url}/en/articles/knee-dose/?persona=patient")
    assert page.get_by_text("Rest the knee for two days.").is_visible()
    assert not Autosave.objects.exists()


def test_unsaved_text_comes_back_after_the_page_was_closed(browser, setup):
    live_server = setup
    from tests.factories import make_article

    article = make_article(slug="knee", title="Which dose is best?", body="Stored text.")
    make_article_url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"

    context = browser.new_context(locale="en-US")
    page = context.new_page()
    log_in(page, live_server)
    page.goto(make_article_url)
    page.fill("#id_body_en", "Stored text.\n\nA paragraph typed before the tab was closed.")
    # Autosave runs every few seconds; wait until the server has it, then close without saving.
    for _ in range(50):
        if Autosave.objects.filter(article=article).exists():
            break
        page.wait_for_timeout(200)
    page.close()
    article.refresh_from_db()
    assert article.body_en == "Stored text."

    page = context.new_page()
    page.goto(make_article_url)
    offer = page.locator("#workbench-autosave")
    assert "You have unsaved text from" in offer.inner_text()
    page.click("#workbench-restore")
    assert "typed before the tab was closed" in page.locator("#id_body_en").input_value()
    page.click("input[name=_continue]")
    page.wait_for_url("**/change/")
    article.refresh_from_db()
    assert "typed before the tab was closed" in article.body_en
    assert not Autosave.objects.exists()
    close_when_idle(context)


def test_restored_text_does_not_undo_what_another_editor_saved_meanwhile(browser, setup, chief_editor):
    live_server = setup
    import reversion

    from tests.factories import make_article

    with reversion.create_revision():
        article = make_article(slug="knee", title="Which dose is best?", summary="Rest first.", body="Stored text.")
    change_url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"

    editor_context = browser.new_context(locale="en-US")
    page = editor_context.new_page()
    log_in(page, live_server)
    page.goto(change_url)
    page.fill("#id_body_en", "Stored text.\n\nA paragraph typed, then the tab was closed.")
    for _ in range(50):
        if Autosave.objects.filter(article=article).exists():
            break
        page.wait_for_timeout(200)
    page.close()

    # Another editor, in another session, saves a new key answer.
    chief_context = browser.new_context(locale="en-US")
    chief = chief_context.new_page()
    log_in(chief, live_server, username="chief")
    chief.goto(change_url)
    chief.fill("#id_summary_en", "Rest, then exercise.")
    chief.click("input[name=_continue]")
    chief.wait_for_url("**/change/")
    article.refresh_from_db()
    assert article.summary_en == "Rest, then exercise."

    page = editor_context.new_page()
    page.goto(change_url)
    page.click("#workbench-restore")
    page.click("input[name=_continue]")
    expect(page.locator("#content")).to_contain_text("Someone else saved this article while you were editing")
    article.refresh_from_db()
    assert article.summary_en == "Rest, then exercise."  # not undone by the restored text
    # The form holds both edits combined: saving it keeps both.
    assert page.locator("#id_summary_en").input_value() == "Rest, then exercise."
    page.click("input[name=_continue]")
    page.wait_for_url("**/change/")
    article.refresh_from_db()
    assert article.summary_en == "Rest, then exercise."
    assert "A paragraph typed, then the tab was closed." in article.body_en
    close_when_idle(chief_context)
    close_when_idle(editor_context)


def test_editor_adds_a_source_from_its_doi_without_leaving_the_article(page, setup, standin):  # noqa: F811
    """The lookup goes to the loopback stand-in for Crossref (tests/references/standin.py)."""
    standin.crossref_work(DOI, recorded("crossref-work-10.1371-journal.pone.0033693.json"))
    live_server = setup
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    body = page.locator("#id_body_en")
    body.click()
    body.type("Methylphenidate harmed dopamine neurons in mice ")
    page.fill("#workbench-identifier", f"https://doi.org/{DOI}")
    page.click("#workbench-lookup")
    found = page.locator(".workbench-found")
    expect(found).to_contain_text("Add it to the library as [@sadasivan2012]?")
    expect(found).to_contain_text("Methylphenidate Exposure Induces Dopamine Neuron Loss")
    assert not Reference.objects.filter(doi=DOI).exists()  # nothing saved before confirming
    page.click("#workbench-add-reference")
    expect(page.locator("#workbench-new-result")).to_contain_text("Added to the library as [@sadasivan2012].")
    assert body.input_value() == "Methylphenidate harmed dopamine neurons in mice [@sadasivan2012]"
    assert Reference.objects.get(doi=DOI).key == "sadasivan2012"
    # The preview knows the new source: no "unknown key" problem, and it is in the reference list.
    expect(page.locator("#workbench-preview")).to_contain_text("Sadasivan S")
    expect(page.locator("#workbench-problems li")).to_have_count(0)

    # The same DOI again: the library's reference is offered, not a second one.
    page.fill("#workbench-identifier", DOI)
    page.click("#workbench-lookup")
    expect(page.locator("#workbench-new-result")).to_contain_text("Already in the library as [@sadasivan2012]")
    assert Reference.objects.filter(doi__iexact=DOI).count() == 1


def test_the_workbench_speaks_chinese_on_the_chinese_admin(browser, setup):
    """The strings the workbench's JavaScript writes come from the djangojs catalogue."""
    live_server = setup
    context = browser.new_context(locale="zh-CN")
    context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": live_server.url}])
    page = context.new_page()
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    # Written by the script once the first preview came back.
    expect(page.locator("#workbench-status")).to_have_text("表单中文本的预览；尚未保存。")
    body = page.locator("#id_body_zh_hans")  # the Chinese tab opens first on the Chinese admin
    body.click()
    body.type("## 证据\n\n疼痛减轻最多 [@smith20]")
    expect(page.locator("#workbench-problems h3")).to_have_text("文本中的问题")
    expect(page.locator(".workbench-inline-problems li").first).to_contain_text("第 3 行：")
    page.fill("#workbench-search", "no such source anywhere")
    expect(page.locator("#workbench-results")).to_have_text("未找到文献来源。")
    page.fill("#workbench-identifier", "")
    page.click("#workbench-lookup")
    expect(page.locator("#workbench-new-result")).to_have_text("请输入 DOI 或 PubMed ID。")
    close_when_idle(context)
