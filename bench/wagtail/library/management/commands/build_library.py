"""Copy MedCMS's benchmark articles into this Wagtail site: a bilingual page tree, in bulk.

    manage.py build_library --source postgres://postgres@127.0.0.1:5432/bench [--pages N]

Reads the MedCMS data set (read-only) and writes, in this site's (empty, migrated) database:
locales en and zh-hans; Root > Home (en) and its zh-hans translation > Articles > one
ArticlePage per MedCMS article in each of its languages (translations share a translation_key,
drafts are not live); 40 authors per language and 1,000 references as snippets; each page's
authors and references as ordered inlines (references in the order MedCMS numbers them in that
language) and its topics as tags. The home and index pages go through Wagtail's API; the
articles and inlines are bulk inserts (the tree paths computed as treebeard computes them),
then ANALYZE (without statistics the planner joins the topics of every page: 0.8 s a request
instead of 20 ms) and the checks of treebeard's find_problems() on the tree, in SQL.
"""

import json
import time

import psycopg
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from taggit.models import Tag
from wagtail.models import Locale, Page, Site

from library.content import body_blocks, rich_text
from library.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    ArticleReference,
    ArticleTopic,
    Author,
    HomePage,
    Reference,
)

LANGUAGES = {"en": "en", "zh-hans": "zh_hans"}  # locale code: MedCMS column suffix
MONTHS = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _initials(author):
    given = author.get("given", "")
    return f"{author.get('family', '')} {given[:1]}".strip()


