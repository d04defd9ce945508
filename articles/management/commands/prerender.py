from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from articles.rendering.prerender import prerender


class Command(BaseCommand):
    help = (
        "Render every language x persona variant of the published articles (or of the slugs "
        "given) into the render cache and the database, so readers' first requests do not render Markdown. "
        "Run after a glossary or persona change, or after the cache was emptied."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="only these articles")

    def handle(self, *args, slugs=(), **options):
        articles = Article.objects.filter(status=Article.Status.PUBLISHED).order_by("pk")
        if slugs:
            found = set(articles.filter(slug__in=slugs).values_list("slug", flat=True))
            missing = [slug for slug in slugs if slug not in found]
            for slug in missing:
                self.stderr.write(f"{slug}: no published article with this slug")
            if missing:
                raise CommandError(f"{len(missing)} slug(s) not found; nothing rendered.")
            articles = articles.filter(slug__in=slugs)
        count, variants = prerender(articles.iterator(chunk_size=200))
        self.stdout.write(f"Rendered {variants} variant(s) of {count} article(s).")
