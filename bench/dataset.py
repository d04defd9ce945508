"""A deterministic data set for the benchmark of record: N articles with everything a page shows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/dataset.py --articles 10000
    .venv/bin/python bench/dataset.py --articles 100000 --reset     # (BENCH_DATABASE_URL is read too)

Importable: ``build(articles=...)`` on the configured database (the test uses 30 articles).
Same seed, same content: the articles, their text, references, citations, reviews and
revisions are the same at every build (only the created/saved timestamps are the build's).

What it writes, in batches (``bulk_create``; on PostgreSQL the search vectors with one
``COPY`` and one ``UPDATE``), never through ``Article.save`` (which parses the Markdown of
every article, far too slow for 100,000):

- references: one per 10 articles (at least 100), CSL fields, DOI and PMID;
- articles: a clinical question in English and (9 in 10) Chinese, a key answer, a
  plain-language summary and five sections with audience blocks for lay and professional
  personas, eight cited references; 1 in 33 a draft; topics (1-3 of 24) and authors (1-2 of 40);
- the rows the saves would have derived from that text, as ``Article.save`` and
  ``search_index`` derive them: ``Citation`` (numbered by first citation per language),
  ``LanguageVersion`` (1 in 10 translations out of date), ``ArticleSearch`` (plain, folded,
  and on PostgreSQL the weighted tsvector of the segmented text), ``TranslationTask`` (the
  stored translation queue, by its own ``refresh``);
- glossary terms (the conditions and treatments the text names, in both languages);
- history: one django-reversion revision per article (two for 1 in 10), holding the
  article, its language versions and its authorships as reversion serialises them; and the
  article ``bench-history`` with ``history_revisions`` (1,000) revisions;
- medical review per language version: approved (with the sign-off and the fingerprint of
  the exact text, so pages show "Approved"; the live fingerprint of the text as stored on every review), submitted, under review, changes requested, or
  never submitted; six board members with profiles;
- staff: ``bench-admin`` (superuser), ``bench-editor`` (Editors);
- what the application stores after saves and first readers, so that the benchmark measures
  a site in use, not one just loaded: the render of each published article's language
  versions readers see x each persona (StoredRender, as ``prerender`` stores them after a
  save) and its ranked related list (RelatedList, as ``manage.py rank_related``), over
  ``--processes`` processes (2) on PostgreSQL. On by default up to ``STORED_BY_DEFAULT``
  articles (14 minutes at 10,000: 110,556 renders and 9,697 lists, 2 processes on the shared
  2-core machine; 100,000 would take over two hours):
  ``--stored`` / ``--no-stored`` decide. ``--fill-stored`` on a built data set adds only
  what is missing (what bench/served.py runs when it reuses one).

Consistency with what the application derives is checked by tests/test_bench_dataset.py.
"""

import argparse
import datetime
import gc
import json
import os
import random
import re
import sys
import time
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 13
BATCH = 2000
# Up to this many articles the build also stores renders and related lists (``--stored``).
STORED_BY_DEFAULT = 20_000
HISTORY_SLUG = "bench-history"
EPOCH = datetime.datetime(2025, 6, 1, 8, 0, tzinfo=datetime.UTC)

