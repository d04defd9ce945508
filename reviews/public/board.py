"""The public Medical Advisory Board page: active members, their credentials, specialties,
disclosures, the languages they review and the published articles they signed off."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import override

from articles.models import Article
from articles.public.page import Localized, content_language, localized

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
    """Every active member (profile or, without one, the board group), four queries in all."""
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
        .order_by("last_name", "first_name", "username")
    )
    members += [
        MemberEntry(user_id=user.pk, name=reviewer_name(user), credentials=Localized("", lang),
                    languages=_language_names([code for code, _name in settings.LANGUAGES], lang))
        for user in without_profile
    ]
    _add_reviewed_articles(members, lang)
    return sorted(members, key=lambda member: member.name.casefold())


def _add_reviewed_articles(members, lang):
    by_user = {member.user_id: member for member in members}
    pairs = set(
        SignOff.objects.filter(reviewer_id__in=list(by_user), review__article__in=Article.objects.published())
        .values_list("reviewer_id", "review__article_id")
    )
    articles = Article.objects.published().filter(pk__in={article_id for _user, article_id in pairs}).order_by("slug")
    with override(lang):
        entries = {}
        for article in articles:
            shown = content_language(article, lang)
            title = Localized(article.text("title", shown) or article.slug, shown, shown != lang)
            entries[article.pk] = ReviewedArticle(article.get_absolute_url(), title)
    for user_id, article_id in sorted(pairs):
        if article_id in entries:
            by_user[user_id].articles.append(entries[article_id])
    for member in members:
        member.articles.sort(key=lambda entry: entry.title.text.casefold())
