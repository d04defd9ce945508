from functools import lru_cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Prefetch, Q
from django.db.models.functions import Coalesce
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from references.models import Reference

from .editing.textnorm import normalize_text

validate_slug = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    _("Use lowercase letters, digits and single hyphens, e.g. msc-knee-dose."),
)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def field_suffix(lang):
    """The column suffix modeltranslation uses for a language code (zh-hans -> zh_hans)."""
    return lang.replace("-", "_")


_SLUG_MARK = "slug-mark-0"  # a slug (validate_slug) found nowhere else in the URL


@lru_cache(maxsize=64)
def _detail_url_parts(lang, script_prefix, urlconf):
    """(before, after) the slug in an article's URL in ``lang`` under that script prefix and
    URL configuration (both read by reverse())."""
    with override(lang):
        url = reverse("articles:detail", args=[_SLUG_MARK])
    before, after = url.rsplit(_SLUG_MARK, 1)
    return before, after


# The long text fields of an article: lists never load them (ArticleQuerySet.without_long_text).
ARTICLE_LONG_TEXT_FIELDS = ("summary", "body", "plain_summary")


def article_long_text_columns(fields=ARTICLE_LONG_TEXT_FIELDS):
    """The database columns of ``fields`` (ARTICLE_LONG_TEXT_FIELDS): modeltranslation's base
    column and one per language (body, body_en, body_zh_hans, ...)."""
    return tuple(
        column
        for name in fields
        for column in (name, *(f"{name}_{field_suffix(lang)}" for lang in LANGUAGE_CODES))
    )


def reader_visible_columns():
    """The per-language columns of Article.READER_VISIBLE_FIELDS (title_en, body_zh_hans, ...)."""
    return tuple(
        f"{name}_{field_suffix(lang)}" for name in ("title", "summary", "body", "plain_summary") for lang in LANGUAGE_CODES
    )


# Article._loaded_state of an article loaded without its texts: read them back before a save.
_STORED_STATE = object()


class Topic(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True, validators=[validate_slug])
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name or self.slug

    def get_absolute_url(self):
        return reverse("articles:topic", args=[self.slug])


