"""The search relevance set: a library (the demo articles, a few more articles, a draft and a
glossary) and queries in English and Chinese, each with the article a reader expects first.

Used by test_search_relevance.py (both databases) and test_search_strategies.py (PostgreSQL:
jieba-segmented full-text against pg_trgm trigram matching, see README "Search").
"""

from io import StringIO

from django.core.management import call_command

from articles.models import GlossaryTerm
from tests.factories import make_article, make_topic

# (page language, query, slug expected first)
QUERIES = [
    # English
    ("en", "stem cell dose knee", "msc-knee-dose"),
    ("en", "MSC", "msc-knee-dose"),  # glossary synonym of "mesenchymal stem cells"
    ("en", "mesenchymal", "msc-knee-dose"),
    ("en", "injections", "msc-knee-dose"),  # stemming: "injection"
    ("en", "regenerative medicine", "msc-knee-dose"),  # a topic's name
    ("en", "glucosamine", "glucosamine-knee-oa"),
    ("en", "Glucosamine osteoarthritis", "glucosamine-knee-oa"),
    ("en", "glucosamine supplements", "glucosamine-knee-oa"),
    ("en", "metformin", "metformin-contrast-ct"),
    ("en", "contrast CT", "metformin-contrast-ct"),
    ("en", "stop metformin before a scan", "metformin-contrast-ct"),
    ("en", "eGFR", "metformin-contrast-ct"),
    ("en", "radiology", "metformin-contrast-ct"),  # a topic's name
    ("en", "vitamin D falls", "vitamin-d-falls"),
    ("en", "falling in the elderly", "vitamin-d-falls"),  # stemming: "falls"
    ("en", "ibuprofen kidneys", "ibuprofen-kidneys"),
    ("en", "NSAID", "ibuprofen-kidneys"),  # glossary synonym
    ("en", "Meniere", "menieres-disease-salt"),  # accents: "Ménière"
    ("en", "ménière salt", "menieres-disease-salt"),
    ("en", "walking after knee replacement", "knee-replacement-walking"),
    ("en", "二甲双胍", "metformin-contrast-ct"),  # Chinese words on the English page
    # several articles match: the one about it ranks first
    ("en", "kidneys", "ibuprofen-kidneys"),
    ("en", "knee replacement", "knee-replacement-walking"),
    ("en", "Is it safe to take ibuprofen with kidney disease?", "ibuprofen-kidneys"),
    ("en", "glucosamine for hip pain and stiffness", "glucosamine-knee-oa"),  # not every word occurs
    # Chinese
    ("zh-hans", "干细胞", "msc-knee-dose"),
    ("zh-hans", "间充质干细胞剂量", "msc-knee-dose"),
    ("zh-hans", "MSC", "msc-knee-dose"),
    ("zh-hans", "再生医学", "msc-knee-dose"),  # a topic's name
    ("zh-hans", "充质干", "msc-knee-dose"),  # part of a word, across jieba's words
    ("zh-hans", "氨基葡萄糖", "glucosamine-knee-oa"),
    ("zh-hans", "膝骨关节炎 氨基葡萄糖", "glucosamine-knee-oa"),
    ("zh-hans", "二甲双胍", "metformin-contrast-ct"),
    ("zh-hans", "增强CT", "metformin-contrast-ct"),
    ("zh-hans", "造影剂", "metformin-contrast-ct"),
    ("zh-hans", "急性肾损伤", "metformin-contrast-ct"),
    ("zh-hans", "做CT前要停二甲双胍吗", "metformin-contrast-ct"),
    ("zh-hans", "维生素D 跌倒", "vitamin-d-falls"),
    ("zh-hans", "预防跌倒", "vitamin-d-falls"),
    ("zh-hans", "布洛芬", "ibuprofen-kidneys"),
    ("zh-hans", "非甾体抗炎药", "ibuprofen-kidneys"),
    ("zh-hans", "梅尼埃病", "menieres-disease-salt"),
    ("zh-hans", "低盐饮食", "menieres-disease-salt"),
    ("zh-hans", "针灸", "acupuncture-back-pain"),  # an article only in Chinese
    ("zh-hans", "慢性腰痛", "acupuncture-back-pain"),
    ("zh-hans", "膝关节置换", "knee-replacement-walking"),
    ("zh-hans", "伤肾", "ibuprofen-kidneys"),
    ("zh-hans", "膝关节置换术后康复锻炼", "knee-replacement-walking"),
    ("zh-hans", "氨基葡萄糖能治髋关节痛吗", "glucosamine-knee-oa"),  # not every word occurs
]

DRAFT_SLUG = "metformin-draft"


