"""Shared by the list query tests: what a list page costs, and what it selects."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import article_long_text_columns


def list_page(client, url):
    """(number of queries, response, SQL of every query) of a GET that must succeed."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries), response, [query["sql"] for query in captured.captured_queries]


def long_text_columns_in(sql_statements):
    """The article text columns (body_en, summary_zh_hans, ...) that any of the statements
    loads as a column of its result (a test on one inside an SQL expression loads no text)."""
    found = set()
    for sql in sql_statements:
        for column in article_long_text_columns():
            if re.search(rf'(\."{column}"|`{column}`)\s*(,|FROM\b)', sql):
                found.add(column)
    return found