# (en, zh-hans, lay explanation en, lay explanation zh-hans): conditions and treatments.
CONDITIONS = [
    ("osteoarthritis", "骨关节炎", "wear of the cartilage that cushions a joint", "关节软骨磨损"),
    ("type 2 diabetes", "2型糖尿病", "too much sugar in the blood because the body uses insulin poorly", "身体用不好胰岛素而血糖过高"),
    ("hypertension", "高血压", "blood pressure that stays too high", "血压长期偏高"),
    ("asthma", "哮喘", "swollen airways that make breathing hard at times", "气道发炎、时常呼吸困难"),
    ("migraine", "偏头痛", "repeated strong headaches, often on one side", "反复发作的剧烈头痛"),
    ("atrial fibrillation", "心房颤动", "an irregular, often fast heartbeat", "心跳不规则且常常过快"),
    ("chronic kidney disease", "慢性肾病", "kidneys that slowly lose their ability to clean the blood", "肾脏清除血液废物的能力逐渐下降"),
    ("heart failure", "心力衰竭", "a heart that cannot pump as well as it should", "心脏泵血能力不足"),
    ("depression", "抑郁症", "low mood and loss of interest that last for weeks", "持续数周的情绪低落和兴趣减退"),
    ("osteoporosis", "骨质疏松症", "thin, weak bones that break easily", "骨头变薄变脆、容易骨折"),
    ("gout", "痛风", "painful joint swelling caused by uric acid crystals", "尿酸结晶引起的关节肿痛"),
    ("psoriasis", "银屑病", "patches of thick, scaly skin", "皮肤出现厚厚的鳞屑斑块"),
    ("rheumatoid arthritis", "类风湿关节炎", "joint inflammation caused by the immune system", "免疫系统引起的关节炎症"),
    ("low back pain", "腰痛", "pain in the lower part of the back", "下背部疼痛"),
    ("insomnia", "失眠", "trouble falling or staying asleep", "难以入睡或睡不安稳"),
]
TREATMENTS = [
    ("exercise therapy", "运动疗法", "exercises planned by a therapist", "由治疗师制定的锻炼"),
    ("metformin", "二甲双胍", "a tablet that lowers blood sugar", "一种降血糖的药片"),
    ("physiotherapy", "物理治疗", "treatment with movement, exercise and manual therapy", "通过运动和手法进行的治疗"),
    ("acupuncture", "针灸", "thin needles placed in the skin at chosen points", "在特定穴位刺入细针"),
    ("vitamin D", "维生素D", "a vitamin the body needs for strong bones", "身体强健骨骼所需的维生素"),
    ("statins", "他汀类药物", "medicines that lower cholesterol", "降低胆固醇的药物"),
    ("cognitive behavioural therapy", "认知行为疗法", "talking therapy that changes unhelpful thoughts and habits", "改变无益想法和习惯的谈话治疗"),
    ("weight loss", "减重", "losing body weight through diet and activity", "通过饮食和活动减轻体重"),
    ("corticosteroid injection", "糖皮质激素注射", "a shot of an anti-inflammatory steroid", "注射一种抗炎的激素"),
    ("anticoagulants", "抗凝药", "medicines that make blood clot less", "让血液不容易凝固的药物"),
]
GROUPS = [
    ("adults", "成年人"), ("older adults", "老年人"), ("children", "儿童"), ("pregnant women", "孕妇"),
    ("people with obesity", "肥胖人群"), ("athletes", "运动员"), ("smokers", "吸烟者"),
    ("people after surgery", "术后患者"),
]
TOPICS = [
    ("cardiology", "Cardiology", "心脏病学"), ("endocrinology", "Endocrinology", "内分泌学"),
    ("orthopedics", "Orthopaedics", "骨科"), ("rheumatology", "Rheumatology", "风湿病学"),
    ("neurology", "Neurology", "神经病学"), ("psychiatry", "Psychiatry", "精神病学"),
    ("nephrology", "Nephrology", "肾脏病学"), ("pulmonology", "Pulmonology", "呼吸病学"),
    ("dermatology", "Dermatology", "皮肤病学"), ("geriatrics", "Geriatrics", "老年医学"),
    ("pediatrics", "Paediatrics", "儿科学"), ("obstetrics", "Obstetrics", "产科学"),
    ("pharmacology", "Pharmacology", "药理学"), ("sports-medicine", "Sports medicine", "运动医学"),
    ("sleep-medicine", "Sleep medicine", "睡眠医学"), ("pain-medicine", "Pain medicine", "疼痛医学"),
    ("nutrition", "Nutrition", "营养学"), ("rehabilitation", "Rehabilitation", "康复医学"),
    ("general-practice", "General practice", "全科医学"), ("public-health", "Public health", "公共卫生"),
    ("radiology", "Radiology", "放射学"), ("surgery", "Surgery", "外科学"),
    ("infectious-diseases", "Infectious diseases", "感染病学"), ("preventive-medicine", "Preventive medicine", "预防医学"),
]
EVIDENCE = ["guideline", "systematic-review", "rct", "cohort", "case-control", "case-series", "expert-opinion", "other"]
JOURNALS = ["BMJ", "The Lancet", "JAMA", "Annals of Internal Medicine", "Cochrane Database of Systematic Reviews",
            "New England Journal of Medicine", "Chinese Medical Journal", "Arthritis Care & Research"]
FAMILY = ["Smith", "Wang", "Li", "Garcia", "Müller", "Zhang", "Kim", "Novak", "Rossi", "Chen", "Okafor", "Silva"]
GIVEN = ["Anna", "Wei", "James", "Maria", "Hiroshi", "Fatima", "Lukas", "Mei", "Olu", "Sara"]
REFS_PER_ARTICLE = 8