class Persona(models.Model):
    """A kind of reader ("Which best describes you?") the page adapts its language to."""

    class SchemaAudience(models.TextChoices):
        PATIENT = "Patient", "Patient"
        PEOPLE = "PeopleAudience", "PeopleAudience"
        MEDICAL = "MedicalAudience", "MedicalAudience"

    code = models.SlugField(_("code"), max_length=40, unique=True, validators=[validate_slug])
    label = models.CharField(_("label"), max_length=80)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_lay = models.BooleanField(
        _("lay reader"),
        default=True,
        help_text=_("Lay readers get plain language, lay explanations and the plain disclaimer."),
    )
    schema_audience = models.CharField(
        _("schema.org audience"), max_length=20, choices=SchemaAudience.choices, default=SchemaAudience.PATIENT
    )
    disclaimer = models.TextField(_("disclaimer"), blank=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("persona")
        verbose_name_plural = _("personas")

    def __str__(self):
        return self.label or self.code


class Author(models.Model):
    """Who wrote an article, shown to readers with credentials and disclosure."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, validators=[validate_slug])
    credentials = models.CharField(_("credentials"), max_length=200, blank=True, help_text=_("e.g. MD, PhD"))
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    disclosure = models.TextField(
        _("disclosure"), blank=True, help_text=_("Conflicts of interest; leave empty only if there are none.")
    )
    bio = models.TextField(_("biography"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


def _has_version_in(lang):
    """The article has a ``lang`` version: a title and a key answer (translated columns)."""
    title, summary = f"title_{field_suffix(lang)}", f"summary_{field_suffix(lang)}"
    return Q(**{f"{title}__isnull": False, f"{summary}__isnull": False}) & ~Q(**{title: ""}) & ~Q(**{summary: ""})


def _has_a_language_version():
    """Some language has both a title and a key answer (translated columns, see translation.py)."""
    condition = Q()
    for lang in LANGUAGE_CODES:
        condition |= _has_version_in(lang)
    return condition


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def with_page_data(self):
        """What the article page shows besides the text: topics, ordered authors, translation
        freshness and the public update notes. (Reader pages read the same rows for one
        article in leaner queries: public/page_data.py.)"""
        return self.prefetch_related(
            "topics",
            # By language only: the default order joins the articles to sort by theirs.
            Prefetch("language_versions", queryset=LanguageVersion.objects.order_by("language")),
            "update_notes",
            Prefetch("authorships", queryset=Authorship.objects.select_related("author")),
        )

    def with_text_dates(self):
        """Annotates ``text_changed_en``, ``text_changed_zh_hans``, ...: when each language
        version's text last changed (Article.text_updated_at), in the same query."""
        return self.annotate(
            **{
                f"text_changed_{field_suffix(lang)}": models.Subquery(
                    LanguageVersion.objects.filter(article=models.OuterRef("pk"), language=lang)
                    .order_by()  # one row at most; the default order would join the articles
                    .values("text_changed_at")[:1]
                )
                for lang in LANGUAGE_CODES
            }
        )

    def with_citation_count(self):
        """Annotates ``citation_count``: how many references the article cites (any language).

        A correlated subquery rather than a JOIN with COUNT(DISTINCT): evaluated for the rows
        a list shows only (PostgreSQL computes it after ORDER BY ... LIMIT), and left out of
        the list's COUNT(*), so a page costs the same at 100 or 100,000 articles."""
        per_article = (
            Citation.objects.filter(article=models.OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(n=models.Count("reference", distinct=True))
            .values("n")
        )
        return self.annotate(
            citation_count=Coalesce(models.Subquery(per_article), 0)
        )

    def with_languages(self):
        """Annotates ``has_version_<suffix>`` per language, so ``Article.languages()`` needs no
        text: for lists that leave the key answers out (``without_long_text``)."""
        return self.annotate(
            **{
                f"has_version_{field_suffix(lang)}": models.ExpressionWrapper(
                    _has_version_in(lang), output_field=models.BooleanField()
                )
                for lang in LANGUAGE_CODES
            }
        )

    def without_long_text(self, prefix="", fields=ARTICLE_LONG_TEXT_FIELDS):
        """Defers the long text columns (key answer, body, plain summary in every language):
        for lists that show titles, not texts. ``prefix`` is a relation path ending in "__"
        (``article__``) for lists of objects that select their article; ``fields``: only
        these (cards show the key answer: ``fields=("body", "plain_summary")``)."""
        return self.defer(*(f"{prefix}{column}" for column in article_long_text_columns(fields)))


class Article(models.Model):
    """A clinical question, its key answer and the sections that back it with citations.

    title, summary, body and plain_summary are translated (see translation.py): read and
    write them per language (title_en, title_zh_hans); the base column is not used.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    # Fields whose change is a change readers see ("Last updated").
    READER_VISIBLE_FIELDS = ("title", "summary", "body", "plain_summary")

    slug = models.SlugField(_("slug"), max_length=120, unique=True, validators=[validate_slug])
    # Every language version is optional (blank); the constraint "has_a_language_version"
    # asks for at least one with both a title and a key answer.
    title = models.CharField(_("title (the clinical question)"), max_length=300, blank=True)
    summary = models.TextField(_("key answer"), blank=True, help_text=_("Inline Markdown; citations allowed."))
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown with [@key] citations."))
    plain_summary = models.TextField(
        _("plain-language summary"), blank=True, help_text=_("Shown to lay readers above the key answer.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="articles")
    authors = models.ManyToManyField(
        Author, verbose_name=_("authors"), through="Authorship", blank=True, related_name="articles"
    )
    content_updated_at = models.DateTimeField(
        _("last updated"), null=True, blank=True, help_text=_("When what readers see last changed.")
    )
    literature_reviewed_through = models.DateField(
        _("literature reviewed through"), null=True, blank=True,
        help_text=_("The date of the evidence search this text rests on."),
    )
    source_language = models.CharField(
        _("original language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language the article is written in; the others are translations of it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("saved"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-content_updated_at", "slug"]
        # The admin's article list reads its page in this order from an index (no sort of
        # every article before LIMIT).
        # Readers' lists (index, topic pages, feeds) read published articles newest first from
        # the second; it ends with the id so a page of ids comes from the index alone.
        indexes = [
            models.Index(fields=["-content_updated_at", "slug"], name="article_default_order"),
            models.Index(
                fields=["-published_at", "slug", "id"],
                name="article_public_order",
                condition=models.Q(status="published"),
            ),
        ]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish and unpublish articles")),
            ("edit_article_metadata", _("Can change an article's slug, status, topics and authors")),
            ("view_unpublished_text", _("Can open previews, history and compare of unpublished text")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="published_article_has_date",
            ),
            models.CheckConstraint(
                condition=_has_a_language_version(),
                name="article_has_a_language_version",
                violation_error_message=_(
                    "Give at least one language version both a title (the clinical question) and a key answer."
                ),
            ),
        ]

    def __str__(self):
        return self.display_title()

    def save(self, *args, **kwargs):
        now = timezone.now()
        self.normalize_texts()
        changed_languages = self.changed_languages()
        if changed_languages:
            self.content_updated_at = now
        if not self.source_language and self.languages():
            self.source_language = self.languages()[0]
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = now
        from .editing.translation_queue import refreshed_once

        with transaction.atomic(), refreshed_once():
            super().save(*args, **kwargs)
            self.sync_citations()
            self.sync_language_versions(changed_languages, now)
        self._loaded_state = self.reader_visible_state()

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    def url_in(self, lang):
        """get_absolute_url() in ``lang``, without a reverse() for each article of a list."""
        prefix, suffix = _detail_url_parts(lang, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
        return f"{prefix}{self.slug}{suffix}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if instance.get_deferred_fields() & set(reader_visible_columns()):
            # Loaded for a list without its texts: what was stored is read back if it is saved.
            instance._loaded_state = _STORED_STATE
        else:
            instance._loaded_state = instance.reader_visible_state()
        instance._loaded_listing = instance.listing_state()
        return instance

    def listing_state(self):
        """What other articles' related lists rank this one by (public/related.py), besides
        its topics and citations; None when part of it was not loaded."""
        values = tuple(self.__dict__.get(name, _STORED_STATE) for name in ("status", "published_at", "slug"))
        return None if _STORED_STATE in values else values

    def display_title(self):
        for lang in LANGUAGE_CODES:
            title = self.text("title", lang)
            if title:
                return title
        return self.slug

    def text(self, field, lang):
        """The stored text of a translated field in one language, without fallback."""
        return getattr(self, f"{field}_{field_suffix(lang)}") or ""

    def set_text(self, field, lang, value):
        setattr(self, f"{field}_{field_suffix(lang)}", value)

    def languages(self):
        """Languages this article has a version in (a title and a key answer)."""
        return [lang for lang in LANGUAGE_CODES if self.has_version(lang)]

    def has_version(self, lang):
        annotated = getattr(self, f"has_version_{field_suffix(lang)}", None)  # with_languages()
        if annotated is not None:
            return annotated
        return bool(self.text("title", lang) and self.text("summary", lang))

    def normalize_texts(self):
        """Store the text as articles.editing.textnorm spells it, whoever wrote it (admin, import, shell)."""
        for field in self.READER_VISIBLE_FIELDS:
            for lang in LANGUAGE_CODES:
                name = f"{field}_{field_suffix(lang)}"
                setattr(self, name, normalize_text(getattr(self, name)))

    def reader_visible_state(self):
        """The text readers see, per (field, language); line endings and whitespace around
        the text do not count (articles.editing.textnorm)."""
        return {
            (field, lang): normalize_text(self.text(field, lang))
            for field in self.READER_VISIBLE_FIELDS
            for lang in LANGUAGE_CODES
        }

    def _stored_reader_visible_state(self):
        stored = type(self).objects.filter(pk=self.pk).values(*reader_visible_columns()).first()
        if stored is None:
            return None
        return {
            (field, lang): normalize_text(stored[f"{field}_{field_suffix(lang)}"] or "")
            for field in self.READER_VISIBLE_FIELDS
            for lang in LANGUAGE_CODES
        }

    def text_updated_at(self, lang):
        """When the ``lang`` version's text last changed: "Last updated" for its readers.

        Reads the ``with_text_dates()`` annotation or else the (prefetched) language versions;
        the article's own date for a language without a version record.
        """
        annotation = f"text_changed_{field_suffix(lang)}"
        if annotation in self.__dict__:
            changed = self.__dict__[annotation]
        else:
            changed = next((v.text_changed_at for v in self.language_versions.all() if v.language == lang), None)
        return changed or self.content_updated_at or self.published_at

    def changed_languages(self):
        """Languages whose reader-visible text differs from what was loaded (all, if new)."""
        loaded = getattr(self, "_loaded_state", None)
        if loaded is _STORED_STATE:
            loaded = self._stored_reader_visible_state()
        current = self.reader_visible_state()
        if loaded is None:
            return [lang for lang in LANGUAGE_CODES if any(current[(f, lang)] for f in self.READER_VISIBLE_FIELDS)]
        return [
            lang
            for lang in LANGUAGE_CODES
            if any(current[(f, lang)] != loaded[(f, lang)] for f in self.READER_VISIBLE_FIELDS)
        ]

    def sync_language_versions(self, changed_languages, now):
        """Record when each language's text changed and which source state a translation follows."""
        versions = {v.language: v for v in self.language_versions.all()}
        for lang in changed_languages:
            versions.setdefault(lang, LanguageVersion(article=self, language=lang)).text_changed_at = now
        source = versions.get(self.source_language)
        for lang in changed_languages:
            version = versions[lang]
            if lang != self.source_language and source is not None:
                # Editing a translation brings it up to the source as it stands now.
                version.source_changed_at = source.text_changed_at
            version.save()

    def sync_citations(self):
        """Store which references the text cites, per language, numbered by first citation."""
        from articles.rendering.citations import cited_keys

        wanted = {}
        for lang in LANGUAGE_CODES:
            keys = cited_keys(self.text("summary", lang), self.text("body", lang))
            for number, key in enumerate(keys, start=1):
                wanted[(key, lang)] = number
        refs = dict(Reference.objects.filter(key__in={key for key, _lang in wanted}).values_list("key", "id"))
        current = {(c.reference_id, c.language): c for c in self.citations.all()}
        target = {(refs[key], lang): number for (key, lang), number in wanted.items() if key in refs}
        stale = [c.pk for ident, c in current.items() if ident not in target]
        # The sources cited before and after: the related lists of the articles citing them count them.
        cited_before = {ref_id for ref_id, _lang in current}
        cited_after = {ref_id for ref_id, _lang in target}
        if cited_before != cited_after:
            RelatedList.objects.drop_for(article_ids=[self.pk], reference_ids=cited_before ^ cited_after)
        if stale:
            Citation.objects.filter(pk__in=stale).delete()
        changed = []
        for (ref_id, lang), number in target.items():
            citation = current.get((ref_id, lang))
            if citation is None:
                changed.append(Citation(article=self, reference_id=ref_id, language=lang, number=number))
            elif citation.number != number:
                citation.number = number
                citation.save(update_fields=["number"])
        Citation.objects.bulk_create(changed)


class TranslationTask(models.Model):
    """One row of the admin's translation queue: a language version of an article that is
    missing or older than its original. Derived data, kept equal to its rule by
    articles/editing/translation_queue.py; ``slug`` is the article's (the queue's order)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translation_tasks")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    slug = models.CharField(max_length=120)
    missing = models.BooleanField()
    since = models.DateTimeField(null=True)

    class Meta:
        default_permissions = ("view",)
        ordering = ["slug", "language"]
        indexes = [models.Index(fields=["slug", "language"], name="translation_task_order")]
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="unique_translation_task"),
        ]
        verbose_name = _("translation queue")
        verbose_name_plural = _("translation queue")

    def __str__(self):
        return f"{self.slug} [{self.language}]"


class StaffAccount(get_user_model()):
    """The staff accounts the chief medical editors manage in the admin (admin/staff.py)."""

    class Meta:
        proxy = True
        default_permissions = ("add", "change", "view")
        verbose_name = _("staff account")
        verbose_name_plural = _("staff accounts")


class LanguageVersion(models.Model):
    """When one language version's text last changed and, for a translation, which state
    of the original it was translated from: the basis of "this translation may be out of date"."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="language_versions")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    text_changed_at = models.DateTimeField(_("text changed"))
    source_changed_at = models.DateTimeField(
        _("translated from the original as of"), null=True, blank=True
    )

    class Meta:
        ordering = ["article", "language"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="unique_language_version"),
        ]

    def __str__(self):
        return f"{self.article.slug} [{self.language}]"


class UpdateNote(models.Model):
    """A short public note on what an edit changed, shown on the page as "What changed"."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="update_notes")
    revision = models.OneToOneField(
        "reversion.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="update_note"
    )
    note = models.CharField(_("update note"), max_length=300)
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    # A withdrawn note is no longer shown to readers; the history keeps it.
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("update note")
        verbose_name_plural = _("update notes")

    def __str__(self):
        return self.note or "?"


class Authorship(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="authorships")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="authorships")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("authorship")
        verbose_name_plural = _("authorships")
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_authorship"),
        ]

    def __str__(self):
        return f"{self.author} – {self.article}"


class Citation(models.Model):
    """Derived from an article's text on every save: article X cites reference Y in language L."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="citations")
    reference = models.ForeignKey(Reference, on_delete=models.PROTECT, related_name="citations")
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    number = models.PositiveSmallIntegerField(help_text=_("Number by first citation in that language."))

    class Meta:
        ordering = ["article", "language", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "reference", "language"], name="unique_citation"),
        ]

    def __str__(self):
        return f"{self.article.slug} [{self.language}] {self.number}: {self.reference.key}"


