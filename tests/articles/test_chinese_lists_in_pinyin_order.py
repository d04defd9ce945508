"""Chinese names are listed in pinyin order, as Chinese indexes order them, not by code point
(which put 心脏病学 before 骨科: U+5FC3 < U+9AA8, though xin comes after gu)."""

import re

import pytest

from articles.public.collation import sort_key
from tests.factories import make_topic


def listed_topics(client, lang):
    html = client.get(f"/{lang}/topics/").content.decode()
    return re.findall(rf'<a href="/{lang}/topics/[a-z-]+/"(?: lang="[a-z-]+")?>([^<]+)</a>', html)


@pytest.mark.django_db
def test_the_chinese_topic_index_is_in_pinyin_order(client):
    make_topic("cardiology", name_en="Cardiology", name_zh_hans="心脏病学")  # xin
    make_topic("orthopedics", name_en="Orthopedics", name_zh_hans="骨科")  # gu
    make_topic("pediatrics", name_en="Pediatrics", name_zh_hans="儿科")  # er
    make_topic("oncology", name_en="Oncology", name_zh_hans="肿瘤学")  # zhong

    assert listed_topics(client, "zh-hans") == ["儿科", "骨科", "心脏病学", "肿瘤学"]
    assert listed_topics(client, "en") == ["Cardiology", "Oncology", "Orthopedics", "Pediatrics"]


@pytest.mark.django_db
def test_a_topic_without_a_chinese_name_sorts_by_its_english_one_among_them(client):
    make_topic("cardiology", name_en="Cardiology", name_zh_hans="心脏病学")  # xin
    make_topic("geriatrics", name_en="Geriatrics", name_zh_hans="")  # shown in English
    make_topic("pediatrics", name_en="Pediatrics", name_zh_hans="儿科")  # er

    assert listed_topics(client, "zh-hans") == ["儿科", "Geriatrics", "心脏病学"]


def test_syllables_spelt_alike_are_ordered_by_tone_then_the_text_breaks_ties():
    names = ["妈妈", "马", "骂", "麻", "Ma"]
    ordered = sorted(names, key=lambda name: sort_key(name, "zh-hans"))
    assert ordered.index("妈妈") < ordered.index("麻") < ordered.index("马") < ordered.index("骂")
    assert sorted(["b", "A", "a"], key=lambda name: sort_key(name, "en")) == ["A", "a", "b"]
