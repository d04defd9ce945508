from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0005_review_live_fingerprint'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='review',
            index=models.Index(condition=models.Q(models.Q(models.Q(('approved_fingerprint', ''), _negated=True), ('approved_fingerprint', models.F('live_fingerprint')), _negated=True), ('state__in', ['approved', 'submitted', 'under_review'])), fields=['updated_at', 'id'], include=['assignee', 'language'], name='review_queue_waiting'),
        ),
        migrations.AddIndex(
            model_name='review',
            index=models.Index(condition=models.Q(models.Q(models.Q(('approved_fingerprint', ''), _negated=True), ('approved_fingerprint', models.F('live_fingerprint')), _negated=True), ('state__in', ['changes_requested'])), fields=['updated_at', 'id'], name='review_queue_changes'),
        ),
        migrations.AddIndex(
            model_name='review',
            index=models.Index(condition=models.Q(models.Q(('approved_fingerprint', ''), _negated=True), ('approved_fingerprint', models.F('live_fingerprint'))), fields=['updated_at', 'id', 'next_review_due'], include=['state'], name='review_queue_approved'),
        ),
    ]