# Section templates: (heading en, heading zh, lay en, lay zh, professional en, professional zh).
# {c} condition, {t} treatment, {g} group; {r0}..{r7} become [@key] citations.
SECTIONS = [
    ("What {t} is", "{t}是什么",
     "{t} is one of the options offered to {g} with {c}. Ask what it involves before you start {r0}.",
     "{t}是{g}{c}患者可以选择的方法之一。开始之前，请先问清楚具体做法{r0}。",
     "- {t} is widely used in {g} with {c}, although practice varies between centres {r0}.\n"
     "- Protocols differ in dose, duration and follow-up, which limits comparison {r1}.",
     "- {t}在{g}{c}患者中应用广泛，但各中心做法不一{r0}。\n- 各方案在剂量、疗程和随访上不同，难以直接比较{r1}。"),
    ("What the trials found", "试验发现了什么",
     "In the trials, {g} who had {t} for {c} felt a little better than those who did not {r2}. "
     "The effect was small and faded over a year {r3}.",
     "研究中，接受{t}的{g}{c}患者比没有接受的人感觉稍好一些{r2}。效果不大，一年后逐渐减弱{r3}。",
     "- Randomised trials in {g} with {c} show a small benefit of {t} on pain and function {r2}.\n"
     "- The effect size fell below the minimal important difference after twelve months {r3}.\n"
     "- Heterogeneity between trials was high, and several were at high risk of bias {r1}.",
     "- 针对{g}{c}患者的随机试验显示，{t}对疼痛和功能有小幅获益{r2}。\n- 十二个月后效应量低于最小重要差异{r3}。\n- 各试验间异质性高，部分试验偏倚风险高{r1}。"),
    ("Safety", "安全性",
     "Serious harm from {t} is rare. Tell your care team about every medicine you take {r4}.",
     "{t}很少造成严重伤害。请把您正在用的所有药物告诉医护人员{r4}。",
     "- Serious adverse events with {t} were rare in trials and registries {r4}.\n"
     "- Interactions matter most in {g}, who often take several medicines {r5}.",
     "- 试验和登记研究中，{t}的严重不良事件少见{r4}。\n- 对常同时服用多种药物的{g}来说，药物相互作用最需注意{r5}。"),
    ("What the guidelines say", "指南怎么说",
     "Guidelines suggest {t} for {c} together with other care, not on its own {r5}.",
     "指南建议把{t}与其他治疗一起用于{c}，而不是单独使用{r5}。",
     "- Current guidelines give a conditional recommendation for {t} in {c} {r5}.\n"
     "- They advise reassessing the benefit after three months and stopping if there is none {r6}.",
     "- 现行指南对{c}使用{t}给出有条件推荐{r5}。\n- 指南建议三个月后重新评估获益，无效则停用{r6}。"),
    ("Costs and access", "费用与可及性",
     "Whether {t} is paid for depends on where you live. Ask before you book {r6}.",
     "{t}的费用能否报销取决于您所在的地区。预约前请先问清楚{r6}。",
     "- Cost-effectiveness of {t} for {c} is uncertain and depends on the setting {r6}.\n"
     "- Access is uneven, especially for {g} outside cities {r7}.",
     "- {t}用于{c}的成本效益尚不确定，取决于具体情况{r6}。\n- 可及性不均衡，城市以外的{g}尤其如此{r7}。"),
    ("Who might benefit most", "哪些人可能获益最多",
     "{g} whose {c} is mild seem to gain the most from {t} {r7}.",
     "{c}较轻的{g}似乎从{t}中获益最多{r7}。",
     "- Subgroup analyses suggest larger effects in {g} with mild {c}, but these are exploratory {r7}.\n"
     "- No trial was powered to test such subgroups {r3}.",
     "- 亚组分析提示轻度{c}的{g}效果更大，但属于探索性结果{r7}。\n- 没有试验有足够的把握度检验这些亚组{r3}。"),
    ("Questions to ask", "可以问的问题",
     "Ask how {t} compares with other options for {c}, and how you will know it works {r0}.",
     "可以问问{t}与治疗{c}的其他方法相比如何，以及怎样判断它是否有效{r0}。",
     "- Shared decision making should set out the expected benefit of {t} in absolute terms {r0}.\n"
     "- Agree on an outcome to review at follow-up {r4}.",
     "- 共同决策时应以绝对值说明{t}的预期获益{r0}。\n- 应约定随访时评估的结局指标{r4}。"),
]
SECTIONS_PER_ARTICLE = 5
SUMMARY_EN = ("For {g} with {c}, {t} gives a small benefit at best [{k0}; {k1}]. "
              "It is reasonable to try alongside other care [{k2}].")
SUMMARY_ZH = "对{g}{c}患者来说，{t}最多只有小幅获益[{k0}; {k1}]。可以与其他治疗一起尝试[{k2}]。"
PLAIN_EN = "{t} may help {g} with {c} a little. It works best together with other care.\n\nAsk your doctor."
PLAIN_ZH = "{t}可能对{c}的{g}稍有帮助。与其他治疗一起用效果最好。\n\n请咨询医生。"


def _setup_django(database_url=None):
    """Django on ``database_url`` (or DATABASE_URL / BENCH_DATABASE_URL), migrated."""
    sys.path.insert(0, str(ROOT))
    url = database_url or os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit("dataset.py: set BENCH_DATABASE_URL or DATABASE_URL (or pass --database)")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from bench._setup import ensure_database

    ensure_database(url)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _cite(key):
    return f"[@{key}]"


# --- derived text, cached per section (the expensive part is folding and segmenting) ------


class _FoldTable(dict):
    """``text.translate(_FOLD)`` is ``search_text.fold(text)``, one ``fold_char`` per distinct character."""

    def __missing__(self, char):
        from articles.search.text import fold_char

        self[char] = fold_char(chr(char))
        return self[char]


_FOLD = _FoldTable()


def fold(text):
    return (text or "").translate(_FOLD)


@lru_cache(maxsize=100_000)
def _folded_plain(markdown_without_citations):
    from articles.search.text import plain_text

    return fold(plain_text(markdown_without_citations))


@lru_cache(maxsize=100_000)
def _segmented(folded):
    from articles.search.text import segment_document

    return segment_document(folded)


_CITATION = re.compile(r"[ \t]*\[@[^\]]*\]")
_KEYS_IN_ORDER = re.compile(r"\[(-?@[^\[\]]*)\]")


def keys_in_order(*texts):
    """The citation keys in first-citation order (what ``cited_keys`` returns for this text)."""
    order = {}
    for text in texts:
        for match in _KEYS_IN_ORDER.finditer(text):
            for part in match.group(1).split(";"):
                order.setdefault(part.strip().lstrip("@"), None)
    return list(order)


