"""The Wagtail equivalent of a MedCMS article page: a page type, its snippets and inlines."""

import json

from django.db import models
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.snippets.models import register_snippet

TEXT_FEATURES = ["bold", "italic", "link", "superscript"]


class HomePage(Page):
    subpage_types = ["library.ArticleIndexPage"]


class ArticleIndexPage(Page):
    subpage_types = ["library.ArticlePage"]


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock()
    content = blocks.StreamBlock([
        ("paragraph", blocks.RichTextBlock(features=TEXT_FEATURES)),
        ("bullet_points", blocks.ListBlock(blocks.RichTextBlock(features=TEXT_FEATURES))),
    ])

    class Meta:
        template = "library/blocks/section.html"


@register_snippet
class Author(TranslatableMixin, models.Model):
    name = models.CharField(max_length=200)
    credentials = models.CharField(max_length=200, blank=True)
    affiliation = models.CharField(max_length=300, blank=True)
    disclosure = models.TextField(blank=True)

    class Meta(TranslatableMixin.Meta):
        pass

    def __str__(self):
        return self.name


@register_snippet
class Reference(models.Model):
    key = models.CharField(max_length=200, unique=True)
    authors = models.CharField(max_length=500)
    title = models.TextField()
    journal = models.CharField(max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    month = models.CharField(max_length=3, blank=True)
    volume = models.CharField(max_length=50, blank=True)
    issue = models.CharField(max_length=50, blank=True)
    pages = models.CharField(max_length=50, blank=True)
    doi = models.CharField(max_length=200, blank=True)
    pmid = models.CharField(max_length=12, blank=True)
    evidence = models.CharField(max_length=40, blank=True)

    def __str__(self):
        return self.title


class ArticleTopic(TaggedItemBase):
    content_object = ParentalKey("library.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class ArticlePage(Page):
    key_answer = RichTextField(features=TEXT_FEATURES)
    plain_summary = RichTextField(features=TEXT_FEATURES, blank=True)
    body = StreamField([("section", SectionBlock())])
    literature_reviewed_through = models.DateField(null=True, blank=True)
    topics = ClusterTaggableManager(through=ArticleTopic, blank=True)

    parent_page_types = ["library.ArticleIndexPage"]
    content_panels = [*Page.content_panels, FieldPanel("key_answer"), FieldPanel("plain_summary"),
                      FieldPanel("body"), InlinePanel("authors"), InlinePanel("references"), FieldPanel("topics"),
                      FieldPanel("literature_reviewed_through")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topics = list(self.topics.all())
        authors = list(self.authors.select_related("author"))
        references = list(self.references.select_related("reference"))
        context.update(
            topics=topics,
            authors=authors,
            references=references,
            related=self.related_pages(topics),
            jsonld=self.jsonld(request, authors, references),
            translations=self.get_translations(inclusive=True).live().select_related("locale").order_by("locale_id"),
        )
        return context

    def jsonld(self, request, authors, references):
        """schema.org data of the page, for the <script type="application/ld+json"> in its head."""
        data = {
            "@context": "https://schema.org", "@type": "MedicalWebPage", "name": self.title,
            "inLanguage": get_language(), "url": self.get_full_url(request),
            "dateModified": self.last_published_at.isoformat() if self.last_published_at else None,
            "datePublished": self.first_published_at.isoformat() if self.first_published_at else None,
            "author": [{"@type": "Person", "name": item.author.name} for item in authors],
            "citation": [
                {"@type": "CreativeWork", "name": item.reference.title,
                 "author": [{"@type": "Person", "name": name.strip()} for name in item.reference.authors.split(",")],
                 "identifier": [{"@type": "PropertyValue", "propertyID": "DOI", "value": item.reference.doi},
                                {"@type": "PropertyValue", "propertyID": "PMID", "value": item.reference.pmid}],
                 "url": f"https://doi.org/{item.reference.doi}"}
                for item in references],
        }
        text = json.dumps(data, ensure_ascii=False)
        return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))  # noqa: S308

    def related_pages(self, topics, count=5):
        """The newest live pages of the same language sharing a topic with this one."""
        tagged = ArticleTopic.objects.filter(tag__in=topics).values("content_object_id")
        return (Page.objects.live().filter(locale_id=self.locale_id, id__in=tagged).exclude(pk=self.pk)
                .order_by("-first_published_at")[:count])


class ArticleAuthor(Orderable):
    page = ParentalKey(ArticlePage, related_name="authors", on_delete=models.CASCADE)
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="+")


class ArticleReference(Orderable):
    page = ParentalKey(ArticlePage, related_name="references", on_delete=models.CASCADE)
    reference = models.ForeignKey(Reference, on_delete=models.PROTECT, related_name="+")
