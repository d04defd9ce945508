"""Print (as JSON) every public page, every history page and every export of the site in
DATABASE_URL: what a backup must bring back byte for byte. Run as a script in a subprocess:

    DATABASE_URL=... python tests/reliability/site_snapshot.py
"""

import json
import os
import re
import sys
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from reversion.models import Version  # noqa: E402

from articles.models import Article, Persona, SitePage, Topic  # noqa: E402

# Per-request values that differ between any two renders of the same data
# (the CSRF token of forms, the Content-Security-Policy nonce of inline scripts and styles).
VOLATILE = re.compile(r'((?:name="csrfmiddlewaretoken" value|nonce)=")[^"]+(")')


def page(client, url):
    response = client.get(url)
    return f"{response.status_code}\n" + VOLATILE.sub(r"\1-\2", response.content.decode())


def snapshot():
    setup_test_environment()
    reader, staff = Client(), Client()
    admin = get_user_model().objects.filter(is_superuser=True).first()
    if admin is None:
        admin = get_user_model().objects.create_superuser("snapshot-admin", password=None)
    staff.force_login(admin)
    pages = {}
    languages = [code for code, _name in settings.LANGUAGES]
    personas = list(Persona.objects.values_list("code", flat=True))
    for lang in languages:
        pages[f"/{lang}/articles/"] = page(reader, f"/{lang}/articles/")
        for slug in Topic.objects.values_list("slug", flat=True):
            pages[f"/{lang}/topics/{slug}/"] = page(reader, f"/{lang}/topics/{slug}/")
        for slug in SitePage.objects.values_list("slug", flat=True):
            pages[f"/{lang}/{slug}/"] = page(reader, f"/{lang}/{slug}/")
        for article in Article.objects.published():
            for persona in personas:
                url = f"/{lang}/articles/{article.slug}/?persona={persona}"
                pages[url] = page(reader, url)
    for article in Article.objects.all():
        history = f"/admin/articles/article/{article.pk}/history/"
        pages[history] = page(staff, history)
        versions = list(Version.objects.get_for_object(article).values_list("pk", flat=True))
        if len(versions) > 1:
            compare = f"{history}compare/?a={versions[-1]}&b={versions[0]}"
            pages[compare] = page(staff, compare)
        for lang in languages:
            out = StringIO()
            try:
                call_command("export_article", article.slug, "--lang", lang, stdout=out, stderr=StringIO())
            except (SystemExit, Exception) as error:  # a language the article lacks
                out.write(f"refused: {type(error).__name__}")
            pages[f"export_article {article.slug} {lang}"] = out.getvalue()
    out = StringIO()
    call_command("export_references", stdout=out)
    pages["export_references"] = out.getvalue()
    return pages


if __name__ == "__main__":
    json.dump(snapshot(), sys.stdout, ensure_ascii=False, sort_keys=True)
