from django.db import migrations, models


def fill_live_fingerprints(apps, schema_editor):
    """The fingerprint of each reviewed text as stored now (reviews/live.py keeps it after)."""
    from articles.rendering.citations import cited_keys
    from reviews.workflow.fingerprint import TEXT_FIELDS, fingerprint, normalize

    Review = apps.get_model("reviews", "Review")
    Reference = apps.get_model("references", "Reference")
    for review in Review.objects.select_related("article").iterator(chunk_size=500):
        suffix = review.language.replace("-", "_")
        texts = {name: getattr(review.article, f"{name}_{suffix}", "") or "" for name in TEXT_FIELDS}
        keys = cited_keys(normalize(texts["summary"]), normalize(texts["body"]))
        library = {ref.key: ref for ref in Reference.objects.filter(key__in=keys)} if keys else {}
        Review.objects.filter(pk=review.pk).update(live_fingerprint=fingerprint(texts, library, keys))


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0004_audit_trail'),
        # The fingerprint reads every field a citation shows, authors_incomplete included.
        ('references', '0005_reference_authors_incomplete'),
        ('articles', '0016_update_note_withdrawn'),
    ]

    operations = [
        migrations.AddField(
            model_name='review',
            name='live_fingerprint',
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(fill_live_fingerprints, migrations.RunPython.noop),
    ]
