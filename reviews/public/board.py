"""The public Medical Advisory Board page: active members, their credentials, specialties,
disclosures, the languages they review and the published articles they signed off."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import override

from articles.models import Article
from articles.public.collation import sort_key
from articles.public.page import Localized, localized

from ..models import BoardMember, SignOff
from ..workflow.people import reviewer_name


@dataclass(frozen=True)
class ReviewedArticle:
    url: str
    title: Localized


@dataclass
class MemberEntry:
    user_id: int
    name: str
    credentials: Localized
    affiliation: str = ""
    specialties: list = field(default_factory=list)  # [Localized]
    disclosure: Localized | None = None
    bio: Localized | None = None
    languages: list = field(default_factory=list)  # language names, in the page's language
    photo_url: str = ""
    articles: list = field(default_factory=list)  # [ReviewedArticle]

    @property
    def anchor(self):
        return f"member-{self.user_id}"


def _language_names(codes, lang):
    names = dict(settings.LANGUAGES)
    with override(lang):
        return [str(names[code]) for code in codes if code in names]


def build_board(lang):
    """Every active member (profile or, without one, the board group and a full name: is_listed),
    four queries in all."""
    from articles.staff.roles import BOARD

    members = [
        MemberEntry(
            user_id=profile.user_id,
            name=profile.name,
            credentials=localized(profile, "credentials", lang),
            affiliation=profile.affiliation,
            specialties=[localized(topic, "name", lang) for topic in profile.specialties.all()],
            disclosure=localized(profile, "disclosure", lang),
            bio=localized(profile, "bio", lang),
            languages=_language_names(profile.language_codes, lang),
            photo_url=profile.photo_url,
        )
        for profile in BoardMember.objects.active().select_related("user").prefetch_related("specialties")
    ]
    without_profile = (
        get_user_model().objects.filter(is_active=True, groups__name=BOARD, board_profile__isnull=True)
        .exclude(first_name="", last_name="")  # no name to show (is_listed): never a login name
        .order_by("last_name", "first_name", "username")
    )
    members += [
        MemberEntry(user_id=user.pk, name=reviewer_name(user), credentials=Localized("", lang),
                    languages=_language_names([code for code, _name in settings.LANGUAGES], lang))
        for user in without_profile
    ]
    _add_reviewed_articles(members, lang)
    return sorted(members, key=lambda member: sort_key(member.name, lang))


def _add_reviewed_articles(members, lang):
    """Each member's signed-off published articles, in the language version they signed off:
    the page's language when they signed that one off, else the version they did sign off
    (marked as in another language), never a version they did not review."""
    by_user = {member.user_id: member for member in members}
    signed = defaultdict(set)  # (reviewer, article) -> languages signed off
    for user_id, article_id, code in SignOff.objects.filter(
        reviewer_id__in=list(by_user), review__article__in=Article.objects.published()
    ).values_list("reviewer_id", "review__article_id", "review__language"):
        signed[user_id, article_id].add(code)
    articles = Article.objects.published().filter(pk__in={article_id for _user, article_id in signed}).order_by("slug")
    by_id = {article.pk: article for article in articles}
    for (user_id, article_id), codes in sorted(signed.items()):
        article = by_id.get(article_id)
        if article is None:
            continue
        for code in [lang] if lang in codes else sorted(codes):
            with override(code):
                url = article.get_absolute_url()
            title = Localized(article.text("title", code) or article.slug, code, code != lang)
            by_user[user_id].articles.append(ReviewedArticle(url, title))
    for member in members:
        member.articles.sort(key=lambda entry: sort_key(entry.title.text, entry.title.lang))
