"""Admin of the article taxonomy (topics, authors, personas) and the site pages.

Without the metadata permission only their translated text can be changed (text_only.py).
"""

from django.contrib import admin

from ..models import LANGUAGE_CODES, Author, Persona, SitePage, Topic, field_suffix
from .text_only import TranslatedModelAdmin


@admin.register(Topic)
class TopicAdmin(TranslatedModelAdmin):
    list_display = ("slug", "name")
    search_fields = ("slug",) + tuple(f"name_{field_suffix(lang)}" for lang in LANGUAGE_CODES)
    ordering = ("slug",)
    fields = ("slug", "name", "description")


@admin.register(Author)
class AuthorAdmin(TranslatedModelAdmin):
    list_display = ("name", "credentials", "affiliation", "user")
    search_fields = ("name", "slug") + tuple(
        f"{name}_{field_suffix(lang)}" for name in ("credentials", "affiliation") for lang in LANGUAGE_CODES
    )
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    raw_id_fields = ("user",)


@admin.register(Persona)
class PersonaAdmin(TranslatedModelAdmin):
    list_display = ("code", "label", "is_lay", "schema_audience", "order")
    list_editable = ("order",)
    search_fields = ("code",) + tuple(f"label_{field_suffix(lang)}" for lang in LANGUAGE_CODES)
    ordering = ("order", "code")


@admin.register(SitePage)
class SitePageAdmin(TranslatedModelAdmin):
    list_display = ("slug", "title", "updated_at")
    search_fields = ("slug",) + tuple(f"title_{field_suffix(lang)}" for lang in LANGUAGE_CODES)
    readonly_fields = ("updated_at",)
    fields = ("slug", "title", "body", "updated_at")
