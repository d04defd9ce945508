"""The editorial policy every installation starts with, in both languages; editable in the admin."""

from django.db import migrations

TEXTS = {'en': ('Editorial policy', 'Every article answers one clinical question, states the answer first, and shows the evidence behind each statement.\n\n## Who writes our articles\n\nArticles are written by named authors whose qualifications, affiliations and conflicts of interest are shown on each page.\n\n## How sources are chosen\n\nWe prefer clinical practice guidelines and systematic reviews, then randomized trials and observational studies. Each source in the reference list is labelled with its type of evidence, and sources that have been retracted are flagged.\n\n## Medical review\n\nBefore an article counts as reviewed, members of our Medical Advisory Board check the exact text shown to readers. Until then the page says that review is pending. Any later change to the text needs a new review.\n\n## Writing for different readers\n\nReaders can tell us whether they are a patient, a carer, a student or a health professional. Some passages are then worded for that reader; the facts and the sources stay the same.\n\n## Languages\n\nArticles appear in English and Simplified Chinese. When a translation is not ready yet, we show the original and say so on the page.\n\n## Corrections and updates\n\nEach article shows when its content last changed. If you find an error, please tell us; we correct mistakes promptly.\n\n## Not medical advice\n\nOur articles inform; they do not replace advice from a health professional who knows your situation.'), 'zh-hans': ('编辑方针', '每篇文章回答一个临床问题，先给出答案，并列出每项陈述所依据的证据。\n\n## 文章由谁撰写\n\n文章由署名作者撰写，其资质、所属机构和利益冲突情况均在各页面上公开。\n\n## 如何选择文献来源\n\n我们优先采用临床实践指南和系统综述，其次是随机对照试验和观察性研究。参考文献列表中的每条文献均标注证据类型，已撤稿的文献会予以标记。\n\n## 医学审核\n\n文章须经医学顾问委员会成员逐字核查向读者展示的文本后，方可视为已审核；在此之前，页面会注明尚待审核。此后对文本的任何修改都需要重新审核。\n\n## 面向不同读者的表述\n\n读者可以告诉我们自己是患者、照护者、学生还是医疗卫生专业人员。部分段落会随之调整表述以适合该读者；事实和文献来源保持不变。\n\n## 语言\n\n文章提供英文和简体中文两种版本。译文尚未完成时，我们会显示原文，并在页面上加以说明。\n\n## 更正与更新\n\n每篇文章均注明内容最后更新的时间。如发现错误，请告知我们，我们会及时更正。\n\n## 不构成医疗建议\n\n我们的文章仅提供健康信息，不能替代了解您具体情况的专业医务人员的建议。')}


def create_editorial_policy(apps, schema_editor):
    SitePage = apps.get_model("articles", "SitePage")
    (title_en, body_en), (title_zh, body_zh) = TEXTS["en"], TEXTS["zh-hans"]
    SitePage.objects.get_or_create(
        slug="editorial-policy",
        defaults={
            "title": title_en,
            "title_en": title_en,
            "title_zh_hans": title_zh,
            "body": body_en,
            "body_en": body_en,
            "body_zh_hans": body_zh,
        },
    )


def remove_editorial_policy(apps, schema_editor):
    apps.get_model("articles", "SitePage").objects.filter(slug="editorial-policy").delete()


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_site_pages")]

    operations = [migrations.RunPython(create_editorial_policy, remove_editorial_policy)]
