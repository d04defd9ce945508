"""Public pages of the reviews app. Thin: build (public/board.py), render."""

from django.shortcuts import render
from django.utils.translation import get_language

from articles.public import typography
from articles.public.response_cache import cached_page

from .public.board import build_board


@cached_page(persona_cookie=False)
def board(request):
    lang = getattr(request, "LANGUAGE_CODE", None) or get_language()
    return render(
        request, "reviews/board.html", {"members": build_board(lang), "separators": typography.separators(lang)}
    )
