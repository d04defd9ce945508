"""Optimistic locking of articles: nobody's edit is overwritten silently.

Plain functions; the admin form (``articles/admin/article.py``) uses them.

When the change form is rendered it carries a *token*: the id of the newest history
revision of the article (``versioning.latest_revision_id``), or, for an article that has
no revision yet (created outside a revision, e.g. by a script), a fingerprint of its stored
fields. On save, ``check()`` locks the article's row (``SELECT ... FOR UPDATE`` inside the
admin's transaction, so two saves cannot both pass the check) and compares the token with
the current one. If they differ, someone saved in between: the save is refused and the
editor is shown what the other person changed (the revision they started from against the
article as it is now, per field and language) while their own text stays in the form.

A POST that carries no token at all (not a browser using our form) is not checked.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _
from reversion.models import Version

from . import history
from .models import LANGUAGE_CODES, Article, field_suffix
from .versioning import latest_revision_id, version_at

FINGERPRINT_PREFIX = "fp-"


def state_of(article):
    """The article's versioned text and metadata as a dict shaped like
    ``history.version_state`` (what ``articles.history`` compares). Two queries: the
    topics and the byline."""
    state = {
        f"{name}_{field_suffix(lang)}": article.text(name, lang)
        for name in history.TRANSLATED_FIELDS
        for lang in LANGUAGE_CODES
    }
    state["status"] = article.status
    state["slug"] = article.slug
    state["topics"] = sorted(article.topics.values_list("pk", flat=True)) if article.pk else []
    state["authors"] = (
        list(article.authorships.order_by("position", "id").values_list("author_id", flat=True)) if article.pk else []
    )
    return state


def fingerprint(article):
    """A stable digest of everything stored for the article (used when it has no revision)."""
    values = {f.attname: getattr(article, f.attname) for f in Article._meta.concrete_fields}
    values["topics"] = sorted(article.topics.values_list("pk", flat=True))
    payload = json.dumps(values, sort_keys=True, default=str)
    return FINGERPRINT_PREFIX + hashlib.sha256(payload.encode()).hexdigest()[:32]


def token_for(article):
    """What the change form carries: the newest revision id, or a fingerprint."""
    revision_id = latest_revision_id(article)
    return str(revision_id) if revision_id is not None else fingerprint(article)


@dataclass
class Conflict:
    """Someone saved the article after the editor opened it."""

    token: str  # the current token: the form carries it from now on
    user: object | None  # who saved last (None if unknown)
    saved_at: object | None  # when
    rows: list = field(default_factory=list)  # history.DiffRow: what they changed
    compared_with_base: bool = True  # False: no base revision, rows compare theirs with yours

    @property
    def revision_id(self):
        """The number of the revision they saved (the token is it), None if there is none."""
        return int(self.token) if self.token.isdigit() else None

    def message(self):
        user = self.user.get_username() if self.user is not None else _("unknown user")
        when = history.revision_time(self.saved_at) if self.saved_at else "—"
        if self.revision_id is None:
            return _(
                "Someone else saved this article while you were editing (by %(user)s, %(time)s). "
                "Their changes are shown below; your text is still in the form — merge and save again."
            ) % {"user": user, "time": when}
        return _(
            "Someone else saved this article while you were editing (by %(user)s, %(time)s, revision "
            "%(revision)s). Their changes are shown below; your text is still in the form — merge and save again."
        ) % {"user": user, "time": when, "revision": self.revision_id}


def check(article_pk, token, submitted=None):
    """None if the article is unchanged since ``token`` was handed out, else a Conflict.

    Call inside the transaction that saves (the admin's): the row stays locked until it
    commits. ``submitted`` is the editor's text (a ``state_of``-shaped dict), compared with
    the current state when the revision the editor started from is unknown.
    """
    token = (token or "").strip()
    if not token:
        return None
    current = Article.objects.select_for_update().filter(pk=article_pk).first()
    if current is None:
        return None  # deleted meanwhile: the admin's own 404 handling applies
    current_token = token_for(current)
    if current_token == token:
        return None
    latest = (
        Version.objects.get_for_object(current).select_related("revision__user").order_by("-revision_id").first()
    )
    base = version_at(current, int(token)) if token.isdigit() else None
    now_state = state_of(current)
    if base is not None:
        rows, compared_with_base = history.compare_field_dicts(history.version_state(base), now_state), True
    else:
        rows, compared_with_base = history.compare_field_dicts(submitted or {}, now_state), False
    return Conflict(
        token=current_token,
        user=latest.revision.user if latest else None,
        saved_at=latest.revision.date_created if latest else current.updated_at,
        rows=rows,
        compared_with_base=compared_with_base,
    )


# --- what a save changes ---------------------------------------------------------------


def _same(a, b):
    if isinstance(a, str) or isinstance(b, str):
        return normalize_newlines(a or "").strip() == normalize_newlines(b or "").strip()
    return a == b


def changed_form_fields(form, ignore=()):
    """Names of the form's fields the editor really changed.

    Like ``form.changed_data`` but a text that differs only in line endings (browsers send
    CRLF) is unchanged, and ``ignore`` (e.g. the lock token) is skipped.
    """
    changed = []
    for name in form.changed_data:
        if name in ignore:
            continue
        initial = form.get_initial_for_field(form.fields[name], name)
        value = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        if isinstance(value, str) and _same(initial, value):
            continue
        changed.append(name)
    return changed


def save_changes_anything(form, formsets, ignore=()):
    """True if saving the form and its inline formsets would change anything stored."""
    return bool(changed_form_fields(form, ignore)) or any(formset.has_changed() for formset in formsets)


# --- reverting ---------------------------------------------------------------------------


def restored_comment(version):
    """The comment of the revision a revert makes: which revision it restored."""
    revision = version.revision
    return _("Restored revision %(id)s of %(date)s by %(user)s") % {
        "id": revision.pk,
        "date": history.revision_time(revision.date_created),
        "user": revision.user.get_username() if revision.user else _("unknown user"),
    }


def recovered_comment(version):
    """The comment of the revision that recovers a deleted object."""
    revision = version.revision
    return _("Recovered after deletion, from revision %(id)s of %(date)s by %(user)s") % {
        "id": revision.pk,
        "date": history.revision_time(revision.date_created),
        "user": revision.user.get_username() if revision.user else _("unknown user"),
    }
