"""A reader asks a follow-up question on an article page and gets a confirmation page."""

from articles.models import FollowUpQuestion
from tests.articles.followup_helpers import ask, published_article
from tests.factories import make_article


def test_every_published_article_page_has_the_form(client, db):
    published_article()
    html = client.get("/en/articles/knee-cells/").content.decode()
    box = html[html.index('class="follow-up"'):]
    assert 'action="/en/articles/knee-cells/follow-up/"' in box
    assert 'name="question"' in box and 'name="email"' in box
    assert "csrfmiddlewaretoken" not in box  # the page is cached for every reader: no per-reader token
    assert "Soon you will be able" not in html


def test_a_question_is_stored_with_persona_and_language_then_confirmed(client, db):
    article = published_article()
    response = ask(client, lang="zh-hans", question="我在吃抗凝药，\r\n可以注射吗？", email="reader@example.org",
                   persona="caregiver")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/articles/knee-cells/follow-up/sent/"
    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    assert 'href="/zh-hans/articles/knee-cells/"' in confirmation.content.decode()  # back to the article
    question = FollowUpQuestion.objects.get()
    assert (question.article, question.language, question.persona.code) == (article, "zh-hans", "caregiver")
    assert question.question == "我在吃抗凝药，\n可以注射吗？"
    assert question.email == "reader@example.org"
    assert question.status == "new"


def test_the_persona_from_the_readers_cookie_when_the_form_names_none(client, db):
    published_article()
    client.get("/en/articles/knee-cells/?persona=physician")
    ask(client)
    assert FollowUpQuestion.objects.get().persona.code == "physician"


def test_errors_are_shown_and_what_the_reader_typed_is_kept(client, db):
    published_article()
    response = ask(client, question="  ", email="not-an-address")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Please write your question." in html
    assert "Please enter an email address like name@example.org" in html
    assert 'value="not-an-address"' in html
    response = ask(client, question="What about my knee?", email="not-an-address")
    assert "What about my knee?</textarea>" in response.content.decode()
    assert not FollowUpQuestion.objects.exists()


def test_each_field_points_screen_readers_at_its_own_error(client, db):
    import re

    published_article()
    html = ask(client, question="  ", email="not-an-address").content.decode()
    for name in ("question", "email"):
        described = re.search(rf'<(?:textarea|input)[^>]*name="{name}"[^>]*aria-describedby="([^"]+)"', html)[1]
        assert f"id_{name}_error" in described.split()
        assert f'id="id_{name}_error"' in html  # the id it points at exists


def test_the_follow_up_page_puts_no_full_stop_after_the_question(client, db):
    published_article()
    for lang in ("en", "zh-hans"):
        html = client.get(f"/{lang}/articles/knee-cells/follow-up/").content.decode()
        assert "?</a>." not in html and "？</a>。" not in html


def test_chinese_labels_end_in_a_full_width_colon(client, db):
    published_article()
    html = client.get("/zh-hans/articles/knee-cells/follow-up/").content.decode()
    assert "您的问题：</label>" in html and "您的问题:</label>" not in html


def test_no_questions_on_a_draft(client, db):
    make_article("draft-one", status="draft")
    assert client.get("/en/articles/draft-one/follow-up/").status_code == 404
    assert ask(client, slug="draft-one").status_code == 404
    assert not FollowUpQuestion.objects.exists()
