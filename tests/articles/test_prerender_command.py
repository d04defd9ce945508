"""``manage.py prerender``: every language x persona variant of the published articles goes into
the render cache, so that readers' first requests render nothing; unknown slugs are named."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Persona
from articles.rendering import render_cache
from tests.factories import make_article


@pytest.fixture
def renders(monkeypatch):
    calls = []
    real = render_cache._render_article

    def counting(*args, **kwargs):
        calls.append(kwargs.get("persona"))
        return real(*args, **kwargs)

    monkeypatch.setattr(render_cache, "_render_article", counting)
    return calls


def test_every_variant_is_rendered_then_readers_render_nothing(client, db, renders):
    make_article("knee", summary="Rest helps.", body="A prerendered text.", title_zh_hans="膝盖？",
                 summary_zh_hans="休息。", body_zh_hans="预先渲染的文字。")
    make_article("draft-one", status="draft", body="Not for readers yet.")
    out = io.StringIO()
    call_command("prerender", stdout=out)
    personas = Persona.objects.count()
    assert out.getvalue().strip() == f"Rendered {2 * personas} variant(s) of 1 article(s)."
    renders.clear()
    for code in Persona.objects.values_list("code", flat=True):
        assert "A prerendered text." in client.get(f"/en/articles/knee/?persona={code}").content.decode()
        assert "预先渲染的文字。" in client.get(f"/zh-hans/articles/knee/?persona={code}").content.decode()
    assert renders == []


def test_unknown_slugs_are_named_and_nothing_is_rendered(db, renders):
    make_article("knee")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 slug"):
        call_command("prerender", "knee", "no-such-article", stderr=err)
    assert err.getvalue() == "no-such-article: no published article with this slug\n"
    assert renders == []