class StoredRender(models.Model):
    """One variant of an article rendered for readers (rendering/stored.py): the render cache's
    entry (``key``, ``data``) kept in the database too, so a reader's page after the cache was
    emptied is a lookup, not a Markdown render. At most one per (article, language, persona):
    a new render of the variant replaces it. Used only while ``key`` equals the key computed
    from the inputs of the request, so a changed text, glossary, persona set or library is
    never served from it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="stored_renders")
    language = models.CharField(max_length=10)
    persona = models.CharField(max_length=50, blank=True)  # a persona's code; empty: none (all blocks)
    key = models.CharField(max_length=100)  # render_cache.cache_key of the inputs
    data = models.JSONField()  # what render_cache stores: summary_html, body_html, reference_keys, toc
    text_digest = models.CharField(max_length=64)  # render_cache.text_digest of the text rendered
    cited_keys = models.JSONField(default=list)  # the keys that text cites, in first-citation order
    rendered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "language", "persona"], name="unique_stored_render"),
        ]

    def __str__(self):
        return f"{self.article_id} [{self.language}] {self.persona or '-'}"


class RelatedListQuerySet(models.QuerySet):
    def drop_for(self, *, article_ids=(), sharing=(), topic_ids=(), reference_ids=()):
        """Drop, in one DELETE, the related lists of ``article_ids``, of ``sharing`` and of every
        article sharing a topic or a cited source with one of ``sharing``, of every article in
        ``topic_ids`` and of every article citing one of ``reference_ids``: they are ranked
        again when next needed. Again once the transaction commits: a reader may have stored
        a list ranked from the data as it was before."""
        Topics = Article.topics.through
        sharing, topic_ids, reference_ids = list(sharing), list(topic_ids), list(reference_ids)
        condition = Q(article_id__in=list(article_ids) + sharing)
        if sharing or topic_ids:
            topics = Topics.objects.filter(Q(article_id__in=sharing) | Q(topic_id__in=topic_ids)).values("topic_id")
            condition |= Q(article_id__in=Topics.objects.filter(topic_id__in=topics).values("article_id"))
        if sharing or reference_ids:
            sources = Citation.objects.filter(
                Q(article_id__in=sharing) | Q(reference_id__in=reference_ids)
            ).values("reference_id")
            condition |= Q(article_id__in=Citation.objects.filter(reference_id__in=sources).values("article_id"))

        def drop():
            self.model.objects.filter(condition).delete()

        drop()
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(drop, robust=True)
            from .rendering.prerender import run_last

            run_last()  # an article's prerender job ranks its list again after this drop


class RelatedList(models.Model):
    """An article's related-article candidates as public/related.py ranks them, kept so that
    its page need not rank them: dropped whenever they may change, ranked again when needed."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="related_list")
    # {digest of the cited sources counted: [article id, ...], best first}: the sources are
    # those of the text shown, which may differ between its languages (public/related.py).
    rankings = models.JSONField(default=dict)
    # When the next article scheduled for later goes live: the rankings may be out of date
    # from then on (empty: none was scheduled).
    valid_until = models.DateTimeField(null=True, blank=True)

    objects = RelatedListQuerySet.as_manager()

    def __str__(self):
        return f"{self.article_id}: {self.rankings}"