class Builder:
    def __init__(self, articles, *, seed=SEED, history_revisions=1000, out=print, stored=None, processes=2):
        self.count = articles
        self.stored = articles <= STORED_BY_DEFAULT if stored is None else stored
        self.processes = processes
        self.rng = random.Random(seed)  # noqa: S311 - a fixed seed, on purpose
        self.history_revisions = history_revisions
        self.out = out
        self.timings = {}

    # --- helpers ---------------------------------------------------------------------------

    def step(self, name, func):
        start = time.perf_counter()
        result = func()
        self.timings[name] = time.perf_counter() - start
        self.out(f"  {name:<28} {self.timings[name]:7.1f} s")
        return result

    def bulk(self, model, rows, batch=BATCH):
        """``bulk_create``; on PostgreSQL one ``COPY`` (ids drawn from the table's sequence)."""
        from django.db import connection

        if connection.vendor == "postgresql" and rows:
            return copy_rows(model, rows)
        return model.objects.bulk_create(rows, batch_size=batch)

    # --- the steps -------------------------------------------------------------------------

    def people(self):
        from django.contrib.auth.models import Group, User

        from articles.staff.roles import BOARD, EDITORS, ensure_roles
        from reviews.models import BoardMember

        ensure_roles()
        # No passwords (unusable): the benchmark signs in with a session it creates.
        admin = User.objects.create_superuser("bench-admin", "bench-admin@example.invalid", None)
        editor = User.objects.create_user("bench-editor", is_staff=True)
        editor.groups.add(Group.objects.get(name=EDITORS))
        board_group = Group.objects.get(name=BOARD)
        self.board = []
        for n in range(6):
            user = User.objects.create_user(
                f"bench-board-{n + 1}", is_staff=True,
                first_name=GIVEN[n], last_name=FAMILY[n],
            )
            user.groups.add(board_group)
            BoardMember.objects.create(
                user=user, display_name=f"Dr {GIVEN[n]} {FAMILY[n]}", credentials_en="MD", credentials_zh_hans="医学博士",
                languages="en,zh-hans", disclosure_en="None.", disclosure_zh_hans="无。",
            )
            self.board.append(user)
        self.admin, self.editor = admin, editor

    def taxonomy(self):
        from articles.models import Author, GlossaryTerm, Topic

        self.topics = self.bulk(Topic, [
            Topic(slug=slug, name_en=en, name_zh_hans=zh, description_en=f"Articles on {en.lower()}.",
                  description_zh_hans=f"{zh}相关文章。")
            for slug, en, zh in TOPICS
        ])
        self.authors = self.bulk(Author, [
            Author(
                name=f"{GIVEN[n % len(GIVEN)]} {FAMILY[n % len(FAMILY)]} {n + 1}", slug=f"bench-author-{n + 1}",
                credentials_en="MD, PhD" if n % 2 else "MD", credentials_zh_hans="医学博士",
                affiliation_en="Example Hospital (fictional)", affiliation_zh_hans="示例医院（虚构）",
                disclosure_en="None.", disclosure_zh_hans="无。",
            )
            for n in range(40)
        ])
        self.bulk(GlossaryTerm, [
            GlossaryTerm(term_en=en, term_zh_hans=zh, lay_explanation_en=lay_en, lay_explanation_zh_hans=lay_zh,
                         professional_definition_en=f"{en}: see the guideline.")
            for en, zh, lay_en, lay_zh in CONDITIONS + TREATMENTS
        ])

    def references(self):
        from references.models import Reference

        count = max(100, self.count // 10)
        rng = self.rng
        rows = []
        for n in range(count):
            family = FAMILY[n % len(FAMILY)]
            year = 1995 + n % 30
            rows.append(Reference(
                key=f"{family.lower().replace('ü', 'u')}-{year}-b{n}",
                title=f"{CONDITIONS[n % len(CONDITIONS)][0].capitalize()} and {TREATMENTS[n % len(TREATMENTS)][0]}: "
                      f"study {n} of outcomes",
                authors=[{"family": FAMILY[(n + i) % len(FAMILY)], "given": GIVEN[(n + 2 * i) % len(GIVEN)]}
                         for i in range(1 + n % 4)],
                container_title=JOURNALS[n % len(JOURNALS)],
                issued_year=year, issued_month=1 + n % 12,
                volume=str(10 + n % 90), issue=str(1 + n % 12), pages=f"{100 + n % 800}-{110 + n % 800}",
                doi=f"10.5555/bench.{n}", pmid=str(30_000_000 + n),
                evidence=EVIDENCE[rng.randrange(len(EVIDENCE))],
            ))
        self.refs = self.bulk(Reference, rows)

    def article_text(self, n, rng):
        """(fields by language, reference keys, sections chosen, topics, authors) of article n."""
        c = CONDITIONS[rng.randrange(len(CONDITIONS))]
        t = TREATMENTS[rng.randrange(len(TREATMENTS))]
        g = GROUPS[rng.randrange(len(GROUPS))]
        refs = rng.sample(self.refs, REFS_PER_ARTICLE)
        cites = {f"r{i}": _cite(ref.key) for i, ref in enumerate(refs)}
        keys = {f"k{i}": f"@{ref.key}" for i, ref in enumerate(refs)}
        sections = sorted(rng.sample(range(len(SECTIONS)), SECTIONS_PER_ARTICLE))
        texts = {}
        for lang, (ci, ti, gi) in (("en", (0, 0, 0)), ("zh-hans", (1, 1, 1))):
            values = {"c": c[ci], "t": t[ti], "g": g[gi]}
            zh = lang == "zh-hans"
            blocks = []
            for s in sections:
                heading, lay, pro = SECTIONS[s][1 if zh else 0], SECTIONS[s][3 if zh else 2], SECTIONS[s][5 if zh else 4]
                heading = heading.format(**values)
                blocks.append((
                    f"## {heading[0].upper() + heading[1:]}",
                    '::: {audience="patient caregiver"}\n' + lay.format(**values, **cites) + "\n:::",
                    '::: {audience="student nurse pharmacist physician"}\n' + pro.format(**values, **cites) + "\n:::",
                ))
            if zh:
                title = f"{g[1]}的{c[1]}：{t[1]}有用吗？（第{n + 1}篇）"
            else:
                title = f"Does {t[0]} help {g[0]} with {c[0]}? (no. {n + 1})"
            summary = (SUMMARY_ZH if zh else SUMMARY_EN).format(**values, **keys)
            plain = (PLAIN_ZH if zh else PLAIN_EN).format(**values)
            plain = plain[0].upper() + plain[1:]
            texts[lang] = {
                "title": title, "summary": summary[0].upper() + summary[1:], "plain_summary": plain,
                "body": "\n\n".join("\n\n".join(block) for block in blocks), "_blocks": blocks,
            }
        return texts, refs, c, t

    def articles(self):
        from django.utils import translation

        from articles.models import Article, Authorship, Citation, LanguageVersion, Topic

        rng = self.rng
        self.article_rows, self.texts, self.cited = [], {}, {}
        authorships, topic_links = [], []
        Through = Article.topics.through
        with translation.override("en"):
            for n in range(self.count):
                texts, refs, _c, _t = self.article_text(n, rng)
                both = n % 10 != 9  # 1 in 10 English only
                day = EPOCH - datetime.timedelta(minutes=37 * (self.count - n))
                draft = n % 33 == 32
                fields = {}
                for lang in ("en", "zh-hans") if both else ("en",):
                    suffix = lang.replace("-", "_")
                    for name in ("title", "summary", "body", "plain_summary"):
                        fields[f"{name}_{suffix}"] = texts[lang][name]
                article = Article(
                    slug=f"bench-{n + 1:06d}", status="draft" if draft else "published",
                    published_at=None if draft else day, content_updated_at=day,
                    literature_reviewed_through=(day - datetime.timedelta(days=60)).date(),
                    source_language="en", **fields,
                )
                self.article_rows.append(article)
                self.texts[n] = {lang: texts[lang] for lang in (("en", "zh-hans") if both else ("en",))}
                self.cited[n] = refs
            self.article_rows = self.bulk(Article, self.article_rows, batch=1000)
        for n, article in enumerate(self.article_rows):
            for position, author in enumerate(rng.sample(self.authors, 1 + n % 2)):
                authorships.append(Authorship(article=article, author=author, position=position))
            topics = sorted(rng.sample(self.topics, 1 + n % 3), key=lambda topic: topic.slug)
            # What the serializer of the history reads (no query per article).
            article._prefetched_objects_cache = {"topics": _evaluated(Topic, topics)}
            for topic in topics:
                topic_links.append(Through(article_id=article.pk, topic_id=topic.pk))
        self.authorships = self.bulk(Authorship, authorships, batch=5000)
        self.bulk(Through, topic_links, batch=5000)
        self.article_topics = {}
        for link in topic_links:
            self.article_topics.setdefault(link.article_id, []).append(link.topic_id)
        versions, citations = [], []
        by_key = {ref.key: ref for ref in self.refs}
        for n, article in enumerate(self.article_rows):
            day = article.content_updated_at
            for lang, text in self.texts[n].items():
                stale = lang != "en" and n % 10 == 3
                versions.append(LanguageVersion(
                    article=article, language=lang,
                    text_changed_at=day if lang == "en" else day + datetime.timedelta(hours=2),
                    source_changed_at=None if lang == "en" else (day - datetime.timedelta(days=30) if stale else day),
                ))
                keys = keys_in_order(text["summary"], text["body"])
                text["_keys"] = keys
                citations += [
                    Citation(article=article, reference=by_key[key], language=lang, number=number)
                    for number, key in enumerate(keys, start=1)
                ]
        self.language_versions = self.bulk(LanguageVersion, versions, batch=5000)
        self.bulk(Citation, citations, batch=10_000)
        self.citation_count = len(citations)

    def search_documents(self):
        from django.db import connection

        from articles.models import ArticleSearch
        from articles.search.index import SEARCH_CONFIG

        topic_names = {t.pk: " ".join(n for n in {t.name_en, t.name_zh_hans} if n) for t in self.topics}
        rows, segments = [], []
        for n, article in enumerate(self.article_rows):
            topics_doc = _folded_plain_topics(" ".join(topic_names[pk] for pk in self.article_topics[article.pk]))
            for lang, text in self.texts[n].items():
                body = " ".join(
                    _folded_plain(_CITATION.sub("", part)) for block in text["_blocks"] for part in block
                )
                title = _folded_plain(text["title"])
                answer = (_folded_plain(_CITATION.sub("", text["summary"])) + " " + _folded_plain(text["plain_summary"])).strip()
                rows.append(ArticleSearch(article=article, language=lang, title=title, answer=answer,
                                          topics=topics_doc, body=body))
                if connection.vendor == "postgresql":
                    segments.append((
                        _segmented(title),
                        _segmented(answer + " " + topics_doc),
                        " ".join(_segmented(_folded_plain(_CITATION.sub("", part)))
                                 for block in text["_blocks"] for part in block),
                    ))
        rows = self.bulk(ArticleSearch, rows, batch=2000)
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("CREATE TEMP TABLE bench_segments (id bigint, a text, b text, c text)")
            with cursor.copy("COPY bench_segments (id, a, b, c) FROM STDIN") as copy:
                for row, (a, b, c) in zip(rows, segments, strict=True):
                    copy.write_row((row.pk, a, b, c))
            table = ArticleSearch._meta.db_table
            cursor.execute(
                f"UPDATE {table} AS s SET vector = "  # noqa: S608 - our own table name
                "setweight(to_tsvector(%s::regconfig, t.a), 'A') || "
                "setweight(to_tsvector(%s::regconfig, t.b), 'B') || "
                "setweight(to_tsvector(%s::regconfig, t.c), 'C') "
                "FROM bench_segments AS t WHERE s.id = t.id",
                [SEARCH_CONFIG] * 3,
            )
            cursor.execute("DROP TABLE bench_segments")

    def history(self):
        """A revision per article (two for 1 in 10), as reversion would have stored it."""
        from django.contrib.contenttypes.models import ContentType
        from django.core import serializers
        from django.utils import translation
        from reversion.models import Revision, Version

        from articles.models import Article, Authorship, LanguageVersion

        types = {model: ContentType.objects.get_for_model(model) for model in (Article, LanguageVersion, Authorship)}
        belongings = {}
        for version in self.language_versions:
            belongings.setdefault(version.article_id, []).append(version)
        for authorship in self.authorships:
            belongings.setdefault(authorship.article_id, []).append(authorship)

        def version_rows(objects):
            return [
                (types[type(obj)], str(obj.pk), serializers.serialize("json", [obj]), str(obj)) for obj in objects
            ]

        self.latest_revision = {}
        chunk = 2000
        with translation.override("en"):
            for start in range(0, len(self.article_rows), chunk):
                articles = self.article_rows[start:start + chunk]
                revisions, contents = [], []
                for offset, article in enumerate(articles):
                    n = start + offset
                    content = version_rows([article, *belongings.get(article.pk, [])])
                    for edit in range(2 if n % 10 == 0 else 1):
                        revisions.append(Revision(
                            date_created=article.content_updated_at - datetime.timedelta(days=3 - edit),
                            user=self.editor, comment="Imported" if edit == 0 else "Saved again",
                        ))
                        contents.append((article, content))
                revisions = self.bulk(Revision, revisions)
                rows = []
                for revision, (article, content) in zip(revisions, contents, strict=True):
                    self.latest_revision[article.pk] = revision
                    rows += [
                        Version(revision=revision, content_type=ctype, object_id=object_id, db="default",
                                format="json", serialized_data=data, object_repr=text)
                        for ctype, object_id, data, text in content
                    ]
                self.bulk(Version, rows)

    def history_article(self):
        """``bench-history``: an article with ``history_revisions`` revisions (the history page)."""
        from django.contrib.contenttypes.models import ContentType
        from django.core import serializers
        from django.utils import translation
        from reversion.models import Revision, Version

        from articles.models import Article, LanguageVersion

        body = "## Evidence\n\n" + " ".join(f"Sentence {n} about knee injections." for n in range(200))
        body_zh = "## 证据\n\n" + "".join(f"关于膝关节注射的第{n}句。" for n in range(200))
        with translation.override("en"):
            article = Article(
                slug=HISTORY_SLUG, title_en="How many injections?", summary_en="Dose 0.", body_en=body,
                title_zh_hans="注射几次？", summary_zh_hans="剂量0。", body_zh_hans=body_zh,
                status="published", source_language="en",
            )
            article.save()  # the ordinary way: language versions, citations, search documents
            article_type = ContentType.objects.get_for_model(Article)
            language_type = ContentType.objects.get_for_model(LanguageVersion)
            languages = list(article.language_versions.all())
            revisions = self.bulk(Revision, [
                Revision(date_created=EPOCH - datetime.timedelta(hours=self.history_revisions - n),
                         user=self.editor, comment="First draft" if n == 0 else f"Edit {n}")
                for n in range(self.history_revisions)
            ])
            rows = []
            for n, revision in enumerate(revisions):
                if n % 2:
                    article.summary_en = f"Dose {n}."
                    article.body_en = body.replace("Sentence 7 ", f"Sentence {n} ")
                elif n:
                    article.summary_zh_hans = f"剂量{n}。"
                rows.append(Version(revision=revision, content_type=article_type, object_id=str(article.pk),
                                    db="default", format="json",
                                    serialized_data=serializers.serialize("json", [article]), object_repr=str(article)))
                rows += [Version(revision=revision, content_type=language_type, object_id=str(lv.pk), db="default",
                                 format="json", serialized_data=serializers.serialize("json", [lv]),
                                 object_repr=str(lv)) for lv in languages]
            self.bulk(Version, rows)
            article.save()  # the stored text is the last revision's

    def reviews(self):
        """Per language version: approved 55 %, submitted 15 %, under review 10 %, changes
        requested 5 %, never submitted 15 %."""
        from references.models import Reference
        from reviews.models import Review, ReviewEvent, SignOff
        from reviews.workflow.fingerprint import fingerprint

        library = {ref.key: ref for ref in Reference.objects.all()}  # as stored (what pages read)
        rng = self.rng
        reviews, plans = [], []
        for n, article in enumerate(self.article_rows):
            revision = self.latest_revision[article.pk]
            for lang, text in self.texts[n].items():
                roll = rng.random()
                state = ("approved" if roll < 0.55 else "submitted" if roll < 0.70 else "under_review" if roll < 0.80
                         else "changes_requested" if roll < 0.85 else None)
                if state is None:
                    continue
                reviewer = self.board[rng.randrange(len(self.board))]
                submitted_at = revision.date_created + datetime.timedelta(days=1)
                texts = {name: text[name] for name in ("title", "summary", "body", "plain_summary")}
                keys = text["_keys"]
                # The text as stored now (reviews/hooks/live.py): what the review queue sorts by.
                live = fingerprint(texts, {k: library[k] for k in keys}, keys)
                review = Review(article=article, language=lang, state=state, revision=revision,
                                cycle=2 if state == "changes_requested" else 1, live_fingerprint=live)
                if state == "under_review":
                    review.assignee = reviewer
                if state == "approved":
                    review.approved_revision = revision
                    review.approved_fingerprint = live
                    review.approved_cycle = 1
                    review.approved_at = submitted_at + datetime.timedelta(days=2)
                    # Some are overdue for their periodic review (approved more than a year ago).
                    review.next_review_due = (review.approved_at + datetime.timedelta(days=365)).date()
                reviews.append(review)
                plans.append((review, state, reviewer, submitted_at, revision))
        self.bulk(Review, reviews, batch=5000)
        events, sign_offs = [], []
        for review, state, reviewer, submitted_at, revision in plans:
            events.append(ReviewEvent(review=review, action="submit", from_state="draft", to_state="submitted",
                                      user=self.editor, created_at=submitted_at, revision=revision,
                                      comment="Ready for review."))
            later = submitted_at + datetime.timedelta(days=2)
            if state == "under_review":
                events.append(ReviewEvent(review=review, action="start_review", from_state="submitted",
                                          to_state="under_review", user=reviewer, created_at=later, revision=revision))
            elif state == "changes_requested":
                events.append(ReviewEvent(review=review, action="request_changes", from_state="submitted",
                                          to_state="changes_requested", user=reviewer, created_at=later,
                                          revision=revision, comment="Please cite the newest guideline."))
            elif state == "approved":
                events.append(ReviewEvent(review=review, action="approve", from_state="submitted", to_state="approved",
                                          user=reviewer, created_at=later, revision=revision))
                sign_offs.append(SignOff(review=review, revision=revision, reviewer=reviewer,
                                         fingerprint=review.approved_fingerprint, cycle=1, created_at=later))
        self.bulk(ReviewEvent, events, batch=5000)
        self.bulk(SignOff, sign_offs, batch=5000)
        self.review_count = len(reviews)

    def analyze(self):
        """VACUUM ANALYZE, as autovacuum leaves a site in use: the search documents are written
        and then given their vectors, which leaves a dead row for each, and some servers (those
        of this benchmark's machines among them) run with autovacuum off. Unvacuumed, a new
        search at 100,000 articles cost a third more. Inside a transaction (the tests' build),
        where VACUUM cannot run, ANALYZE only."""
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")

    def translation_queue(self):
        from articles.editing.translation_queue import refresh

        refresh()

    def run(self):
        from django.db import transaction

        from articles.models import Article

        if Article.objects.exists():
            raise SystemExit("dataset.py: the database already holds articles; use --reset (or an empty database)")
        _ensure_personas()
        start = time.perf_counter()
        # Millions of new objects: the cyclic collector would walk them all again and again.
        gc.disable()
        with transaction.atomic():
            self.step("accounts and board", self.people)
            self.step("topics, authors, glossary", self.taxonomy)
            self.step("references", self.references)
            self.step("articles and citations", self.articles)
            self.step("search documents", self.search_documents)
            self.step("revisions", self.history)
            self.step(f"{self.history_revisions} revisions of one", self.history_article)
            self.step("reviews and sign-offs", self.reviews)
            self.step("translation queue", self.translation_queue)
        gc.enable()
        self.step("vacuum and analyze", self.analyze)
        if self.stored:
            self.step("stored renders", lambda: store_renders(self.processes))
            self.step("related lists", lambda: store_related_lists(self.processes))
        self.seconds = time.perf_counter() - start
        return self


def _published_ids(missing):
    """Ids of the published articles; ``missing``: "renders" or "lists", only those without."""
    from articles.models import Article

    articles = Article.objects.filter(status=Article.Status.PUBLISHED)
    if missing == "renders":
        articles = articles.filter(stored_renders__isnull=True)
    elif missing == "lists":
        articles = articles.filter(related_list__isnull=True)
    return list(articles.order_by("pk").values_list("pk", flat=True))


def _prerender_ids(ids):
    from django.db import transaction

    from articles.models import Article
    from articles.rendering.prerender import prerender

    with transaction.atomic():  # one commit a chunk, not one a variant
        return prerender(Article.objects.filter(pk__in=ids).order_by("pk"))[1]


def _rank_ids(ids):
    from django.db import transaction

    from articles.models import Article
    from articles.public.related_lists import fill_missing

    with transaction.atomic():
        return fill_missing(Article.objects.filter(pk__in=ids).order_by("pk"))


def _in_processes(func, ids, processes, chunk=200):
    """Sum of ``func(chunk of ids)``, over ``processes`` forked processes on PostgreSQL (each
    with its own connection), in this one otherwise (SQLite, or inside a transaction)."""
    from django.core.cache import caches
    from django.db import connection, connections

    chunks = [ids[i:i + chunk] for i in range(0, len(ids), chunk)]
    # Other processes would not see rows of a transaction under way (the tests' database).
    if processes <= 1 or connection.vendor != "postgresql" or len(chunks) < 2 or connection.in_atomic_block:
        return sum(func(part) for part in chunks)
    import multiprocessing

    connections.close_all()  # a connection must not cross a fork
    caches.close_all()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        return sum(pool.imap_unordered(func, chunks))


def store_renders(processes=2, *, missing=False):
    """Render and store every reader variant of the published articles (of those with none
    stored: ``missing``), as prerender does after a save; the number of variants."""
    return _in_processes(_prerender_ids, _published_ids("renders" if missing else None), processes)


def store_related_lists(processes=2):
    """Rank and store the related lists the published articles lack (``manage.py rank_related``)."""
    return _in_processes(_rank_ids, _published_ids("lists"), processes)


def fill_stored(processes=2, out=print):
    """On a built data set: store the renders and related lists missing (e.g. emptied by
    bench/served.py's "nothing stored" row); (variants rendered, lists ranked)."""
    start = time.perf_counter()
    variants = store_renders(processes, missing=True)
    lists = store_related_lists(processes)
    out(f"Stored {variants} render(s) and {lists} related list(s) missing in {time.perf_counter() - start:.1f} s")
    return variants, lists


def copy_rows(model, rows):
    """Insert ``rows`` (unsaved instances of ``model``) with PostgreSQL's COPY, as bulk_create
    would (pre_save of every field, related ids taken from the related objects); sets their pk."""
    from django.db import connection

    rows = list(rows)
    meta = model._meta
    fields = [field for field in meta.concrete_fields]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        with cursor.copy(f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj, pk in zip(rows, ids, strict=True):
                obj._prepare_related_fields_for_save(operation_name="bulk_create")
                obj.pk = pk
                copy.write_row([field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields])
                obj._state.adding = False
                obj._state.db = "default"
    return rows


def _evaluated(model, rows):
    """A queryset of ``model`` that holds ``rows`` already (as a prefetch would)."""
    queryset = model.objects.none()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    return queryset


@lru_cache(maxsize=10_000)
def _folded_plain_topics(names):
    return fold(names)


def _ensure_personas():
    """The default personas (a data migration) are there unless a flush removed them."""
    import importlib

    from django.apps import apps

    from articles.models import Persona

    if not Persona.objects.exists():
        importlib.import_module("articles.migrations.0002_default_personas").create_personas(apps, None)


def reset():
    """Empty every table (``flush``), keeping the schema; personas and roles come back."""
    from django.core.management import call_command

    from articles.staff.roles import ensure_roles

    call_command("flush", "--no-input", verbosity=0)
    ensure_roles()
    _ensure_personas()


def build(articles=10_000, *, seed=SEED, history_revisions=1000, out=print, stored=None, processes=2):
    """Build the data set on the configured (empty) database; returns the Builder (timings, counts).
    ``stored``: also store renders and related lists (None: up to ``STORED_BY_DEFAULT`` articles)."""
    return Builder(articles, seed=seed, history_revisions=history_revisions, out=out, stored=stored,
                   processes=processes).run()


def summary(builder):
    return (f"{builder.count} articles, {len(builder.refs)} references, {builder.citation_count} citations, "
            f"{builder.review_count} reviews, built in {builder.seconds:.1f} s")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--history-revisions", type=int, default=1000)
    parser.add_argument("--database", help="database URL (default BENCH_DATABASE_URL, else DATABASE_URL)")
    parser.add_argument("--reset", action="store_true", help="empty the database first")
    stored = parser.add_mutually_exclusive_group()
    stored.add_argument("--stored", action="store_true", default=None,
                        help=f"also store renders and related lists (default up to {STORED_BY_DEFAULT} articles)")
    stored.add_argument("--no-stored", dest="stored", action="store_false",
                        help="store no renders or related lists (readers make them)")
    stored.add_argument("--fill-stored", action="store_true",
                        help="on a built data set: only store the renders and related lists missing")
    parser.add_argument("--processes", type=int, default=2, help="processes storing renders and lists (2)")
    options = parser.parse_args(argv)
    if options.articles < 1:
        parser.error("--articles must be at least 1")
    _setup_django(options.database)
    if options.fill_stored:
        fill_stored(options.processes)
        return 0
    if options.reset:
        reset()
    print(f"Building {options.articles} articles (seed {options.seed})")
    builder = build(options.articles, seed=options.seed, history_revisions=options.history_revisions,
                    stored=options.stored, processes=options.processes)
    print(summary(builder))
    print(json.dumps({"articles": builder.count, "seconds": round(builder.seconds, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
