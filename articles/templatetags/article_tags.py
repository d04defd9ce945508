"""Small template helpers for the public pages."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.template.base import TextNode, TokenType, Variable
from django.template.defaulttags import URLNode
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.templatetags.static import StaticNode
from django.urls import get_script_prefix, reverse, translate_url
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext, override

from articles.public.typography import gap_after

register = template.Library()


@register.filter
def with_gap(label):
    """A label and the space before what it labels; none after full-width punctuation
    ("最后更新：2026年…", "Last updated: 2 January 2026")."""
    return f"{label}{gap_after(str(label))}"


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool


@register.simple_tag(takes_context=True)
def language_links(context):
    """The same page (same article, same query string, so the same persona) in each language."""
    request = context.get("request")
    current = get_language()
    here = request.get_full_path() if request else None
    links = []
    for code, _name in settings.LANGUAGES:
        # Each language named in itself: a reader who cannot read the page can still find theirs.
        with override(code):
            name = str(dict(settings.LANGUAGES)[code])
        url = translate_url(here, code) if here else f"/{code}/"
        if code != current and url == here:  # no route knows this address (a 404 page): the home
            with override(code):
                url = reverse("articles:index")
        links.append(LanguageLink(code, name, url, code == current))
    return links


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """(hreflang, absolute URL) of this page in every language, and x-default: the address
    without a language prefix, which sends each reader to their browser's language."""
    request = context.get("request")
    if request is None or request.resolver_match is None:
        return []
    links = [
        (code, request.build_absolute_uri(translate_url(request.path, code))) for code, _name in settings.LANGUAGES
    ]
    prefix = f"/{get_language()}/"
    if request.path.startswith(prefix):
        links.append(("x-default", request.build_absolute_uri("/" + request.path[len(prefix) :])))
    return links


@register.simple_tag(takes_context=True)
def persona_url(context, code):
    """The current page with ?persona=<code>, other query parameters kept."""
    request = context["request"]
    kept = [(name, values) for name, values in request.GET.lists() if name != "persona"]
    return f"{request.path}?{urlencode(sorted([*kept, ('persona', [code])]), doseq=True)}"


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current page with ?page=<number>, other query parameters (the search words) kept."""
    request = context["request"]
    params = request.GET.copy()
    params["page"] = number
    return f"{request.path}?{urlencode(sorted(params.lists()), doseq=True)}"


@register.simple_tag(takes_context=True)
def article_head(context, page):
    """The article page's description, canonical, hreflang and Open Graph data (public/meta.py)."""
    from ..public.meta import article_meta

    if getattr(page, "_head", None) is None:  # the template asks twice (meta and alternates)
        page._head = article_meta(page, context["request"])
    return page._head


def _literal(expression):
    """A constant with no filter: ``"text"`` (not a variable)."""
    if expression is None or expression.filters:
        return False
    return not expression.is_var or (isinstance(expression.var, Variable) and expression.var.literal is not None)


def _is_constant(node):
    """The node renders the same for every request in one language: text, and translations,
    addresses and static files named by literals, setting no variable."""
    if isinstance(node, TextNode):
        return True
    if isinstance(node, TranslateNode):
        return node.asvar is None and _literal(node.filter_expression) and node.message_context is None
    if isinstance(node, BlockTranslateNode):
        return (not node.extra_context and node.counter is None and node.asvar is None
                and node.message_context is None and not node.plural
                and all(token.token_type == TokenType.TEXT for token in node.singular))
    if isinstance(node, URLNode):
        return not node.args and not node.kwargs and node.asvar is None and _literal(node.view_name)
    if isinstance(node, StaticNode):
        return node.varname is None and _literal(node.path)
    return False


class SameForLanguageNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.rendered = {}  # (language, script prefix, autoescape): HTML

    def render(self, context):
        key = (get_language(), get_script_prefix(), context.autoescape)
        if key not in self.rendered:
            self.rendered[key] = self.nodelist.render(context)
        return self.rendered[key]