class GlossaryTermQuerySet(models.QuerySet):
    def for_language(self, lang):
        """Terms that have a term and a lay explanation in that language."""
        suffix = field_suffix(lang)
        return self.exclude(**{f"term_{suffix}__isnull": True}).exclude(**{f"term_{suffix}": ""}).exclude(
            **{f"lay_explanation_{suffix}": ""}
        )


class GlossaryTerm(models.Model):
    """A medical term with the plain explanation lay readers see beside its first use."""

    term = models.CharField(_("term"), max_length=120)
    synonyms = models.TextField(
        _("synonyms"), blank=True, help_text=_("Other spellings or names, one per line; matched like the term.")
    )
    lay_explanation = models.CharField(_("lay explanation"), max_length=300)
    professional_definition = models.TextField(_("professional definition"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GlossaryTermQuerySet.as_manager()

    class Meta:
        ordering = ["term"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")

    def __str__(self):
        return self.term or "?"

    def forms(self, lang):
        """Every surface form to look for in a text of that language."""
        suffix = field_suffix(lang)
        term = getattr(self, f"term_{suffix}") or ""
        synonyms = (getattr(self, f"synonyms_{suffix}") or "").splitlines()
        return [form.strip() for form in [term, *synonyms] if form.strip()]


class SitePage(models.Model):
    """A page of the site editors keep in the admin, in every language (editorial policy, about, contact, privacy)."""

    EDITORIAL_POLICY = "editorial-policy"
    ABOUT = "about"
    CONTACT = "contact"
    PRIVACY = "privacy"

    slug = models.SlugField(_("slug"), max_length=80, unique=True, validators=[validate_slug])
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), help_text=_("Markdown: headings, lists, links."))
    updated_at = models.DateTimeField(_("saved"), auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")

    def __str__(self):
        return self.title or self.slug


class ArticleSearch(models.Model):
    """The search document of one language version of an article: its text plain and folded
    (articles/search/text.py), kept in step with every save (search/index.py) so that a
    search never re-reads Markdown or re-segments Chinese. ``vector`` (PostgreSQL only) is
    the weighted full-text vector: title A, key answer and topics B, body C."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="search_documents")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    title = models.TextField(blank=True)
    answer = models.TextField(blank=True)
    topics = models.TextField(blank=True)
    body = models.TextField(blank=True)
    vector = SearchVectorField(null=True, blank=True)

    class Meta:
        ordering = ["article", "language"]
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="unique_search_document"),
        ]

    def __str__(self):
        return f"{self.article_id} [{self.language}]"


class Autosave(models.Model):
    """Text an editor typed in the article form and has not saved yet, kept on the server.

    Not a revision and never the article's text: the form offers it back ("restore /
    discard") when the editor reopens the article; a successful save deletes it. One per
    user and article; ``article`` is empty for the form of a new article.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="autosaves")
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.CASCADE, related_name="autosaves")
    language = models.CharField(
        _("language"), max_length=10, blank=True, help_text=_("The language tab the editor was writing in.")
    )
    values = models.JSONField(_("field values"), default=dict)
    base_revision = models.CharField(
        _("base revision"), max_length=64, blank=True,
        help_text=_("The revision the text was typed on: restored with it, so a save meets what others saved since."),
    )
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("autosave")
        verbose_name_plural = _("autosaves")
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="autosave_one_per_user_and_article"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(article__isnull=True), name="autosave_one_new_article_per_user"
            ),
        ]

    def __str__(self):
        return f"{self.user} / {self.article_id or '-'} / {self.saved_at:%Y-%m-%d %H:%M:%S}"


from .followups.models import FollowUpQuestion  # noqa: E402, F401 - models of this app live there too
