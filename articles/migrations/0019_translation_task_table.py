import django.db.models.deletion
from django.db import migrations, models


def store_the_queue(apps, schema_editor):
    from articles.editing.translation_queue import refresh

    refresh(article_model=apps.get_model("articles", "Article"), task_model=apps.get_model("articles", "TranslationTask"))


class Migration(migrations.Migration):
    """The translation queue becomes a table of its rows (it was a proxy of Article): the same
    content type and "view" permission, now of a narrow table the queue reads."""

    dependencies = [
        ("articles", "0018_article_public_order_index"),
    ]

    operations = [
        migrations.DeleteModel(
            name='TranslationTask',
        ),
        migrations.CreateModel(
            name='TranslationTask',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(choices=[('en', 'English'), ('zh-hans', 'Simplified Chinese')], max_length=10, verbose_name='language')),
                ('slug', models.CharField(max_length=120)),
                ('missing', models.BooleanField()),
                ('since', models.DateTimeField(null=True)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='translation_tasks', to='articles.article')),
            ],
            options={
                'verbose_name': 'translation queue',
                'verbose_name_plural': 'translation queue',
                'ordering': ['slug', 'language'],
                'default_permissions': ('view',),
                'indexes': [models.Index(fields=['slug', 'language'], name='translation_task_order')],
                'constraints': [models.UniqueConstraint(fields=('article', 'language'), name='unique_translation_task')],
            },
        ),
        migrations.RunPython(store_the_queue, migrations.RunPython.noop),
    ]
