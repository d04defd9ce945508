from django.core.management.base import BaseCommand

from articles.models import Article
from articles.public.related_lists import fill_missing


class Command(BaseCommand):
    help = (
        "Rank and store the related articles of every published article that has no stored "
        "list yet, so that readers' first requests do not rank them (pages do it otherwise)."
    )

    def handle(self, *args, **options):
        articles = Article.objects.filter(status=Article.Status.PUBLISHED).order_by("pk")
        filled = fill_missing(articles)
        self.stdout.write(f"Ranked the related articles of {filled} article(s).")
