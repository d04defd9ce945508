"""Hypothesis strategies of hostile text, and a check that HTML runs no script."""

from html.parser import HTMLParser

from hypothesis import strategies as st

# Pieces attackers (and careless pastes) put into Markdown, YAML and CSL-JSON.
HOSTILE_PIECES = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
    '"><script>alert(1)</script>', "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)",
    "[x](javascript:alert(1))", "[x](data:text/html,<script>alert(1)</script>)", "![x](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>", "<iframe src=//evil.example></iframe>", "<style>*{}</style>",
    "&#106;avascript:alert(1)", "<a href=\"&#x6A;avascript:alert(1)\">x</a>", "[@", "[@key]", "[@key; @other]",
    '::: {audience="patient"}', ":::", '::: {audience="physician" onclick="x"}', "<b onclick=x>b</b>",
    "| a | b |\n|---|---|\n| <script> | x |", "# Heading {onclick=x}", "```html\n<script>x</script>\n```",
    "\x00", "\u202e", "\ufeff", "\r\n", "\r", "\n\n", "---", "- item", "1. item", "> quote", "**bold**",
    "<", ">", "&", '"', "'", "`", "{", "}", "%", "\\", "膝关节", "۞", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
]

hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=12)), max_size=25
).map("".join)


class ScriptFinder(HTMLParser):
    """Collects what in an HTML fragment could run script in a browser."""

    DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "style", "base", "form", "meta", "link", "svg", "math"}
    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in self.DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in self.URL_ATTRIBUTES and value is not None:
                scheme = "".join(ch for ch in value if ch.isprintable() and not ch.isspace()).lower()
                if scheme.startswith(("javascript:", "data:", "vbscript:")):
                    self.found.append(f"{tag} {name}={value!r}")

    handle_startendtag = handle_starttag


def scripts_in(html):
    finder = ScriptFinder()
    finder.feed(html)
    finder.close()
    return finder.found
