"""The Content-Security-Policy holds on every kind of page in a real browser: nothing the
pages need is blocked (no violation reported), while inline script without the nonce is."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User

from articles.staff.roles import CHIEF_EDITORS, ensure_roles
from tests.articles.imported_article import import_bilingual_article
from tests.browser.idle import close_when_idle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-browser-tests"
COLLECT = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));
"""


@pytest.fixture
def site(tmp_path, live_server):
    importlib.import_module("articles.migrations.0002_default_personas").create_personas(apps, None)
    ensure_roles()
    chief = User.objects.create_user("chief", password=PASSWORD, is_staff=True)
    chief.groups.add(Group.objects.get(name=CHIEF_EDITORS))
    article = import_bilingual_article(tmp_path, "chief")
    return live_server.url, article


def _violations(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    return response, page.evaluate("window.__csp")


def test_reader_pages_report_no_violation(browser, site):
    base, article = site
    context = browser.new_context()
    context.add_init_script(COLLECT)
    page = context.new_page()
    for path in (f"/en/articles/{article.slug}/", f"/zh-hans/articles/{article.slug}/?persona=physician",
                 "/en/articles/", "/en/board/", "/api/v1/docs"):
        response, violations = _violations(page, base + path)
        assert response.status == 200, path
        assert violations == [], (path, violations)
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        assert "camera=()" in response.headers["permissions-policy"]
    close_when_idle(context)


def test_admin_pages_report_no_violation(browser, site):
    base, article = site
    context = browser.new_context()
    context.add_init_script(COLLECT)
    page = context.new_page()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    for path in ("/admin/", "/admin/articles/article/", f"/admin/articles/article/{article.pk}/change/",
                 f"/admin/articles/article/{article.pk}/history/", "/admin/reviews/reviewqueue/"):
        response, violations = _violations(page, base + path)
        assert response.status == 200, path
        assert violations == [], (path, violations)
    close_when_idle(context)


def test_inline_script_without_the_nonce_is_blocked(browser, site):
    base, article = site
    context = browser.new_context()
    context.add_init_script(COLLECT)
    page = context.new_page()
    page.goto(f"{base}/en/articles/{article.slug}/")
    page.evaluate("""() => { const s = document.createElement('script');
                            s.textContent = 'window.__ran = true'; document.body.appendChild(s); }""")
    assert page.evaluate("window.__ran === undefined")
    assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
    close_when_idle(context)
