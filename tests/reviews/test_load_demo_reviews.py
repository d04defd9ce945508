"""load_demo also creates two board members with full profiles (one reads Chinese) and leaves
the demo articles in varied review states; a second run changes nothing and never overwrites
a state a user changed since."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from reviews.models import BoardMember, Review, ReviewEvent, SignOff
from reviews.workflow import rules as workflow


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def states():
    return {
        (article.slug, lang): workflow.status(article, lang).state
        for article in Article.objects.all()
        for lang in article.languages()
    }


@pytest.mark.django_db
def test_demo_articles_are_left_in_varied_review_states():
    out = load_demo()
    assert states() == {
        ("msc-knee-dose", "en"): "approved",
        ("msc-knee-dose", "zh-hans"): "approved",
        ("glucosamine-knee-oa", "en"): "approved",
        ("glucosamine-knee-oa", "zh-hans"): "draft",
        ("metformin-contrast-ct", "en"): "under_review",
        ("metformin-contrast-ct", "zh-hans"): "draft",
    }
    assert "  msc-knee-dose (zh-hans): Approved" in out
    chinese_approver = SignOff.objects.get(review__article__slug="msc-knee-dose", review__language="zh-hans").reviewer
    assert chinese_approver.board_profile.reads("zh-hans")


@pytest.mark.django_db
def test_two_board_members_with_full_profiles_one_reading_chinese():
    out = load_demo()
    members = list(BoardMember.objects.order_by("user__username"))
    assert [m.user.username for m in members] == ["chen", "novak"]
    assert [m.language_codes for m in members] == [["en", "zh-hans"], ["en"]]
    for member in members:
        for name in ("display_name", "credentials_en", "credentials_zh_hans", "affiliation", "licence_number",
                     "disclosure_en", "disclosure_zh_hans", "bio_en", "bio_zh_hans"):
            assert getattr(member, name), name
        assert member.specialties.exists()
        assert member.user.is_staff and member.user.groups.filter(name="Medical Advisory Board").exists()
        assert f"  {member.user.username} / " in out


@pytest.mark.django_db
def test_second_run_changes_nothing_and_keeps_states_users_changed():
    load_demo()
    chen = BoardMember.objects.get(user__username="chen").user
    metformin = Article.objects.get(slug="metformin-contrast-ct")
    workflow.request_changes(metformin, "en", chen, "Name the kidney function threshold.")
    before = (states(), ReviewEvent.objects.count(), SignOff.objects.count(), Review.objects.count())

    out = load_demo()

    assert (states(), ReviewEvent.objects.count(), SignOff.objects.count(), Review.objects.count()) == before
    assert states()[("metformin-contrast-ct", "en")] == "changes_requested"
    assert "chen already exists, password unchanged" in out
    assert "Nothing to do" in out


@pytest.mark.django_db
def test_without_accounts_no_member_and_no_review_is_made():
    load_demo("--no-accounts")
    assert not BoardMember.objects.exists()
    assert not Review.objects.exists()
