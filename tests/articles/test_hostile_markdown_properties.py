"""Property: whatever Markdown an editor or an import supplies, the HTML readers get runs no
script (no script element, no event handler, no javascript:/data:/vbscript: URL), for every
persona, or the text is refused with problems that name their line."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.rendering.markdown import MarkdownError, check_article, render_article
from tests.hostile_input import hostile_text, scripts_in

PERSONAS = ["patient", "caregiver", "student", "nurse", "pharmacist", "physician"]
LIBRARY_KEYS = ["key", "other"]


class _Reference:
    """Just what the citation renderer reads of a library entry."""

    def __init__(self, key):
        self.key = key


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(summary=hostile_text, body=hostile_text, persona=st.sampled_from([None, *PERSONAS]))
def test_rendered_markdown_never_runs_script(summary, body, persona):
    library = {key: _Reference(key) for key in LIBRARY_KEYS}
    try:
        rendered = render_article(summary, body, persona=persona, library=library, personas=PERSONAS)
    except MarkdownError as refused:
        assert refused.problems and all(problem.message for problem in refused.problems)
        return
    assert scripts_in(str(rendered.summary_html)) == []
    assert scripts_in(str(rendered.body_html)) == []


@settings(max_examples=200, deadline=None)
@given(summary=hostile_text, body=hostile_text)
def test_checking_markdown_never_raises(summary, body):
    problems = check_article(summary, body, library_keys=set(LIBRARY_KEYS), personas=set(PERSONAS))
    assert all(str(problem.message) for problem in problems)
