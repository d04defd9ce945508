from django.core.management.base import BaseCommand

from articles.search.index import rebuild


class Command(BaseCommand):
    help = (
        "Rewrite every article's stored search documents (after text was changed with SQL or "
        "queryset.update(), which bypass the signals that keep them in step)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Indexed {rebuild()} article(s).")
