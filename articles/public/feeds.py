"""/<lang>/feed/: an Atom feed of the articles newly published or substantively updated in
that language. "Substantively updated" means an editor wrote a public update note ("What
changed"); an entry's date is the later of publication and the newest note. Its content is
the key answer and that language's update notes."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Max, Prefetch
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..models import Article, UpdateNote, field_suffix
from ..search.text import plain_text
from . import text_source
from .page import localized

FEED_LENGTH = 30


@dataclass(frozen=True)
class FeedEntry:
    title: str
    url: str
    content: str  # HTML
    published: datetime
    updated: datetime
    topics: tuple


def _newest(limit):
    """Published articles that may be among the ``limit`` newest entries, newest entry first.

    An entry's date is its publication or its newest shown note, so the newest entries are
    among the ``limit`` newest published and the ``limit`` most recently noted articles:
    those are read, not every article (a fixed number of queries, whatever the site's size).
    """
    published = Article.objects.published()
    shown_notes = UpdateNote.objects.filter(withdrawn_at__isnull=True)
    newest = published.order_by("-published_at", "slug").values_list("pk", flat=True)[:limit]
    noted = (
        shown_notes.filter(article__in=published)
        .values("article_id")
        .annotate(latest=Max("created_at"))
        .order_by("-latest")
        .values_list("article_id", flat=True)[:limit]
    )
    articles = list(
        Article.objects.filter(pk__in={*newest, *noted}).prefetch_related(
            "topics", Prefetch("update_notes", queryset=shown_notes)
        )
    )
    for article in articles:
        article.entry_date = max([article.published_at, *(note.created_at for note in article.update_notes.all())])
    articles.sort(key=lambda a: (-a.entry_date.timestamp(), a.slug))
    return articles[:limit]


def feed_entries(lang, limit=FEED_LENGTH):
    """The newest entries of ``lang``'s feed: articles readers may see in that language, with
    the update notes readers see (withdrawn ones left out)."""
    # Twice as many as shown: some have no version readers may see in ``lang``.
    articles = _newest(limit * 2)
    shown = text_source.reader_versions(articles)
    entries = []
    for article in articles:
        if shown is None:
            fields = {name: article.text(name, lang) for name in Article.READER_VISIBLE_FIELDS}
            if lang not in article.languages():
                continue
        elif lang in shown.get(article.pk, {}):
            fields = shown[article.pk][lang].fields
        else:
            continue
        notes = [
            (note.created_at, getattr(note, f"note_{field_suffix(lang)}"))
            for note in article.update_notes.all()
            if getattr(note, f"note_{field_suffix(lang)}")
        ]
        entries.append(
            FeedEntry(
                title=fields["title"],
                url=article.get_absolute_url(),
                content=_entry_content(plain_text(fields["summary"]), notes),
                published=article.published_at,
                updated=article.entry_date,
                topics=tuple(localized(t, "name", lang).text for t in article.topics.all()),
            )
        )
    return entries[:limit]


def _entry_content(answer, notes):
    html = format_html("<p>{}</p>", answer)
    if notes:
        html += format_html(
            "<h3>{}</h3><ul>{}</ul>",
            _("What changed"),
            format_html_join(
                "", "<li>{}: {}</li>", ((date_format(localtime(when), "DATE_FORMAT"), note) for when, note in notes)
            ),
        )
    return html


class ArticleFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        return get_language()

    def title(self, lang):
        return _("MedCMS Health Library: new and updated articles")

    def subtitle(self, lang):
        return _("Articles newly published or updated with a note on what changed.")

    def link(self, lang):
        return reverse("articles:index")

    def feed_url(self, lang):
        return reverse("articles:feed")

    def items(self, lang):
        return feed_entries(lang)

    def item_title(self, entry):
        return entry.title  # Atom titles are text: the generator escapes them

    def item_description(self, entry):
        return entry.content

    def item_link(self, entry):
        return entry.url

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated

    def item_categories(self, entry):
        return entry.topics
