"""Staff accounts outside the editorial roles, for tests of what a role's permissions add."""

from django.contrib.auth.models import Permission, User


def make_staff_reader(username="staff-reader"):
    """A staff account that may view articles in the admin and nothing more: it may not open
    unpublished text (no ``articles.view_unpublished_text``, no change permission)."""
    user = User.objects.create_user(username=username, password="pw-for-tests-only", is_staff=True)
    user.user_permissions.add(Permission.objects.get(content_type__app_label="articles", codename="view_article"))
    return User.objects.get(pk=user.pk)  # no stale permission cache
