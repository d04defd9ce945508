"""The glossary admin: editors add terms that lay readers then see explained."""

import re

from django.urls import reverse

from articles.models import GlossaryTerm
from tests.factories import make_article

ADD_URL = reverse("admin:articles_glossaryterm_add")
LIST_URL = reverse("admin:articles_glossaryterm_changelist")


def term_data(**overrides):
    data = {
        "term_en": "",
        "term_zh_hans": "",
        "synonyms_en": "",
        "synonyms_zh_hans": "",
        "lay_explanation_en": "",
        "lay_explanation_zh_hans": "",
        "professional_definition_en": "",
        "professional_definition_zh_hans": "",
    }
    data.update(overrides)
    return data


def errors_of(response):
    return " ".join(
        re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    )


def test_editor_adds_a_term_and_the_lay_page_explains_it(editor_client):
    article = make_article(slug="knee", status="published", summary="Knee osteoarthritis is common.")
    response = editor_client.post(
        ADD_URL,
        term_data(
            term_en="  Osteoarthritis ",
            synonyms_en="OA\n   \n  degenerative joint disease  \n",
            lay_explanation_en="wear and tear of the joint cartilage",
        ),
    )
    assert response.status_code == 302, errors_of(response)
    term = GlossaryTerm.objects.get()
    assert term.term_en == "Osteoarthritis"
    assert term.synonyms_en == "OA\ndegenerative joint disease"  # blank lines dropped, lines stripped
    assert term.forms("en") == ["Osteoarthritis", "OA", "degenerative joint disease"]

    page = editor_client.get(article.get_absolute_url() + "?persona=patient").content.decode()
    assert '<dfn class="glossary-term"' in page
    assert "(wear and tear of the joint cartilage)" in page


def test_a_form_of_another_term_is_refused_naming_it_and_the_typed_values_are_kept(editor_client):
    GlossaryTerm.objects.create(term_en="Osteoarthritis", synonyms_en="OA", lay_explanation_en="joint wear")
    response = editor_client.post(
        ADD_URL,
        term_data(
            term_en="Knee osteoarthritis",
            synonyms_en="oa\nknee OA",
            lay_explanation_en="wear of the knee cartilage",
        ),
    )
    assert response.status_code == 200
    assert GlossaryTerm.objects.count() == 1
    form = response.context["adminform"].form
    assert "synonyms_en" in form.errors
    assert "term_en" not in form.errors
    errors = errors_of(response)
    assert "“oa” is already a form of the term “Osteoarthritis”" in errors
    html = response.content.decode()
    assert 'value="Knee osteoarthritis"' in html
    assert "oa\nknee OA" in html
    assert "wear of the knee cartilage" in html


def test_the_same_form_in_another_language_is_allowed_and_editing_a_term_keeps_its_own_forms(editor_client):
    term = GlossaryTerm.objects.create(term_en="MSC", lay_explanation_en="stem cells")
    response = editor_client.post(
        ADD_URL,
        term_data(
            term_en="Stem cell",
            lay_explanation_en="a cell",
            term_zh_hans="干细胞",
            synonyms_zh_hans="MSC",
            lay_explanation_zh_hans="能变成其他细胞的细胞",
        ),
    )
    assert response.status_code == 302, errors_of(response)
    change_url = reverse("admin:articles_glossaryterm_change", args=[term.pk])
    response = editor_client.post(
        change_url, term_data(term_en="MSC", lay_explanation_en="cells from bone marrow")
    )
    assert response.status_code == 302, errors_of(response)


def test_a_term_of_blanks_only_is_no_term(editor_client):
    response = editor_client.post(ADD_URL, term_data(term_en="   ", lay_explanation_en="something"))
    assert response.status_code == 200
    assert not GlossaryTerm.objects.exists()


def test_changelist_searches_terms_and_synonyms_in_both_languages(editor_client):
    GlossaryTerm.objects.create(
        term_en="Osteoarthritis",
        term_zh_hans="骨关节炎",
        synonyms_zh_hans="退行性关节病",
        lay_explanation_en="wear",
    )
    GlossaryTerm.objects.create(term_en="Injection", lay_explanation_en="a shot")
    html = editor_client.get(LIST_URL, {"q": "退行性"}).content.decode()
    assert "骨关节炎" in html
    assert "Injection" not in html
    html = editor_client.get(LIST_URL).content.decode()
    assert "Injection" in html and "Osteoarthritis" in html
