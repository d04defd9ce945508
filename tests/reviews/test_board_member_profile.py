"""Board member profiles: languages reviewed, translated credentials, how readers see names."""

import pytest
import reversion
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from reversion.models import Version

from reviews.models import BoardMember
from reviews.workflow.people import is_board_member, reviewer_credentials, reviewer_name
from tests.reviews.conftest import make_board_member


@pytest.mark.parametrize("languages", ["fr", "en,de", ""])
def test_languages_reviewed_must_be_site_languages(db, languages):
    user = User.objects.create_user("doc")
    member = BoardMember(user=user, languages=languages)
    with pytest.raises(ValidationError) as error:
        member.full_clean()
    assert "languages" in error.value.message_dict


def test_languages_reviewed_are_read_from_the_list(db):
    member = BoardMember(user=User.objects.create_user("doc"), languages="en, zh-hans")
    member.full_clean()
    assert member.language_codes == ["en", "zh-hans"]
    assert member.reads("zh-hans")


def test_readers_see_the_profile_name_and_credentials_in_their_language(db):
    user = make_board_member("lin", display_name="Dr Mei Lin", credentials_en="MD, PhD", credentials_zh_hans="医学博士")
    assert reviewer_name(user) == "Dr Mei Lin"
    assert reviewer_credentials(user, "en") == "MD, PhD"
    assert reviewer_credentials(user, "zh-hans") == "医学博士"


def test_credentials_fall_back_to_the_other_language(db):
    user = make_board_member("okafor", credentials_en="MBBS")
    assert reviewer_credentials(user, "zh-hans") == "MBBS"


def test_a_board_group_member_without_profile_is_named_by_full_name(db):
    user = make_board_member("nopro", profile=False, first_name="Ada", last_name="Park")
    assert is_board_member(user)
    assert reviewer_name(user) == "Ada Park"
    assert reviewer_credentials(user, "en") == ""


def test_an_inactive_profile_is_no_longer_a_board_member(db):
    user = make_board_member("retired", is_active=False)
    assert not is_board_member(user)


def test_an_active_profile_outside_the_group_is_a_board_member(db):
    user = User.objects.create_user("invited")
    BoardMember.objects.create(user=user, languages="en")
    assert is_board_member(user)


def test_profile_history_keeps_every_translated_column(db):
    user = make_board_member("hist")
    member = user.board_profile
    with reversion.create_revision():
        member.credentials_zh_hans = "医学博士"
        member.save()
    field_dict = Version.objects.get_for_object(member).first().field_dict
    for name in ("credentials", "disclosure", "bio"):
        assert f"{name}_en" in field_dict
        assert f"{name}_zh_hans" in field_dict
