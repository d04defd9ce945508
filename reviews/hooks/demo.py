"""The medical review's part of ``manage.py load_demo`` (registered in ReviewsConfig.ready()
through ``articles/files/demo_hooks.py``): two board members with full profiles (one reads Chinese)
and the demo articles in varied review states, so a new user sees every state:

- msc-knee-dose: approved in English and in Chinese;
- glucosamine-knee-oa: approved in English only;
- metformin-contrast-ct: English under review.

Idempotent: a member's account and profile are created only when missing (an existing one is
left as it is), and a language version's review is set only while its review has no event at
all, so a second run changes nothing and states changed by users since are never overwritten.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.models import Article, Topic
from articles.staff.roles import BOARD, EDITORS, ensure_roles

from ..models import BoardMember, Review
from ..workflow import rules as workflow

MEMBERS = (
    {
        "username": "chen",
        "first_name": "Wei", "last_name": "Chen",
        "display_name": "Dr Wei Chen",
        "credentials_en": "MD, PhD", "credentials_zh_hans": "医学博士、哲学博士",
        "affiliation": "Department of Orthopaedics, Example Medical Centre (fictional)",
        "licence_number": "DEMO-ZH-1024",
        "languages": "en,zh-hans",
        "specialties": ("orthopedics", "regenerative-medicine", "rheumatology"),
        "disclosure_en": "Research grant from a public science foundation; no industry payments.",
        "disclosure_zh_hans": "获公共科学基金会研究资助；无企业付款。",
        "bio_en": "Dr Wei Chen is a fictional orthopaedic surgeon created for this demonstration site.",
        "bio_zh_hans": "陈伟医生是为本演示网站虚构的骨科医生。",
    },
    {
        "username": "novak",
        "first_name": "Anna", "last_name": "Novak",
        "display_name": "Dr Anna Novak",
        "credentials_en": "MD, MPH", "credentials_zh_hans": "医学博士、公共卫生硕士",
        "affiliation": "Clinical Pharmacology Unit, Example University Hospital (fictional)",
        "licence_number": "DEMO-EN-2048",
        "languages": "en",
        "specialties": ("pharmacology", "radiology", "rheumatology", "orthopedics"),
        "disclosure_en": "No relevant financial relationships.",
        "disclosure_zh_hans": "无相关经济利益关系。",
        "bio_en": "Dr Anna Novak is a fictional clinical pharmacologist invented for this demo.",
        "bio_zh_hans": "Anna Novak 医生是为本演示虚构的临床药理学家。",
    },
)

# (slug, language, state to leave it in)
STATES = (
    ("msc-knee-dose", "en", "approved"),
    ("msc-knee-dose", "zh-hans", "approved"),
    ("glucosamine-knee-oa", "en", "approved"),
    ("metformin-contrast-ct", "en", "under_review"),
)
SUBMITTER = "editor"  # load_demo's editor account


def load_demo_reviews(*, accounts, force=False):
    """The load_demo hook; returns (lines, changes). Without demo accounts it does nothing."""
    if not accounts:
        return [], 0
    lines, members, created = sync_members()
    state_lines = set_states(members)
    return lines + state_lines, created + len(state_lines)


def sync_members():
    ensure_roles()
    user_model = get_user_model()
    group = Group.objects.get(name=BOARD)
    lines, members, created = ["Medical Advisory Board demo members (development only):"], [], 0
    for entry in MEMBERS:
        fields = dict(entry)
        username, specialties = fields.pop("username"), fields.pop("specialties")
        first_name, last_name = fields.pop("first_name"), fields.pop("last_name")
        user = user_model.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = user_model.objects.create_user(
                username=username, password=password, is_staff=True, first_name=first_name, last_name=last_name
            )
            user.groups.add(group)
            lines.append(f"  {username} / {password} ({BOARD})")
            created += 1
        else:
            lines.append(f"  {username} already exists, password unchanged ({BOARD})")
        if not BoardMember.objects.filter(user=user).exists():
            member = BoardMember.objects.create(user=user, **fields)
            member.specialties.set(Topic.objects.filter(slug__in=specialties))
            created += 1
        members.append(user)
    return lines, members, created


def _untouched(article, lang):
    review = Review.objects.filter(article=article, language=lang).first()
    return review is None or not review.events.exists()


def set_states(members):
    """Move each untouched demo version to its state; a line per version moved."""
    submitter = get_user_model().objects.filter(username=SUBMITTER, groups__name=EDITORS).first()
    if submitter is None:
        return []
    lines = []
    for slug, lang, target in STATES:
        article = Article.objects.filter(slug=slug).first()
        if article is None or lang not in article.languages() or not _untouched(article, lang):
            continue
        readers = [user for user in members if user.board_profile.reads(lang)]
        try:
            workflow.submit(article, lang, submitter, "Demo: ready for review.")
            if target == "under_review":
                workflow.start_review(article, lang, readers[-1])
            else:
                for reviewer in readers:
                    workflow.approve(article, lang, reviewer, "Demo: checked against the cited sources.")
                    if workflow.status(article, lang).state == target:
                        break
        except workflow.ReviewRefused as refused:
            lines.append(f"  {slug} ({lang}): {refused}")
            continue
        lines.append(f"  {slug} ({lang}): {workflow.status(article, lang).state_label}")
    if lines:
        lines.insert(0, "Medical review states of the demo articles:")
    return lines
