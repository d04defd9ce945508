"""Chief medical editors keep the board's profiles in the admin; editors and board members only look."""

import pytest
from django.contrib.auth.models import User
from reversion.models import Version

from reviews.models import BoardMember
from tests.factories import make_topic
from tests.reviews.conftest import browser_post_data

ADD_URL = "/admin/reviews/boardmember/add/"


@pytest.fixture
def doctor(db):
    return User.objects.create_user("doctor", first_name="Mei", last_name="Lin")


def test_chief_editor_adds_a_profile_with_languages_and_specialties(client, chief_editor, doctor):
    client.force_login(chief_editor)
    knees = make_topic("orthopedics")
    response = client.post(ADD_URL, {
        "user": doctor.pk, "display_name": "Dr Mei Lin", "credentials_en": "MD, PhD", "credentials_zh_hans": "医学博士",
        "languages": ["en", "zh-hans"], "specialties": [knees.pk], "disclosure_en": "None.", "is_active": "on",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    member = BoardMember.objects.get(user=doctor)
    assert member.language_codes == ["en", "zh-hans"]
    assert member.credentials_zh_hans == "医学博士"
    assert list(member.specialties.all()) == [knees]


def test_a_profile_needs_a_language(client, chief_editor, doctor):
    client.force_login(chief_editor)
    response = client.post(ADD_URL, {"user": doctor.pk, "display_name": "Dr Lin", "is_active": "on"})
    assert response.status_code == 200
    assert "languages" in response.context["adminform"].form.errors
    assert not BoardMember.objects.exists()


def test_saving_a_profile_unchanged_makes_no_revision(client, chief_editor, doctor):
    member = BoardMember.objects.create(user=doctor, display_name="Dr Lin", languages="zh-hans")
    client.force_login(chief_editor)
    url = f"/admin/reviews/boardmember/{member.pk}/change/"
    page = client.get(url)
    assert client.post(url, browser_post_data(page)).status_code == 302
    assert not Version.objects.get_for_object(member).exists()
    data = browser_post_data(page, languages=["en", "zh-hans"])
    assert client.post(url, data).status_code == 302
    member.refresh_from_db()
    assert member.language_codes == ["en", "zh-hans"]
    assert Version.objects.get_for_object(member).count() == 1


@pytest.mark.parametrize("role", ["editor", "board_member", "translator"])
def test_other_roles_cannot_add_profiles(request, client, role, doctor):
    client.force_login(request.getfixturevalue(role))
    response = client.post(ADD_URL, {"user": doctor.pk, "languages": ["en"], "is_active": "on"})
    assert response.status_code == 403
    assert not BoardMember.objects.exists()


def test_editors_and_board_members_may_view_profiles(client, editor, board_member):
    for user in (editor, board_member):
        client.force_login(user)
        assert client.get("/admin/reviews/boardmember/").status_code == 200
