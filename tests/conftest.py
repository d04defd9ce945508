"""Shared fixtures: one user per role, as the admin and the views see them."""

import pytest
from django.contrib.auth.models import Group, User
from django.utils import translation

from articles.staff.roles import ensure_roles


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """The role fixtures set passwords: the default hasher costs about a second per user on
    this machine. Tests check who may do what, not the strength of the hash."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request to a /zh-hans/ page leaves Chinese active in the thread: reset it."""
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _fresh_response_cache():
    """Each test's database starts over (rolled back, no signals): so do the cached pages."""
    from django.core.cache import cache

    from articles.public import response_cache

    response_cache.bump()
    # An empty database has no article waiting for its publication time.
    cache.set(response_cache.NEXT_PUBLICATION_KEY, 0, None)
    yield


def _user(username, group_name=None, **extra):
    user = User.objects.create_user(username=username, password="pw-for-tests-only", is_staff=True, **extra)
    if group_name:
        ensure_roles()
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return _user("editor", "Editors")


@pytest.fixture
def chief_editor(db):
    return _user("chief", "Chief medical editors")


@pytest.fixture
def board_member(db):
    return _user("board", "Medical Advisory Board")


@pytest.fixture
def translator(db):
    return _user("translator", "Translators")


@pytest.fixture
def outsider(db):
    """A logged-in account with no role at all."""
    return User.objects.create_user(username="outsider", password="pw-for-tests-only")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def outsider_client(client, outsider):
    client.force_login(outsider)
    return client
