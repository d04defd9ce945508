"""A board member, in a real browser: logs in, opens the review queue, reads the changes since
the last approval, approves; the article page then names them as its medical reviewer."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User

from articles.staff.roles import BOARD, EDITORS, ensure_roles
from reviews.models import BoardMember
from reviews.workflow import rules as workflow
from tests.reviews.conftest import make_article_with_history, make_board_member, save_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def waiting_article(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    importlib.import_module("articles.migrations.0002_default_personas").create_personas(apps, None)
    ensure_roles()
    editor = User.objects.create_user("writer", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    earlier = make_board_member("earlier")
    article = make_article_with_history(editor, slug="knee", status="published", title="Is rest enough for a sore knee?",
                                        summary="Rest for a week.")
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", earlier)
    save_as(editor, article, summary_en="Rest for two weeks, then exercise.")
    member = User.objects.create_user("mei", password="pw-for-tests-only", is_staff=True)
    member.groups.add(Group.objects.get(name=BOARD))
    BoardMember.objects.create(user=member, display_name="Dr Mei Lin", credentials_en="MD, PhD", languages="en")
    return article


def test_board_member_approves_from_the_queue(page, live_server, waiting_article):
    page.goto(f"{live_server.url}/admin/login/?next=/admin/reviews/reviewqueue/")
    page.fill("#id_username", "mei")
    page.fill("#id_password", "pw-for-tests-only")
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/reviews/reviewqueue/")

    page.get_by_role("link", name="Waiting for anyone").click()
    row = page.locator("tr[data-article='knee']")
    row.get_by_role("link", name="Changes since the last approval").click()
    page.wait_for_url("**/history/compare/**")
    assert "exercise" in page.locator("#revision-diff").inner_text()
    page.go_back()

    page.locator("tr[data-article='knee']").get_by_role("link", name="Is rest enough for a sore knee?").click()
    approve = page.locator("#approve-form input[type=submit]")
    assert approve.get_attribute("value").startswith("Approve revision ")
    approve.click()
    page.get_by_text("You approved revision").wait_for()
    assert page.locator("#review-state").inner_text().strip() == "Approved"

    page.goto(f"{live_server.url}/en/articles/knee/")
    assert " ".join(page.locator(".reviewed-by").inner_text().split()) == "✓ Medically reviewed by Dr Mei Lin, MD, PhD"
