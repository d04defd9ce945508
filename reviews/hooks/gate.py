"""REVIEW_GATE: what readers see of a text the board has not approved.

``caution`` (default): the latest text, with the caution while it is not approved (the tracker
and caution in review_tags). ``approval``: the last approved text of each language version,
read from the approved history revision; later edits wait for sign-off, and a version never
approved is not shown at all (the page falls back to another language with its note, or is
not found). Installed as the articles app's text provider (``articles/public/text_source.py``).
"""

from django.conf import settings
from reversion.models import Version

from articles.models import Article
from articles.public.text_source import ShownText, set_provider

from ..models import Review
from ..workflow.fingerprint import texts_of_version


def _approved(articles, *, texts):
    """[(review, its approved history version)] of ``articles``, the version's serialized text
    left unread unless ``texts``; each article keeps its reviews for the page's review tags
    (reviews/public/reader.py). Two queries for any number of articles."""
    by_pk = {article.pk: article for article in articles}
    reviews = {pk: {} for pk in by_pk}
    for review in Review.objects.filter(article__in=list(by_pk)):
        reviews[review.article_id][review.language] = review
    for pk, article in by_pk.items():
        article._reviews_by_language = reviews[pk]
    approved = [
        review for per_language in reviews.values() for review in per_language.values()
        if review.approved_fingerprint and review.approved_revision_id
    ]
    if not approved:
        return []
    history = (
        Version.objects.get_for_model(Article)
        .filter(object_id__in={str(r.article_id) for r in approved},
                revision_id__in={r.approved_revision_id for r in approved})
        .select_related("revision")
    )
    if not texts:
        history = history.only("object_id", "revision_id", "revision__date_created")
    versions = {(version.object_id, version.revision_id): version for version in history}
    # An approved revision gone from the history: nothing approved to show.
    return [
        (review, versions[key]) for review in approved
        if (key := (str(review.article_id), review.approved_revision_id)) in versions
    ]


def _changed(article, version):
    """When the approved text changed: at the latest when its revision was made."""
    changed = [d for d in (article.content_updated_at, version.revision.date_created) if d is not None]
    return min(changed) if changed else None


def approved_versions(articles):
    """{article.pk: {lang: ShownText}} of the approved texts (two queries for any number of
    articles), or None under REVIEW_GATE=caution: the live text."""
    if settings.REVIEW_GATE != "approval":
        return None
    by_pk = {article.pk: article for article in articles}
    result = {pk: {} for pk in by_pk}
    for review, version in _approved(articles, texts=True):
        article = by_pk[review.article_id]
        result[article.pk][review.language] = ShownText(
            texts_of_version(version.field_dict, review.language), _changed(article, version)
        )
    return result


def approved_dates(articles):
    """approved_versions() without the texts, {article.pk: {lang: when}}: what the sitemap needs."""
    if settings.REVIEW_GATE != "approval":
        return None
    by_pk = {article.pk: article for article in articles}
    result = {pk: {} for pk in by_pk}
    for review, version in _approved(articles, texts=False):
        result[review.article_id][review.language] = _changed(by_pk[review.article_id], version)
    return result


def install():
    set_provider(approved_versions, dates=approved_dates)
