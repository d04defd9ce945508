"""The triage queue of readers' follow-up questions.

Everyone with the view permission reads the questions; only staff with the triage permission
see the askers' email addresses (in the list, the form and its search). Marking a question
answered (or turned into an article) with an answering article emails the asker after commit.
"""

from django import forms
from django.contrib import admin
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from config.admin_lists import is_changelist

from ..followups import rules as followups
from ..models import Article, FollowUpQuestion, article_long_text_columns

TRIAGE_PERMISSION = "articles.triage_followupquestion"


def may_triage(user):
    return user.has_perm(TRIAGE_PERMISSION)


class FollowUpQuestionForm(forms.ModelForm):
    class Meta:
        model = FollowUpQuestion
        fields = ["status", "answer_article"]

    def clean(self):
        cleaned = super().clean()
        status, answer = cleaned.get("status"), cleaned.get("answer_article")
        answered = (FollowUpQuestion.Status.ANSWERED, FollowUpQuestion.Status.ARTICLE)
        if answer is not None and status not in answered:
            self.add_error("answer_article", _("Only an answered question has an answering article."))
        if answer is not None and not Article.objects.published().filter(pk=answer.pk).exists():
            self.add_error("answer_article", _("The answering article must be published: the asker gets its link."))
        return cleaned


@admin.register(FollowUpQuestion)
class FollowUpQuestionAdmin(admin.ModelAdmin):
    form = FollowUpQuestionForm
    list_display = ("created_at", "short_question", "article", "language", "persona", "status", "answer_article")
    list_filter = ("status", "language")
    list_select_related = ("article", "persona", "answer_article")
    search_fields = ("question", "article__slug")
    raw_id_fields = ("answer_article",)
    date_hierarchy = "created_at"
    readonly_fields = ("article", "question", "language", "persona", "created_at", "answer_emailed_at", "email")

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_changelist(request, self):
            # The list names the articles: their texts stay in the database.
            return queryset.defer(
                *(f"{relation}__{column}" for relation in ("article", "answer_article")
                  for column in article_long_text_columns())
            )
        return queryset

    def has_add_permission(self, request):
        return False  # questions come from readers

    def get_list_display(self, request):
        fields = super().get_list_display(request)
        return fields + ("has_email",) if not may_triage(request.user) else fields + ("email",)

    def get_fields(self, request, obj=None):
        fields = ["article", "question", "language", "persona", "created_at", "status", "answer_article",
                  "answer_emailed_at"]
        if may_triage(request.user):
            fields.insert(5, "email")
        return fields

    def get_search_fields(self, request):
        # Searching by address would tell someone without the permission who asked.
        return self.search_fields + (("email",) if may_triage(request.user) else ())

    @admin.display(description=_("question"))
    def short_question(self, obj):
        return Truncator(obj.question).chars(90)

    @admin.display(description=_("email left"), boolean=True)
    def has_email(self, obj):
        return bool(obj.email)

    def save_model(self, request, obj, form, change):
        # Only what the form edits: a save from a form loaded earlier must not bring back an
        # address deleted, or an email marked sent, in the meantime.
        fields = ["status", "answer_article"]
        if followups.forget_email_if_spam(obj):
            fields.append("email")
        obj.save(update_fields=fields)
        if obj.answer_article_id:
            with translation.override(obj.language):
                url = request.build_absolute_uri(obj.answer_article.get_absolute_url())
            followups.email_answer_after_commit(obj, url)
