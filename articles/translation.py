from modeltranslation.translator import TranslationOptions, register

from .models import Article, Author, GlossaryTerm, Persona, SitePage, Topic, UpdateNote


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "plain_summary")
    # An article may start life in either language; the constraint article_has_a_language_version
    # (models.py) asks for one complete version.
    required_languages = ()


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ()


@register(Persona)
class PersonaTranslationOptions(TranslationOptions):
    fields = ("label", "description", "disclaimer")
    required_languages = ()


@register(Author)
class AuthorTranslationOptions(TranslationOptions):
    fields = ("credentials", "affiliation", "disclosure", "bio")
    required_languages = ()


@register(GlossaryTerm)
class GlossaryTermTranslationOptions(TranslationOptions):
    fields = ("term", "synonyms", "lay_explanation", "professional_definition")
    required_languages = ()


@register(UpdateNote)
class UpdateNoteTranslationOptions(TranslationOptions):
    fields = ("note",)
    required_languages = ()


@register(SitePage)
class SitePageTranslationOptions(TranslationOptions):
    fields = ("title", "body")
    required_languages = ()
