""""et al." needs a listed author before it, down to the database."""

import pytest
from django.db import IntegrityError, transaction

from references.models import Reference

pytestmark = pytest.mark.django_db


def test_the_database_refuses_et_al_without_authors():
    with pytest.raises(IntegrityError), transaction.atomic():
        Reference.objects.create(key="nobody", title="Anonymous", authors=[], authors_incomplete=True)


def test_the_database_takes_et_al_after_one_author():
    Reference.objects.create(key="one", title="A trial", authors=[{"family": "Jo"}], authors_incomplete=True)
    assert Reference.objects.get(key="one").authors_incomplete is True