class Command(BaseCommand):
    help = "Copy MedCMS's benchmark articles into this Wagtail site."

    def add_arguments(self, parser):
        parser.add_argument("--source", required=True, help="the MedCMS benchmark database (read only)")
        parser.add_argument("--pages", type=int, default=0, help="at most this many articles (default: all)")

    def handle(self, source, pages, **options):
        if Page.objects.filter(depth__gt=2).exists() or ArticlePage.objects.exists():
            raise CommandError("The site already has pages: build into an empty, migrated database.")
        start = self.last = time.perf_counter()
        with psycopg.connect(source) as medcms:
            data = self.read(medcms, pages)
        read_seconds = time.perf_counter() - start
        with transaction.atomic():
            indexes = self.tree()
            authors = self.authors(data["authors"])
            references = self.references(data["references"])
            tags = self.tags(data["topics"])
            created = self.articles(data, indexes, authors, references, tags)
        self.lap("written")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as autovacuum would gather them on a live site
        self.lap("ANALYZE")
        if problems := self.tree_problems():
            raise CommandError(f"the page tree is inconsistent: {problems}")
        self.lap("tree checked")
        self.stdout.write(f"built {created} article pages ({len(data['articles'])} articles) in "
                          f"{time.perf_counter() - start:.1f} s (reading MedCMS {read_seconds:.1f} s)")

    def tree_problems(self):
        """What treebeard's find_problems() checks (it takes minutes here), in four queries: depth
        matches the path, every page has its parent one level up, numchild counts the children,
        url_path is the parent's plus the slug."""
        assert Page._meta.db_table == "wagtailcore_page" and Page.steplen == 4
        checks = {
            "bad depth": "SELECT count(*) FROM wagtailcore_page WHERE depth * 4 <> length(path)",
            "orphans": "SELECT count(*) FROM wagtailcore_page c LEFT JOIN wagtailcore_page p "
                       "ON p.path = substr(c.path, 1, length(c.path) - 4) "
                       "WHERE c.depth > 1 AND (p.id IS NULL OR p.depth <> c.depth - 1)",
            "bad numchild": "WITH n AS (SELECT substr(path, 1, length(path) - 4) AS parent, count(*) AS children "
                            "FROM wagtailcore_page WHERE depth > 1 GROUP BY 1) "
                            "SELECT count(*) FROM wagtailcore_page p LEFT JOIN n ON n.parent = p.path "
                            "WHERE p.numchild <> coalesce(n.children, 0)",
            "bad url_path": "SELECT count(*) FROM wagtailcore_page c JOIN wagtailcore_page p "
                            "ON p.path = substr(c.path, 1, length(c.path) - 4) "
                            "WHERE c.depth > 2 AND c.url_path <> p.url_path || c.slug || '/'",
        }
        with connection.cursor() as cursor:
            found = {}
            for name, query in checks.items():
                cursor.execute(query)
                found[name] = cursor.fetchone()[0]
        return {name: count for name, count in found.items() if count}

    # --- reading MedCMS ---------------------------------------------------------------------------

    def read(self, medcms, limit):
        def rows(query, params=()):
            cursor = medcms.cursor(row_factory=psycopg.rows.dict_row)
            return cursor.execute(query, params).fetchall()

        articles = rows(
            "SELECT id, slug, status, published_at, content_updated_at, literature_reviewed_through, "
            "title_en, title_zh_hans, summary_en, summary_zh_hans, plain_summary_en, plain_summary_zh_hans, "
            "body_en, body_zh_hans FROM articles_article WHERE slug LIKE 'bench-%%' AND slug <> 'bench-history' "
            "ORDER BY slug LIMIT %s", [limit or None])
        ids = [a["id"] for a in articles]
        citations = {}
        for row in rows("SELECT c.article_id, c.language, c.number, r.key FROM articles_citation c "
                        "JOIN references_reference r ON r.id = c.reference_id WHERE c.article_id = ANY(%s) "
                        "ORDER BY c.article_id, c.language, c.number", [ids]):
            citations.setdefault((row["article_id"], row["language"]), {})[row["key"]] = row["number"]
        topics_of, authors_of = {}, {}
        for row in rows("SELECT article_id, topic_id FROM articles_article_topics WHERE article_id = ANY(%s) "
                        "ORDER BY id", [ids]):
            topics_of.setdefault(row["article_id"], []).append(row["topic_id"])
        for row in rows("SELECT article_id, author_id FROM articles_authorship WHERE article_id = ANY(%s) "
                        "ORDER BY article_id, position", [ids]):
            authors_of.setdefault(row["article_id"], []).append(row["author_id"])
        return {
            "articles": articles, "citations": citations, "topics_of": topics_of, "authors_of": authors_of,
            "topics": rows("SELECT id, slug, name_en, name_zh_hans FROM articles_topic ORDER BY id"),
            "authors": rows("SELECT id, name, credentials_en, credentials_zh_hans, affiliation_en, "
                            "affiliation_zh_hans, disclosure_en, disclosure_zh_hans FROM articles_author ORDER BY id"),
            "references": rows("SELECT id, key, title, authors, authors_incomplete, container_title, issued_year, "
                               "issued_month, volume, issue, pages, doi, pmid, evidence FROM references_reference "
                               "ORDER BY id"),
        }

    # --- writing Wagtail ------------------------------------------------------------------------------

    def tree(self):
        """Root > Home (en, the site's root) and Home (zh-hans) > Articles: through Wagtail's API."""
        locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
        root = Page.get_first_root_node()
        welcome = root.get_children().first()  # the page Wagtail's first migration creates
        home = root.add_child(instance=HomePage(title="Health Library", slug="health-library", locale=locales["en"]))
        Site.objects.update(root_page=home)
        if welcome:
            welcome.delete()
        home_zh = root.add_child(instance=HomePage(title="健康资料库", slug="health-library-zh-hans", locale=locales["zh-hans"],
                                                   translation_key=home.translation_key))
        index = home.add_child(instance=ArticleIndexPage(title="Articles", slug="articles", locale=locales["en"]))
        index_zh = home_zh.add_child(instance=ArticleIndexPage(title="文章", slug="articles",
                                                               locale=locales["zh-hans"],
                                                               translation_key=index.translation_key))
        return {"en": (locales["en"], index), "zh-hans": (locales["zh-hans"], index_zh)}

    def authors(self, rows):
        """Each MedCMS author in each language, the translations sharing a translation_key."""
        made = {}
        for code, suffix in LANGUAGES.items():
            locale = Locale.objects.get(language_code=code)

            def text(row, field, suffix=suffix):
                return row[f"{field}_{suffix}"] or row[f"{field}_en"] or ""

            objects = Author.objects.bulk_create([
                Author(name=row["name"], credentials=text(row, "credentials"), affiliation=text(row, "affiliation"),
                       disclosure=text(row, "disclosure"), locale=locale,
                       **({"translation_key": made[("en", row["id"])].translation_key} if code != "en" else {}))
                for row in rows])
            made.update({(code, row["id"]): obj for row, obj in zip(rows, objects, strict=True)})
        return made

    def references(self, rows):
        objects = Reference.objects.bulk_create([
            Reference(key=row["key"], title=row["title"],
                      authors=", ".join(_initials(a) for a in row["authors"]) + (", et al" if row["authors_incomplete"] else ""),
                      journal=row["container_title"], year=row["issued_year"], month=MONTHS[row["issued_month"] or 0],
                      volume=row["volume"], issue=row["issue"], pages=row["pages"], doi=row["doi"], pmid=row["pmid"],
                      evidence=row["evidence"].replace("-", " "))
            for row in rows])
        return {obj.key: obj for obj in objects}

    def tags(self, topics):
        made = {}
        for code, suffix in LANGUAGES.items():
            for topic in topics:
                name = topic[f"name_{suffix}"] or topic["name_en"]
                slug = topic["slug"] if code == "en" else f"{topic['slug']}-{code}"
                made[(code, topic["id"])] = Tag.objects.create(name=name, slug=slug)
        return made

    def articles(self, data, indexes, authors, references, tags):
        content_type = ContentType.objects.get_for_model(ArticlePage)
        pages, details, inlines = [], [], []
        keys = {}
        for code, suffix in LANGUAGES.items():
            locale, index = indexes[code]
            step = 0
            for article in data["articles"]:
                title = article[f"title_{suffix}"]
                if not title:
                    continue
                step += 1
                live = article["status"] == "published"
                numbers = data["citations"].get((article["id"], code), {})
                page = Page(
                    title=title, draft_title=title, slug=article["slug"], content_type=content_type,
                    path=Page._get_path(index.path, index.depth + 1, step), depth=index.depth + 1, numchild=0,
                    url_path=f"{index.url_path}{article['slug']}/", live=live, has_unpublished_changes=not live,
                    first_published_at=article["published_at"] if live else None,
                    last_published_at=(article["content_updated_at"] or article["published_at"]) if live else None,
                    latest_revision_created_at=None, locale=locale,
                    search_description="", seo_title="", show_in_menus=False,
                )
                if article["id"] in keys:
                    page.translation_key = keys[article["id"]]
                else:
                    keys[article["id"]] = page.translation_key
                pages.append(page)
                details.append((
                    rich_text(article[f"summary_{suffix}"], numbers), rich_text(article[f"plain_summary_{suffix}"], numbers),
                    json.dumps(body_blocks(article[f"body_{suffix}"], numbers, f"{code}/{article['slug']}")),
                    article["literature_reviewed_through"],
                ))
                inlines.append((code, article, numbers))
            index.numchild = step
            index.save(update_fields=["numchild"])
        self.lap("pages converted")
        Page.objects.bulk_create(pages, batch_size=2000)
        self.lap("wagtailcore_page rows")
        table = ArticlePage._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (page_ptr_id, key_answer, plain_summary, body, literature_reviewed_through) "  # noqa: S608 - our table name
                "VALUES (%s, %s, %s, %s::jsonb, %s)",
                [(page.pk, *detail) for page, detail in zip(pages, details, strict=True)])
        self.lap("library_articlepage rows")
        article_authors, article_references, article_topics = [], [], []
        for page, (code, article, numbers) in zip(pages, inlines, strict=True):
            article_authors += [ArticleAuthor(page_id=page.pk, author=authors[(code, author_id)], sort_order=n)
                                for n, author_id in enumerate(data["authors_of"].get(article["id"], []))]
            article_references += [ArticleReference(page_id=page.pk, reference=references[key], sort_order=number)
                                   for key, number in sorted(numbers.items(), key=lambda item: item[1])]
            article_topics += [ArticleTopic(content_object_id=page.pk, tag=tags[(code, topic_id)])
                               for topic_id in data["topics_of"].get(article["id"], [])]
        ArticleAuthor.objects.bulk_create(article_authors, batch_size=5000)
        ArticleReference.objects.bulk_create(article_references, batch_size=5000)
        ArticleTopic.objects.bulk_create(article_topics, batch_size=5000)
        self.lap(f"{len(article_authors)} authors, {len(article_references)} references, "
                 f"{len(article_topics)} topics of pages")
        return len(pages)

    def lap(self, what):
        now = time.perf_counter()
        self.stdout.write(f"  {what}: {now - self.last:.1f} s")
        self.last = now
