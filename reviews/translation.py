from modeltranslation.translator import TranslationOptions, register

from .models import BoardMember


@register(BoardMember)
class BoardMemberTranslationOptions(TranslationOptions):
    fields = ("credentials", "disclosure", "bio")
    required_languages = ()
