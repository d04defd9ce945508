"""The review permissions of each role, as migrate leaves the groups (no ensure_roles() call)."""

import pytest
from django.contrib.auth.models import Group


def perms(group_name):
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


@pytest.mark.django_db
@pytest.mark.parametrize("group, allowed, refused", [
    ("Editors", {"reviews.submit_review", "reviews.view_review", "reviews.change_reviewschedule"},
     {"reviews.change_boardmember"}),
    ("Chief medical editors", {"reviews.submit_review", "reviews.change_boardmember", "reviews.add_boardmember"}, set()),
    ("Translators", {"reviews.submit_review", "reviews.view_review"}, {"reviews.change_reviewschedule"}),
    ("Medical Advisory Board", {"reviews.view_review", "reviews.view_boardmember"},
     {"reviews.submit_review", "articles.change_article"}),
])
def test_migrate_gives_each_role_its_review_permissions(group, allowed, refused):
    granted = perms(group)
    assert allowed <= granted
    assert not (refused & granted)