def build_library():
    """The demo articles, six more articles (one only in Chinese), a draft that matches many
    queries, and glossary terms with synonyms."""
    call_command("load_demo", "--no-accounts", stdout=StringIO(), stderr=StringIO())
    GlossaryTerm.objects.create(
        term_en="mesenchymal stem cells",
        synonyms_en="MSC\nMSCs\nmesenchymal stromal cells",
        lay_explanation_en="Cells from fat or bone marrow that can become bone, cartilage or fat.",
        term_zh_hans="间充质干细胞",
        synonyms_zh_hans="MSC",
        lay_explanation_zh_hans="来自脂肪或骨髓、能变成骨、软骨或脂肪的细胞。",
    )
    GlossaryTerm.objects.create(
        term_en="non-steroidal anti-inflammatory drug",
        synonyms_en="NSAID\nNSAIDs\nanti-inflammatory painkiller",
        lay_explanation_en="A painkiller that also calms swelling, such as ibuprofen.",
        term_zh_hans="非甾体抗炎药",
        synonyms_zh_hans="NSAID",
        lay_explanation_zh_hans="既止痛又消肿的药物，例如布洛芬。",
    )
    geriatrics = make_topic("geriatrics", name_en="Care of older people", name_zh_hans="老年医学")
    kidneys = make_topic("nephrology", name_en="Kidneys", name_zh_hans="肾脏病学")
    ears = make_topic("ent", name_en="Ear, nose and throat", name_zh_hans="耳鼻喉科")
    pain = make_topic("pain", name_en="Pain", name_zh_hans="疼痛")
    orthopedics = make_topic_if_missing("orthopedics")
    make_article(
        "vitamin-d-falls",
        title="Does vitamin D prevent falls in older adults?",
        summary="Only in people who lack it: for most older adults living at home, vitamin D tablets "
        "do not reduce falls or fractures.",
        body="## Who gains\n\nPeople in care homes with low vitamin D levels may fall less.",
        title_zh_hans="维生素D能预防老年人跌倒吗？",
        summary_zh_hans="只对缺乏维生素D的人有用：对大多数居家老人来说，补充维生素D并不能减少跌倒或骨折。",
        body_zh_hans="## 哪些人获益\n\n维生素D水平低的养老院老人可能跌倒更少。",
        topics=[geriatrics],
    )
    make_article(
        "ibuprofen-kidneys",
        title="Is ibuprofen safe for the kidneys?",
        summary="For short courses in healthy adults, yes; with kidney disease, heart failure or "
        "dehydration, a non-steroidal anti-inflammatory drug can harm the kidneys.",
        body="## Who should avoid it\n\nPeople taking diuretics and blood pressure tablets together.",
        title_zh_hans="布洛芬伤肾吗？",
        summary_zh_hans="健康成人短期服用是安全的；有肾病、心衰或脱水时，非甾体抗炎药可能损伤肾脏。",
        body_zh_hans="## 哪些人应避免\n\n同时服用利尿剂和降压药的人。",
        topics=[kidneys],
    )
    make_article(
        "menieres-disease-salt",
        title="Does a low-salt diet help Ménière’s disease?",
        summary="It is widely advised, but trials have not shown that cutting salt prevents attacks of vertigo.",
        body="## What Ménière’s disease is\n\nAn inner-ear condition with vertigo, hearing loss and tinnitus.",
        title_zh_hans="低盐饮食对梅尼埃病有帮助吗？",
        summary_zh_hans="这一建议很常见，但试验尚未证明限盐能预防眩晕发作。",
        body_zh_hans="## 什么是梅尼埃病\n\n一种内耳疾病，表现为眩晕、听力下降和耳鸣。",
        topics=[ears],
    )
    make_article(
        "knee-replacement-walking",
        title="How soon can I walk after a knee replacement?",
        summary="Most people stand and take a few steps with a frame on the day of the operation "
        "or the day after.",
        body="## The first weeks\n\nA physiotherapist sets exercises; most people walk with a stick by week six.",
        title_zh_hans="膝关节置换术后多久可以下地走路？",
        summary_zh_hans="大多数人在手术当天或第二天就能借助助行器站立并走几步。",
        body_zh_hans="## 最初几周\n\n康复治疗师会安排锻炼，多数人第六周时可拄拐行走。",
        topics=[orthopedics],
    )
    make_article(
        "acupuncture-back-pain",
        lang="zh-hans",
        title="针灸能缓解慢性腰痛吗？",
        summary="可能有小幅、短期的缓解，与假针灸相比差别不大。",
        body="## 证据\n\n多项随机试验显示，针灸与假针灸的差别很小。",
        topics=[pain],
    )
    make_article(
        DRAFT_SLUG,
        status="draft",
        title="Draft: metformin, contrast CT, stem cell dose, glucosamine, MSC, vitamin D, falls",
        summary="A draft that names every query word: 二甲双胍 干细胞 氨基葡萄糖 针灸 布洛芬 梅尼埃病.",
        title_zh_hans="草稿：二甲双胍 增强CT 间充质干细胞剂量 维生素D 跌倒 低盐饮食 慢性腰痛",
        summary_zh_hans="草稿。",
    )


def make_topic_if_missing(slug):
    from articles.models import Topic

    return Topic.objects.filter(slug=slug).first() or make_topic(slug)
