"""The board's working surface in the admin: "My review queue" and the page of one review.

- ``/admin/reviews/reviewqueue/?tab=mine|open|waiting|changes|overdue``: the queue
  (``reviews/queue/rows.py``), 50 rows a page, each with the diff since the last approved revision
  of its language (the articles admin's compare view) or the draft preview, and a preview per
  persona.
- ``/admin/reviews/reviewqueue/<review id>/``: what is under review (revision, fingerprint),
  the actions (start review, approve, request changes), the assignment, the timeline and the
  comment thread. Every action is a POST (CSRF) that calls ``reviews.workflow.rules``, which enforces
  the rules (board membership, languages, separation of duties, quorum, specialty); a refusal
  is shown as an error message on the page, never a traceback.

Who may open them: staff with ``reviews.view_reviewqueue`` (editors, chief medical editors,
translators, the board, hooks/roles.py) who may view articles. Commenting needs
``reviews.add_reviewcomment``; assigning, ``reviews.assign_review`` (chief medical editors).
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.admin.queues import QueueAdmin
from articles.public.personas import all_personas
from articles.staff import roles
from articles.staff.access import may_open_drafts

from ..models import ReviewComment, ReviewEvent, ReviewQueue, ReviewState
from ..workflow import rules as workflow
from ..workflow.fingerprint import article_fingerprint
from ..workflow.people import is_board_member, reads_language
from . import rows as queue

TAB_VAR = "tab"
PAGE_VAR = "p"
COMMENT_PERMISSION = "reviews.add_reviewcomment"
ASSIGN_PERMISSION = "reviews.assign_review"
QUEUE_REFUSED = gettext_lazy("Your account may not open the medical review queue.")


def board_users():
    """Active users who may review: an active board profile, or the board group without one."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(board_profile__is_active=True) | Q(groups__name=roles.BOARD, board_profile__isnull=True))
        .select_related("board_profile")
        .distinct()
        .order_by("username")
    )


def _user_label(user):
    full = user.get_full_name()
    return f"{full} ({user.get_username()})" if full else user.get_username()


class CommentField(forms.CharField):
    """A text area whose value is stored with LF line endings (browsers post CRLF)."""

    widget = forms.Textarea

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n").replace("\r", "\n")


