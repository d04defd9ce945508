"""What every connection to PostgreSQL is set up with."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_postgresql_connections_do_not_jit_compile_queries():
    """JIT compiling took seconds for page queries that run in milliseconds (a deep index
    page at 100,000 articles); web pages are many short statements, so it stays off."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
