"""A published bilingual article that came from ``import_article``, as history tests need it."""

from io import StringIO

from django.core.management import call_command

from articles.models import Article

ENGLISH = """\
---
slug: knee-cells
lang: en
title: How many cells should be injected into an arthritic knee?
summary: One injection of 1.0×10^8 cells [@msc-dose-2025].
status: published
references:
  - id: msc-dose-2025
    type: article-journal
    evidence: rct
    title: Mesenchymal stem cell dose for knee osteoarthritis
    author: [{family: Smith, given: Anna}]
    container-title: Journal of Knee Research
    issued: {date-parts: [[2025]]}
  - id: msc-safety-2024
    type: article-journal
    evidence: cohort
    title: Safety of cell injections into the knee
    author: [{family: Wang, given: Li}]
    container-title: Journal of Knee Research
    issued: {date-parts: [[2024]]}
---
## Dose

A single injection [@msc-dose-2025] was as safe as a placebo [@msc-safety-2024].
"""

CHINESE = """\
---
slug: knee-cells
lang: zh-hans
title: 膝关节骨关节炎应注射多少细胞？
summary: 注射一次1.0×10^8个细胞 [@msc-dose-2025]。
status: published
---
## 剂量

单次注射 [@msc-dose-2025] 与安慰剂一样安全 [@msc-safety-2024]。
"""


def import_bilingual_article(tmp_path, username):
    """Import knee-cells in English and Chinese in one call (one revision, by ``username``)."""
    paths = []
    for name, text in (("knee-cells.en.md", ENGLISH), ("knee-cells.zh-hans.md", CHINESE)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    call_command("import_article", "--user", username, *paths, stdout=StringIO(), stderr=StringIO())
    return Article.objects.get(slug="knee-cells")
