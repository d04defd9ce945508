"""The follow-up form carries no CSRF token (the article page is cached for every reader): a
question sent from the page itself, by a browser that enforces CSRF checks, is stored; one
posted from another site (its browser says so in Origin) is refused and stores nothing."""

from django.test import Client

from articles.models import FollowUpQuestion
from tests.articles.followup_helpers import published_article

DATA = {"question": "Can I have the injection if I take blood thinners?", "persona": "patient"}


def test_a_question_from_the_page_is_stored_without_a_token(db):
    published_article()
    browser = Client(enforce_csrf_checks=True)
    html = browser.get("/en/articles/knee-cells/").content.decode()
    assert "csrfmiddlewaretoken" not in html and "csrftoken" not in browser.cookies
    response = browser.post("/en/articles/knee-cells/follow-up/", DATA, headers={"origin": "http://testserver"})
    assert response.status_code == 302
    assert FollowUpQuestion.objects.get().question == DATA["question"]


def test_a_question_posted_from_another_site_is_refused(db):
    published_article()
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/en/articles/knee-cells/follow-up/", DATA, headers={"origin": "https://evil.example"})
    assert response.status_code == 403
    assert "This form can only be sent from this site." in response.content.decode()
    assert not FollowUpQuestion.objects.exists()
