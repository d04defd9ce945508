"""Fixtures of the article tests: renders kept in the database (rendering/stored.py), sources
cited by several articles."""

import pytest
from django.core.cache import cache

from articles.rendering import render_cache
from tests.articles.stored_render_helpers import BODY
from tests.factories import make_article, make_reference


@pytest.fixture
def emptiable_cache(settings):
    """A local memory cache of its own, emptied before and after (``cache.clear()`` in a test
    is Redis flushed or restarted)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "stored-render-tests"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def markdown_work(monkeypatch):
    """["render", "parse", ...]: each Markdown render and each parse for the cited keys (the
    wrappers call the real functions, so pages are really rendered)."""
    calls = []
    real_render, real_parse = render_cache._render_article, render_cache._cited_keys

    def rendering(*args, **kwargs):
        calls.append("render")
        return real_render(*args, **kwargs)

    def parsing(*args, **kwargs):
        calls.append("parse")
        return real_parse(*args, **kwargs)

    monkeypatch.setattr(render_cache, "_render_article", rendering)
    monkeypatch.setattr(render_cache, "_cited_keys", parsing)
    return calls


@pytest.fixture
def knee_article(db):
    """An article citing two sources, with audience blocks for lay readers and clinicians."""
    make_reference("ref-a", title="Guideline on knee pain")
    make_reference("ref-b", title="Background cohort")
    return make_article("knee", summary="Rest helps [@ref-a].", body=BODY)


@pytest.fixture
def two_articles_citing_one_source(db):
    """Two published articles citing one source; the second cites another one too."""
    make_reference("lee-2021", title="Exercise for knee pain")
    make_article("knee-exercise", title="Does exercise help knee pain?", summary="Yes [@lee-2021].")
    make_reference("kim-2019", title="Walking programmes for osteoarthritis")
    make_article("knee-walking", title="Is walking good for sore knees?", summary="Mostly [@lee-2021; @kim-2019].")
