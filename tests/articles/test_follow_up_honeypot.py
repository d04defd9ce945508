"""A form-filling robot that fills the hidden field is thanked and nothing is stored."""

from articles.models import FollowUpQuestion
from tests.articles.followup_helpers import ask, published_article


def test_the_honeypot_field_is_hidden_from_people(client, db):
    published_article()
    html = client.get("/en/articles/knee-cells/").content.decode()
    assert '<p class="follow-up-form__trap" aria-hidden="true">' in html
    assert 'name="website"' in html


def test_a_filled_honeypot_stores_nothing_and_looks_like_success(client, db):
    published_article()
    response = ask(client, website="https://spam.example", email="bot@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/en/articles/knee-cells/follow-up/sent/"
    assert not FollowUpQuestion.objects.exists()
