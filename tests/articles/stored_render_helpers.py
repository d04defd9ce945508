"""Shared by the tests of the renders kept in the database (rendering/stored.py; fixtures in
conftest.py): the article's text and a page as a reader gets it."""

import re

BODY = """## Background

Osteoarthritis wears the knee [@ref-b].

::: {audience="patient caregiver"}
Lay words only patients see.
:::

::: {audience="physician nurse"}
Clinical words only clinicians see.
:::
"""


def view(client, persona, url="/en/articles/knee/"):
    response = client.get(url, {"persona": persona})
    assert response.status_code == 200
    return without_csrf_token(response.content.decode())


def without_csrf_token(html):
    """The follow-up form's CSRF token is masked afresh on every response (BREACH defence)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', html)
