"""Helpers of the review tests: board profiles, articles with a history, the review command."""

import io

import pytest
import reversion
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.roles import BOARD, ensure_roles
from reviews.models import BoardMember
from tests.factories import make_article


def make_board_member(username, *, languages="en,zh-hans", profile=True, specialties=(), **fields):
    """A user in the board group, with a profile unless ``profile=False``."""
    user = User.objects.create_user(username=username, password="pw-for-tests-only", is_staff=True,
                                    first_name=fields.pop("first_name", ""), last_name=fields.pop("last_name", ""))
    ensure_roles()
    user.groups.add(Group.objects.get(name=BOARD))
    if profile:
        fields.setdefault("display_name", f"Dr {username.title()}")
        fields.setdefault("credentials_en", "MD")
        member = BoardMember.objects.create(user=user, languages=languages, **fields)
        member.specialties.set(specialties)
    return user


def make_article_with_history(user, **fields):
    """make_article() inside a history revision made by ``user`` (as an admin save would)."""
    with reversion.create_revision():
        article = make_article(**fields)
        reversion.set_user(user)
    return article


def save_as(user, article, **texts):
    """Change fields of an article in a revision made by ``user``."""
    for name, value in texts.items():
        setattr(article, name, value)
    with reversion.create_revision():
        article.save()
        reversion.set_user(user)
    return article


def run_review(*args):
    """manage.py review ...: (exit code, stdout, stderr) as a shell would see them."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("review", *args, stdout=out, stderr=err)
    except CommandError as error:
        # What BaseCommand.run_from_argv prints for a CommandError (exit status 1).
        err.write(f"CommandError: {error}\n")
        return 1, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def reviewer(db):
    """A board member with a profile, reading English and Chinese."""
    return make_board_member("reviewer", display_name="Dr Mei Lin", credentials_en="MD, PhD",
                             credentials_zh_hans="医学博士")


@pytest.fixture
def second_reviewer(db):
    return make_board_member("second", display_name="Dr Sam Okafor", credentials_en="MBBS")