class _OwnIds:
    """The review page shows several of these forms, each with a "comment": ids of their own
    (id_approve_comment, id_request_changes_comment), so each label names its own box."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class ApproveForm(_OwnIds, forms.Form):
    id_prefix = "approve"
    revision = forms.IntegerField(widget=forms.HiddenInput)
    comment = CommentField(label=gettext_lazy("Comment (optional)"), required=False, widget=forms.Textarea(
        attrs={"rows": 2}
    ))


class RequestChangesForm(_OwnIds, forms.Form):
    id_prefix = "request_changes"
    comment = CommentField(
        label=gettext_lazy("What must change"), widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Say what must change: requesting changes needs a comment.")},
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"]
        if not comment.strip():
            raise forms.ValidationError(_("Say what must change: requesting changes needs a comment."))
        return comment


class StartReviewForm(forms.Form):
    comment = forms.CharField(required=False, widget=forms.HiddenInput)


class CommentForm(forms.Form):
    text = CommentField(
        label=gettext_lazy("Add a comment"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Write the comment first.")},
    )

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError(_("Write the comment first."))
        return text


class AssignForm(forms.Form):
    assigned_to = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Assigned to"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        field = self.fields["assigned_to"]
        field.queryset = board_users()
        field.label_from_instance = _user_label

    def clean_assigned_to(self):
        users = self.cleaned_data["assigned_to"]
        names = dict(settings.LANGUAGES)
        unreadable = [u for u in users if not reads_language(u, self.language)]
        if unreadable:
            raise forms.ValidationError(
                _("Not a reviewer of %(language)s texts: %(users)s.")
                % {"users": ", ".join(u.get_username() for u in unreadable),
                   "language": names.get(self.language, self.language)}
            )
        return users


ACTION_FORMS = {
    "start_review": StartReviewForm,
    "approve": ApproveForm,
    "request_changes": RequestChangesForm,
}


@admin.register(ReviewQueue)
class ReviewQueueAdmin(QueueAdmin):
    change_list_template = "admin/reviews/reviewqueue/change_list.html"
    review_template = "admin/reviews/reviewqueue/review.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path("", self.admin_site.admin_view(self.changelist_view), name="{}_{}_changelist".format(*info)),
            path("<int:review_id>/", self.admin_site.admin_view(self.review_view), name="{}_{}_review".format(*info)),
        ]

    def may_open(self, request):
        user = request.user
        return self.has_view_permission(request) and user.has_perm("articles.view_article")

    def _check(self, request):
        if not self.may_open(request):
            raise PermissionDenied(QUEUE_REFUSED)

    def _context(self, request, title):
        request.current_app = self.admin_site.name
        return {**self.admin_site.each_context(request), "opts": self.opts, "title": title, "subtitle": None}

    # --- the queue ---------------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        self._check(request)
        user = request.user
        tabs = dict(queue.TABS)
        tab = request.GET.get(TAB_VAR)
        if tab not in tabs:
            tab = queue.default_tab(user)
        paginator = Paginator(queue.queue_reviews(user, tab), queue.PAGE_SIZE)
        page = paginator.get_page(request.GET.get(PAGE_VAR, 1))
        entries = [(review, review.current_state) for review in page.object_list]
        rows = queue.build_rows(entries, dict(settings.LANGUAGES))
        context = {
            **self._context(request, _("My review queue")),
            "tabs": [{"code": code, "name": name, "selected": code == tab} for code, name in queue.TABS],
            "tab": tab,
            "tab_var": TAB_VAR,
            "page_var": PAGE_VAR,
            "rows": rows,
            "page_obj": page,
            "paginator": paginator,
            "page_range": paginator.get_elided_page_range(page.number),
            "pagination_required": paginator.num_pages > 1,
            "due_soon_days": queue.DUE_SOON_DAYS,
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.change_list_template, context)

    # --- one review --------------------------------------------------------------------

    def _review(self, review_id):
        review = (
            ReviewQueue.objects.select_related("article", "assignee", "approved_revision")
            .prefetch_related("assigned_to")
            .filter(pk=review_id)
            .first()
        )
        if review is None:
            raise Http404(_("No such review."))
        return review

    def review_view(self, request, review_id):
        self._check(request)
        review = self._review(review_id)
        bound = {}
        if request.method == "POST":
            response = self._post(request, review, bound)
            if response is not None:
                return response
            review = self._review(review_id)
        return self._render_review(request, review, bound)

    def _url(self, review):
        return reverse(f"{self.admin_site.name}:reviews_reviewqueue_review", args=[review.pk])

    def _post(self, request, review, bound):
        """Run the posted action; a redirect once done or refused, None to show form errors."""
        action = request.POST.get("_action", "")
        user = request.user
        if action == "comment":
            if not user.has_perm(COMMENT_PERMISSION):
                messages.error(request, _("Your account may not comment on medical reviews."))
                return HttpResponseRedirect(self._url(review))
            form = CommentForm(request.POST)
            if not form.is_valid():
                bound["comment"] = form
                return None
            ReviewComment.objects.create(review=review, author=user, text=form.cleaned_data["text"])
            messages.success(request, _("Your comment was added."))
            return HttpResponseRedirect(self._url(review) + "#comments")
        if action == "assign":
            if not user.has_perm(ASSIGN_PERMISSION):
                messages.error(request, _("Only a chief medical editor may assign reviews."))
                return HttpResponseRedirect(self._url(review))
            form = AssignForm(request.POST, language=review.language)
            if not form.is_valid():
                bound["assign"] = form
                return None
            review.assigned_to.set(form.cleaned_data["assigned_to"])
            messages.success(request, _("The assignment was saved."))
            return HttpResponseRedirect(self._url(review))
        if action not in ACTION_FORMS:
            messages.error(request, _("Unknown action."))
            return HttpResponseRedirect(self._url(review))
        form = ACTION_FORMS[action](request.POST)
        if not form.is_valid():
            bound[action] = form
            return None
        data = form.cleaned_data
        try:
            if action == "start_review":
                workflow.start_review(review.article, review.language, user)
                done = _("You started the review of this text.")
            elif action == "request_changes":
                workflow.request_changes(review.article, review.language, user, data["comment"])
                done = _("Changes were requested; the editors can see your comment.")
            else:
                result = workflow.approve(
                    review.article, review.language, user, data["comment"], revision_id=data["revision"]
                )
                if result.state == ReviewState.APPROVED:
                    done = _("You approved revision %(revision)s.") % {"revision": data["revision"]}
                else:
                    done = _("Your approval of revision %(revision)s was recorded; more approvals are needed.") % {
                        "revision": data["revision"]
                    }
        except workflow.ReviewRefused as refused:
            messages.error(request, str(refused))
            if action == "request_changes":
                bound[action] = form  # keep what they typed
                return None
            return HttpResponseRedirect(self._url(review))
        messages.success(request, done)
        return HttpResponseRedirect(self._url(review))

    def _reviewed_revision(self, review):
        """The history revision holding the text as stored now (recorded first if the stored
        text is not in the history yet, as workflow does), and the text's fingerprint."""
        article, lang = review.article, review.language
        current = article_fingerprint(article, lang)
        with transaction.atomic():
            revision = workflow.current_revision(article, lang, current)
        return revision, current

    def _render_review(self, request, review, bound):
        user = request.user
        article, lang = review.article, review.language
        state = queue.current_states([review])[review.pk]
        waiting = state in queue.WAITING
        acts = is_board_member(user) and reads_language(user, lang)
        # A board member who may approve gets the revision they read (recorded if need be).
        revision, current = self._reviewed_revision(review) if waiting and acts else (None, None)
        newest, approved = queue.versions_of([review])
        events = list(review.events.select_related("user").order_by("created_at", "id"))
        sign_offs = []
        approve_refusal = ""
        if waiting:
            current = current or article_fingerprint(article, lang)
            # Approvals of this text so far, towards the quorum.
            sign_offs = list(
                review.sign_offs.filter(cycle=review.cycle, fingerprint=current).select_related("reviewer")
            )
        if waiting and acts:
            # What approve() would refuse, said before the board member writes a comment.
            approve_refusal = workflow.separation_of_duties(article, lang, review, user)[0]
            if not approve_refusal and any(sign_off.reviewer_id == user.pk for sign_off in sign_offs):
                approve_refusal = workflow.already_approved_message()
        names = dict(settings.LANGUAGES)
        context = {
            **self._context(request, _("Medical review")),
            "review": review,
            "article": article,
            "language_name": names.get(lang, lang),
            "state": state,
            "state_label": ReviewState(state).label,
            "waiting": waiting,
            "revision": revision,
            "newest_revision_id": newest.get(article.pk, (None, None))[1],
            "fingerprint": current,
            "quorum": settings.REVIEW_QUORUM,
            "approvals": sign_offs,
            "approve_refusal": approve_refusal,
            "diff_url": queue.diff_url(review, newest, approved),
            "preview_urls": [(p, queue.preview_url(article, lang, p)) for p in all_personas()],
            "history_url": reverse(f"{self.admin_site.name}:articles_article_history", args=[article.pk]),
            "change_url": reverse(f"{self.admin_site.name}:articles_article_change", args=[article.pk]),
            "may_open_drafts": may_open_drafts(user, article),
            "events": events,
            "comments": list(review.comments.select_related("author")),
            "may_act": acts,
            "may_comment": user.has_perm(COMMENT_PERMISSION),
            "may_assign": user.has_perm(ASSIGN_PERMISSION),
            "start_form": bound.get("start_review") or StartReviewForm(),
            "approve_form": bound.get("approve")
            or ApproveForm(initial={"revision": revision.pk if revision is not None else None}),
            "changes_form": bound.get("request_changes") or RequestChangesForm(),
            "comment_form": bound.get("comment") or CommentForm(),
            "assign_form": bound.get("assign")
            or AssignForm(language=lang, initial={"assigned_to": list(review.assigned_to.all())}),
            "submitted": next((e for e in reversed(events) if e.action == ReviewEvent.Action.SUBMIT), None),
            "queue_url": reverse(f"{self.admin_site.name}:reviews_reviewqueue_changelist"),
        }
        return TemplateResponse(request, self.review_template, context)
