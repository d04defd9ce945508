"""What a browser posts back from an admin change form, and imports of the demo articles
at a chosen time (so that a later edit visibly moves a date)."""

import contextlib
import datetime
from io import StringIO
from pathlib import Path
from unittest import mock

from django import forms
from django.conf import settings
from django.core.management import call_command

from tests.articles.test_concurrent_edit import form_data_from

DEMO_ARTICLES = Path(settings.BASE_DIR) / "demo" / "articles"


def _is_textarea(bound):
    widget = bound.field.widget
    widget = getattr(widget, "widget", widget)  # modeltranslation may wrap it
    return isinstance(widget, forms.Textarea)


def browser_post(response, **overrides):
    """Every initial value of the change form in ``response`` (the hidden lock token
    ``base_revision`` included) plus ``overrides`` (what the user typed), with every
    textarea's line endings as browsers submit them: CRLF."""
    data = form_data_from(response, **overrides)
    textareas = {bound.html_name for bound in response.context["adminform"].form if _is_textarea(bound)}
    for name in textareas & data.keys():
        data[name] = data[name].replace("\r\n", "\n").replace("\n", "\r\n")
    return data


def import_files(*paths, user="editor", at=None):
    """``manage.py import_article --user USER FILE...``, run as if at the time ``at``."""
    out, err = StringIO(), StringIO()
    clock = mock.patch("django.utils.timezone.now", return_value=at) if at else contextlib.nullcontext()
    try:
        with clock:
            call_command("import_article", "--user", user, *[str(p) for p in paths], stdout=out, stderr=err)
    except SystemExit:
        raise AssertionError(err.getvalue()) from None
    return out.getvalue()


def demo_file(slug, lang):
    return DEMO_ARTICLES / f"{slug}.{lang}.md"


def edited_copy(tmp_path, slug, lang, old, new):
    """A copy of a demo article file with one passage of its text replaced."""
    text = demo_file(slug, lang).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / f"{slug}.{lang}.md"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def utc(*args):
    return datetime.datetime(*args, tzinfo=datetime.UTC)
