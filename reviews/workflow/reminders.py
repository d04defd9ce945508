"""The periodic re-review: which language versions are overdue or soon due, as lines for the
``review_reminders`` command and the board's summary email."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Review
from .notifications import language_name


@dataclass(frozen=True)
class Due:
    review: Review
    overdue: bool
    today: object

    @property
    def days(self):
        return abs((self.review.next_review_due - self.today).days)

    def line(self):
        review = self.review
        words = {
            "slug": review.article.slug,
            "lang": review.language,
            "language": language_name(review.language),
            "date": review.next_review_due.isoformat(),
            "days": self.days,
        }
        if self.overdue:
            return _("OVERDUE  %(slug)s (%(lang)s): review was due %(date)s, %(days)s day(s) ago") % words
        return _("DUE SOON %(slug)s (%(lang)s): review due %(date)s, in %(days)s day(s)") % words


def due_reviews(days, today=None):
    """Overdue versions first (longest overdue first), then those due within ``days`` days."""
    today = today or timezone.localdate()
    reviews = Review.objects.select_related("article").order_by("next_review_due", "article__slug", "language")
    return [Due(review, True, today) for review in reviews.overdue(today)] + [
        Due(review, False, today) for review in reviews.due_within(days, today)
    ]
