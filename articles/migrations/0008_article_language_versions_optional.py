# Each language version of an article is optional; at least one must be complete (a title and a key answer).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0007_editorial_policy'),
    ]

    operations = [
        migrations.AlterField(
            model_name='article',
            name='summary',
            field=models.TextField(blank=True, help_text='Inline Markdown; citations allowed.', verbose_name='key answer'),
        ),
        migrations.AlterField(
            model_name='article',
            name='summary_en',
            field=models.TextField(blank=True, help_text='Inline Markdown; citations allowed.', null=True, verbose_name='key answer'),
        ),
        migrations.AlterField(
            model_name='article',
            name='summary_zh_hans',
            field=models.TextField(blank=True, help_text='Inline Markdown; citations allowed.', null=True, verbose_name='key answer'),
        ),
        migrations.AlterField(
            model_name='article',
            name='title',
            field=models.CharField(blank=True, max_length=300, verbose_name='title (the clinical question)'),
        ),
        migrations.AlterField(
            model_name='article',
            name='title_en',
            field=models.CharField(blank=True, max_length=300, null=True, verbose_name='title (the clinical question)'),
        ),
        migrations.AlterField(
            model_name='article',
            name='title_zh_hans',
            field=models.CharField(blank=True, max_length=300, null=True, verbose_name='title (the clinical question)'),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('summary_en__isnull', False), ('title_en__isnull', False), models.Q(('title_en', ''), _negated=True), models.Q(('summary_en', ''), _negated=True)), models.Q(('summary_zh_hans__isnull', False), ('title_zh_hans__isnull', False), models.Q(('title_zh_hans', ''), _negated=True), models.Q(('summary_zh_hans', ''), _negated=True)), _connector='OR'), name='article_has_a_language_version', violation_error_message='Give at least one language version both a title (the clinical question) and a key answer.'),
        ),
    ]
