"""manage.py review submit|approve|request-changes|status SLUG --lang LANG --user USERNAME
[--comment TEXT]: the workflow's rules from the command line. A refusal is one line on stderr
and a non-zero exit, never a traceback."""

import pytest
from django.core.management import call_command

from articles.models import Article
from reviews.models import ReviewEvent
from tests.reviews.conftest import make_board_member, run_review


@pytest.fixture
def imported(editor):
    """A PUBLISHED article that came from an import, recorded as the editor's revision."""
    call_command("import_article", "demo/articles/msc-knee-dose.en.md", "demo/articles/msc-knee-dose.zh-hans.md",
                 "--user", "editor")
    article = Article.objects.get(slug="msc-knee-dose")
    assert article.status == Article.Status.PUBLISHED
    return article


def refused(args, message):
    status, out, err = run_review(*args)
    assert status != 0
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert message in lines[0]
    return lines[0]


def test_submit_approve_and_status(imported, reviewer):
    status, out, err = run_review("submit", "msc-knee-dose", "--lang", "en", "--user", "editor", "--comment", "Ready")
    assert (status, err) == (0, "")
    assert "msc-knee-dose (en): Submitted" in out
    status, out, _err = run_review("approve", "msc-knee-dose", "--lang", "en", "--user", "reviewer")
    assert status == 0
    assert "msc-knee-dose (en): Approved" in out

    status, out, _err = run_review("status", "msc-knee-dose", "--lang", "en", "--user", "reviewer")
    assert status == 0
    assert "state: Approved (approved)" in out
    assert "approved by: Dr Mei Lin, MD, PhD [reviewer]" in out
    assert "next review due: " in out
    assert "revision: " in out
    status, out, _err = run_review("status", "msc-knee-dose", "--lang", "zh-hans")
    assert "state: Draft (draft)" in out


def test_request_changes_records_the_comment(imported, reviewer):
    run_review("submit", "msc-knee-dose", "--lang", "zh-hans", "--user", "editor")
    status, out, _err = run_review("request-changes", "msc-knee-dose", "--lang", "zh-hans", "--user", "reviewer",
                                   "--comment", "请注明剂量单位。")
    assert status == 0
    assert "Changes requested" in out
    assert ReviewEvent.objects.last().comment == "请注明剂量单位。"


def test_an_editor_cannot_approve(imported, editor):
    run_review("submit", "msc-knee-dose", "--lang", "en", "--user", "editor")
    refused(["approve", "msc-knee-dose", "--lang", "en", "--user", "editor"],
            "editor is not an active member of the Medical Advisory Board")


def test_a_board_member_cannot_submit(imported, reviewer):
    refused(["submit", "msc-knee-dose", "--lang", "en", "--user", "reviewer"],
            "reviewer may not submit articles for medical review")


def test_requesting_changes_without_a_comment_is_refused(imported, reviewer):
    run_review("submit", "msc-knee-dose", "--lang", "en", "--user", "editor")
    refused(["request-changes", "msc-knee-dose", "--lang", "en", "--user", "reviewer"], "needs a comment")


def test_the_importer_cannot_approve_the_import(editor):
    make_board_member("importer")
    call_command("import_article", "demo/articles/msc-knee-dose.en.md", "--user", "importer")
    assert run_review("submit", "msc-knee-dose", "--lang", "en", "--user", "editor")[0] == 0
    refused(["approve", "msc-knee-dose", "--lang", "en", "--user", "importer"], "You wrote or edited this text")


def test_approving_an_unsubmitted_text_is_refused(imported, reviewer):
    refused(["approve", "msc-knee-dose", "--lang", "en", "--user", "reviewer"], "has not been submitted")


def test_a_reader_of_english_only_cannot_approve_chinese(imported):
    make_board_member("english", languages="en")
    run_review("submit", "msc-knee-dose", "--lang", "zh-hans", "--user", "editor")
    refused(["approve", "msc-knee-dose", "--lang", "zh-hans", "--user", "english"],
            "does not review Simplified Chinese texts")


@pytest.mark.parametrize("args, message", [
    (["approve", "no-such-article", "--lang", "en", "--user", "reviewer"], "No article “no-such-article”"),
    (["approve", "msc-knee-dose", "--lang", "en", "--user", "nobody"], "No user “nobody”"),
    (["approve", "msc-knee-dose", "--lang", "fr", "--user", "reviewer"], "Unknown language “fr”"),
    (["approve", "msc-knee-dose", "--lang", "en"], "Say who acts: --user USERNAME"),
    (["status", "msc-knee-dose", "--lang", "en", "--user", "outsider"], "outsider may not see medical reviews"),
])
def test_bad_arguments_are_one_line(imported, reviewer, outsider, args, message):
    refused(args, message)
