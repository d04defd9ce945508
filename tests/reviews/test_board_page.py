"""The public Medical Advisory Board page, in both languages."""

import pytest

from articles.models import Article
from reviews.workflow import rules as workflow
from tests.factories import make_topic
from tests.reviews.conftest import make_article_with_history, make_board_member


@pytest.fixture
def board(db, editor):
    knees = make_topic("orthopedics", name_en="Orthopedics", name_zh_hans="骨科")
    lin = make_board_member("lin", display_name="Dr Mei Lin", credentials_en="MD, PhD", credentials_zh_hans="医学博士",
                            disclosure_en="Consultant for Example Pharma.", disclosure_zh_hans="担任示例制药顾问。",
                            affiliation="Example Hospital", specialties=[knees])
    make_board_member("park", profile=False, first_name="Ada", last_name="Park")
    make_board_member("gone", display_name="Dr Gone", is_active=False)
    article = make_article_with_history(editor, slug="knee", title="Is rest enough?", title_zh_hans="休息就够了吗？",
                                        summary_zh_hans="通常够。", status="published")
    workflow.submit(article, "en", editor)
    workflow.approve(article, "en", lin)
    make_article_with_history(editor, slug="draft", title="Unpublished", status="draft")
    return lin


def test_the_board_page_lists_active_members_with_credentials_specialties_and_disclosures(client, board):
    html = client.get("/en/board/").content.decode()
    assert f'id="member-{board.pk}"' in html
    assert "Dr Mei Lin" in html and "MD, PhD" in html
    assert "Orthopedics" in html
    assert "Consultant for Example Pharma." in html
    assert "Example Hospital" in html
    assert '<a href="/en/articles/knee/">Is rest enough?</a>' in html
    assert "Ada Park" in html
    assert "Dr Gone" not in html
    assert "Unpublished" not in html


def test_the_board_page_in_chinese(client, board):
    html = client.get("/zh-hans/board/").content.decode()
    assert "医学博士" in html
    assert "骨科" in html
    assert "担任示例制药顾问。" in html


def test_a_member_is_credited_only_with_the_language_version_they_signed_off(client, board, editor):
    # Dr Lin signed off the English text only: the Chinese page links the English version,
    # marked as English, and never claims the Chinese text was reviewed.
    html = client.get("/zh-hans/board/").content.decode()
    assert '<a href="/en/articles/knee/" lang="en">Is rest enough?</a>' in html
    assert "/zh-hans/articles/knee/" not in html
    article = Article.objects.get(slug="knee")
    workflow.submit(article, "zh-hans", editor)
    workflow.approve(article, "zh-hans", board)
    html = client.get("/zh-hans/board/").content.decode()
    assert '<a href="/zh-hans/articles/knee/">休息就够了吗？</a>' in html
    assert '<a href="/en/articles/knee/"' not in html


def test_a_board_member_without_a_name_is_not_listed_by_login_name(client, board):
    make_board_member("board-login", profile=False)
    for lang in ("en", "zh-hans"):
        html = client.get(f"/{lang}/board/").content.decode()
        assert "board-login" not in html


def test_the_board_page_queries_do_not_grow_with_members(client, board, django_assert_max_num_queries):
    for i in range(5):
        make_board_member(f"more{i}", specialties=[make_topic()])
    with django_assert_max_num_queries(6):
        assert client.get("/en/board/").status_code == 200


def test_chinese_lists_use_the_enumeration_comma(client, board):
    html = client.get("/zh-hans/board/").content.decode()
    assert "英文、简体中文" in html


def test_the_chinese_board_page_lists_members_in_pinyin_order(client, board):
    make_board_member("zhang", display_name="张伟")  # zhang
    make_board_member("chen", display_name="陈静")  # chen
    html = client.get("/zh-hans/board/").content.decode()
    assert html.index("陈静") < html.index("张伟")
