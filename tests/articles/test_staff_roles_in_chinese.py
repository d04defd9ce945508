"""Role groups are rows named in English; the staff accounts admin names each role in the
language of the interface (the Chinese admin listed "Medical Advisory Board", "Editors")."""

import re

import pytest
from django.contrib.auth.models import User

from articles.staff import accounts as staff
from articles.staff.roles import BOARD, EDITORS

LIST = "/admin/articles/staffaccount/"


@pytest.fixture
def chief_client(client, chief_editor):
    client.force_login(chief_editor)
    return client


def test_the_chinese_admin_names_the_roles_in_chinese(chief_client):
    user = User.objects.create_user("lin", is_staff=True, first_name="Lin")
    staff.set_roles(user, list(staff.role_groups().filter(name__in=[BOARD, EDITORS])))

    chinese = chief_client.get(LIST, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "医学顾问委员会, 编辑" in chinese or "编辑, 医学顾问委员会" in chinese
    form = chief_client.get(f"{LIST}{user.pk}/change/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    for label in ("编辑", "医学主编", "医学顾问委员会", "译者"):
        assert re.search(rf'id="id_roles_\d"[^>]*>\s*{label}</label>', form), label

    english = chief_client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Editors, Medical Advisory Board" in english


def test_the_list_filter_names_the_roles_in_the_interface_language(chief_client):
    chinese = chief_client.get(LIST, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    filters = chinese.split('id="changelist-filter"', 1)[1]
    for label in ("编辑", "医学主编", "医学顾问委员会", "译者"):
        assert re.search(rf'<a href="\?groups__id__exact=\d+"[^>]*>{label}</a>', filters), label
    assert "Medical Advisory Board" not in filters

    english = chief_client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert re.search(r'<a href="\?groups__id__exact=\d+"[^>]*>Medical Advisory Board</a>', english)
