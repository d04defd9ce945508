"""Helpers of the review tests: board profiles, articles with a history, the review command."""

import io

import pytest
import reversion
from django.contrib.auth.models import Group, User
from django.core.management.base import CommandError

from articles.staff.roles import BOARD, ensure_roles
from reviews.models import BoardMember
from tests.factories import make_article


def make_board_member(username, *, languages="en,zh-hans", profile=True, specialties=(), **fields):
    """A user in the board group, with a profile unless ``profile=False``."""
    user = User.objects.create_user(username=username, is_staff=True,
                                    first_name=fields.pop("first_name", ""), last_name=fields.pop("last_name", ""))
    ensure_roles()
    user.groups.add(Group.objects.get(name=BOARD))
    if profile:
        fields.setdefault("display_name", f"Dr {username.title()}")
        fields.setdefault("credentials_en", "MD")
        member = BoardMember.objects.create(user=user, languages=languages, **fields)
        member.specialties.set(specialties)
    return user


def make_article_with_history(user, **fields):
    """make_article() inside a history revision made by ``user`` (as an admin save would)."""
    with reversion.create_revision():
        article = make_article(**fields)
        reversion.set_user(user)
    return article


def save_as(user, article, **texts):
    """Change fields of an article in a revision made by ``user``."""
    for name, value in texts.items():
        setattr(article, name, value)
    with reversion.create_revision():
        article.save()
        reversion.set_user(user)
    return article


def run_review(*args):
    """``manage.py review ARGS`` as from a shell: (exit status, stdout, stderr).

    What BaseCommand.run_from_argv does, without closing the database connections at the end
    (that would end the test's transaction) and without the system checks (they ran when the
    test run started; and once an admin change form was served, modeltranslation has set
    ArticleAdmin.fields next to its fieldsets, admin.E005, which a check in the same process
    would report)."""
    from reviews.management.commands.review import Command

    out, err = io.StringIO(), io.StringIO()
    command = Command(stdout=out, stderr=err)
    parser = command.create_parser("manage.py", "review")
    options = vars(parser.parse_args(args))
    positional = options.pop("args", ())
    options["skip_checks"] = True
    try:
        command.execute(*positional, **options)
    except CommandError as error:
        err.write(f"{error.__class__.__name__}: {error}\n")
        return error.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def reviewer(db):
    """A board member with a profile, reading English and Chinese."""
    return make_board_member("reviewer", display_name="Dr Mei Lin", credentials_en="MD, PhD",
                             credentials_zh_hans="医学博士")


@pytest.fixture
def second_reviewer(db):
    return make_board_member("second", display_name="Dr Sam Okafor", credentials_en="MBBS")


def browser_post_data(response, **overrides):
    """What a browser posts back from an admin change form: every field's value (textareas
    with CRLF line endings), the hidden "initial-" inputs and the hidden lock token."""
    from django import forms

    context = response.context
    all_forms = [context["adminform"].form]
    for inline in context.get("inline_admin_formsets", []):
        all_forms.append(inline.formset.management_form)
        all_forms.extend(inline.formset.forms)
    data = {}
    for form in all_forms:
        for bound in form:
            value = bound.value()
            if bound.field.show_hidden_initial:
                data[bound.html_initial_name] = bound.field.widget.format_value(value)
            if value is None or value is False:
                continue
            if value is True:
                data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
            elif isinstance(bound.field.widget, forms.Textarea):
                data[bound.html_name] = str(value).replace("\r\n", "\n").replace("\n", "\r\n")
            else:
                data[bound.html_name] = str(value)
    data.update(overrides)
    return data
