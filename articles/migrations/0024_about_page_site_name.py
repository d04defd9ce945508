"""The Chinese about page as 0011 created it called the site "健康文库"; everywhere else it is
"健康知识库" (the interface, the feed). Corrected where the page is still as created, so that an
edited page is left alone."""

import importlib

from django.db import migrations

OLD_NAME, NEW_NAME = "MedCMS 健康文库", "MedCMS 健康知识库"


def _created_text():
    return importlib.import_module("articles.migrations.0011_about_contact_privacy_pages").ABOUT_ZH


def rename(apps, schema_editor):
    pages = apps.get_model("articles", "SitePage").objects.filter(slug="about", body_zh_hans=_created_text())
    pages.update(body_zh_hans=_created_text().replace(OLD_NAME, NEW_NAME))


def rename_back(apps, schema_editor):
    corrected = _created_text().replace(OLD_NAME, NEW_NAME)
    apps.get_model("articles", "SitePage").objects.filter(slug="about", body_zh_hans=corrected).update(
        body_zh_hans=_created_text()
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0023_autosave_base_revision")]

    operations = [migrations.RunPython(rename, rename_back)]