@register.tag
def same_for_language(parser, token):
    """``{% same_for_language %}...{% end_same_for_language %}``: rendered once per language
    in a process. Refuses (at parse time) anything but text and ``translate``,
    ``blocktranslate``, ``url`` and ``static`` of literals, so what it keeps cannot depend
    on the request or the data."""
    nodelist = parser.parse(("end_same_for_language",))
    parser.delete_first_token()
    for node in nodelist:
        if not _is_constant(node):
            raise template.TemplateSyntaxError(f"same_for_language cannot keep {node!r}: it may vary by request.")
    return SameForLanguageNode(nodelist)


def _back_links(entry, lang):
    """The links from a source back to each place the text cites it ("↑", or "↑ a b c")."""
    if len(entry.back_links) == 1:
        anchor = conditional_escape(entry.back_links[0][0])
        return (
            f'<a class="reference__back" href="#{anchor}" lang="{lang}" '
            f'title="{gettext("Back to where it is first cited")}"><span aria-hidden="true">↑</span>'
            f'<span class="visually-hidden">'
            f'{gettext("Back to citation %(number)s in the text") % {"number": entry.number}}</span></a>'
        )
    links = "".join(
        f' <a class="reference__back" href="#{conditional_escape(anchor)}" '
        f'title="{gettext("Back to where it is cited, place %(place)s") % {"place": place}}">'
        f'<span aria-hidden="true">{conditional_escape(letter)}</span><span class="visually-hidden">'
        f'{gettext("Back to citation %(number)s, place %(place)s in the text") % {"number": entry.number, "place": place}}'
        f"</span></a>"
        for place, (anchor, letter) in enumerate(entry.back_links, start=1)
    )
    return f'<span class="reference__backs" lang="{lang}"><span aria-hidden="true">↑</span>{links}</span>'


@register.simple_tag
def reference_items(page):
    """The ``<li>`` of each source in the article page's reference list: its citation, the
    links back to where the text cites it, its level of evidence and, if retracted, a warning.
    Written here rather than as a template loop: the page is built again after every change."""
    lang = conditional_escape(page.lang)
    items = []
    for entry in page.references:
        retracted = entry.reference.retracted
        warning = (
            f'<p class="reference__warning" lang="{lang}">'
            f'{gettext("This source has been retracted or withdrawn. Do not rely on it.")}</p>'
            if retracted else ""
        )
        items.append(
            f'\n            <li id="{conditional_escape(entry.anchor)}" '
            f'class="reference{" reference--retracted" if retracted else ""}">\n'
            f'              <span class="reference__number" aria-hidden="true">{entry.number}</span>\n'
            f'              <div class="reference__citation">{conditional_escape(entry.html)} {_back_links(entry, lang)}</div>\n'
            f'              <div class="reference__badges" lang="{lang}">\n'
            f'                <span class="badge badge--{conditional_escape(entry.reference.evidence)}">'
            f"{conditional_escape(entry.evidence_label)}</span>\n"
            f"              </div>\n"
            f"              {warning}\n"
            f"            </li>\n            "
        )
    return mark_safe("".join(items))  # noqa: S308 - every value above is escaped


@register.simple_tag
def related_items(page):
    """The ``<li>`` of each related article: its title linked and when its text last changed.
    Written here rather than as a template loop, like ``reference_items``."""
    label = conditional_escape(with_gap(gettext("Last updated:")))
    items = []
    for card in page.related:
        title = card.title
        lang = f' lang="{conditional_escape(title.lang)}"' if title.lang != page.lang else ""
        date = ""
        if card.updated:
            updated = template_localtime(card.updated)
            date = (
                f' <span class="related__date">{label}<time datetime="{conditional_escape(date_format(updated, "Y-m-d"))}">'
                f'{conditional_escape(date_format(updated, "DATE_FORMAT"))}</time></span>'
            )
        items.append(
            f'\n            <li><a href="{conditional_escape(card.url)}"{lang}>{conditional_escape(title.text)}</a>{date}</li>\n            '
        )
    return mark_safe("".join(items))  # noqa: S308 - every value above is escaped
