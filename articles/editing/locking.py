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

What the form does then (``ArticleAdminForm._check_lock``):
- Their changes and the editor's touch different fields or paragraphs (``articles/editing/merge.py``,
  base = the revision in the token): the form is shown again with both combined and the
  current token, nothing saved; saving it succeeds.
- They overlap, or the revision the editor started from is unknown: the form keeps the
  editor's text *and the old token*, so saving again is refused again. Only an explicit
  overwrite (``OVERWRITE_FIELD`` carrying the token of the state that was shown) saves it, and
  the revision comment names what was overwritten.
- No token at all (a script, not our form): refused too; the form is shown again with the
  editor's text compared with the stored one and the current token, so a deliberate save
  after review succeeds.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from reversion.models import Version

from ..models import LANGUAGE_CODES, Article, field_suffix
from . import history, merge
from .textnorm import same_text
from .versioning import latest_revision_id, version_at

FINGERPRINT_PREFIX = "fp-"
# The POST key of the "overwrite their changes" checkbox of the conflict screen; its value is
# the token of the stored state that was shown (an overwrite covers only what was shown).
OVERWRITE_FIELD = "_overwrite"
# The versioned text fields, named as in the form and in ``Version.field_dict``.
TEXT_FIELDS = tuple(f"{name}_{field_suffix(lang)}" for name in history.TRANSLATED_FIELDS for lang in LANGUAGE_CODES)


def state_of(article):
    """The article's versioned text and metadata as a dict shaped like
    ``history.version_state`` (what ``articles.editing.history`` compares). Two queries: the
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
    """The article changed since the editor's token was handed out (or there was no token)."""

    token: str  # the current token
    user: object | None  # who saved last (None if unknown)
    saved_at: object | None  # when
    rows: list = field(default_factory=list)  # history.DiffRow: what they changed
    compared_with_base: bool = True  # False: no base revision, rows compare yours with theirs
    merged: merge.Merged | None = None  # the three-way merge (None without a base revision)
    missing_token: bool = False  # the POST carried no token at all

    @property
    def revision_id(self):
        """The history revision holding the stored state, or None (changed outside the history)."""
        return int(self.token) if self.token.isdigit() else None

    @property
    def combined(self):
        """Both edits could be combined without overlap."""
        return not self.missing_token and self.merged is not None and self.merged.clean

    @property
    def offers_overwrite(self):
        return not (self.missing_token or self.combined)

    @property
    def conflicting_rows(self):
        """The rows of the fields both editors changed in overlapping ways."""
        conflicts = set(self.merged.conflicts) if self.merged else set()
        return [row for row in self.rows if _field_name(row.field, row.lang) in conflicts]

    def _who(self):
        when = history.revision_time(self.saved_at) if self.saved_at else "—"
        if self.revision_id is None:
            return _("a change not recorded in the history, %(time)s") % {"time": when}
        user = self.user.get_username() if self.user is not None else _("unknown user")
        return _("revision %(id)s by %(user)s, %(time)s") % {"id": self.revision_id, "user": user, "time": when}

    def message(self):
        if self.missing_token:
            return _(
                "This save did not say which revision of the article it was based on, so nothing was "
                "saved: the article may have changed since the form was opened. The table below compares "
                "your text with the stored one; your text is still in the form. Review it and save again."
            )
        parts = [_("Someone else saved this article while you were editing (%(who)s).") % {"who": self._who()}]
        if self.combined:
            parts.append(
                _(
                    "Their changes and yours touch different parts, so both were combined in the form "
                    "below. Nothing is saved yet: review the text and save."
                )
            )
            return " ".join(parts)
        if self.merged is None:
            parts.append(_("The revision you started from is unknown, so the changes cannot be combined."))
        else:
            parts.append(_("You both changed the same parts, so the changes cannot be combined."))
        parts.append(
            _(
                "Nothing was saved: their changes are shown below and your text is still in the form. "
                "To save your text over theirs, tick “Overwrite their changes with my text” and save."
            )
        )
        return " ".join(parts)

    def overwrite_comment(self):
        """The revision comment of a save that overwrote these changes."""
        if self.revision_id is None:
            return _("Overwrote a change not recorded in the history.")
        user = self.user.get_username() if self.user is not None else _("unknown user")
        return _("Overwrote changes of revision %(id)s by %(user)s.") % {"id": self.revision_id, "user": user}


def _normalised(state):
    """Text compared without line-ending differences (browsers send CRLF)."""
    return {name: merge.normalise(value) if name in TEXT_FIELDS else value for name, value in state.items()}


def _field_name(name, lang):
    return f"{name}_{field_suffix(lang)}" if lang else name


def check(article_pk, token, submitted=None):
    """None if the article is unchanged since ``token`` was handed out, else a Conflict.

    Call inside the transaction that saves (the admin's): the row stays locked until it
    commits. ``submitted`` holds the editor's values of the fields in the form (``TEXT_FIELDS``,
    status, slug, topics as in ``state_of``): merged with the stored state on top of the
    revision in the token, or compared with it when that revision is unknown. A missing
    token is a Conflict too (``missing_token``).
    """
    token = (token or "").strip()
    current = Article.objects.select_for_update().filter(pk=article_pk).first()
    if current is None:
        return None  # deleted meanwhile: the admin's own 404 handling applies
    current_token = token_for(current)
    if token and current_token == token:
        return None
    latest = (
        Version.objects.get_for_object(current).select_related("revision__user").order_by("-revision_id").first()
    )
    base = version_at(current, int(token)) if token.isdigit() else None
    now_state = _normalised(state_of(current))
    submitted = _normalised(submitted or {})
    if base is not None:
        base_state = _normalised(history.version_state(base))
        rows = history.compare_field_dicts(base_state, now_state)
        merged = merge.merge_states(base_state, now_state, submitted)
    else:
        rows = history.compare_field_dicts({**now_state, **submitted}, now_state)
        merged = None
    return Conflict(
        token=current_token,
        user=latest.revision.user if latest else None,
        saved_at=latest.revision.date_created if latest else current.updated_at,
        rows=rows,
        compared_with_base=base is not None,
        merged=merged,
        missing_token=not token,
    )


# --- what a save changes ---------------------------------------------------------------


def _same(a, b):
    if isinstance(a, str) or isinstance(b, str):
        return same_text(a, b)
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
    """The comment of the revision a revert makes: which revision it restored (and who made
    it; a revision a command made, e.g. an import, has nobody to name)."""
    revision = version.revision
    values = {"id": revision.pk, "date": history.revision_time(revision.date_created)}
    if revision.user is None:
        return _("Restored revision %(id)s of %(date)s") % values
    return _("Restored revision %(id)s of %(date)s by %(user)s") % {**values, "user": revision.user.get_username()}


def recovered_comment(version):
    """The comment of the revision that recovers a deleted object."""
    revision = version.revision
    values = {"id": revision.pk, "date": history.revision_time(revision.date_created)}
    if revision.user is None:
        return _("Recovered after deletion, from revision %(id)s of %(date)s") % values
    return _("Recovered after deletion, from revision %(id)s of %(date)s by %(user)s") % {
        **values, "user": revision.user.get_username(),
    }
