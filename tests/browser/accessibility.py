"""axe-core in a real page: the serious and critical accessibility violations found."""

from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def axe_violations(page, *, include=None, exclude=()):
    """[(rule id, impact, [target selectors])] of serious or critical violations on the page.

    The page's context must be created with ``bypass_csp=True``: axe is injected inline.
    ``include``: a selector to check only that part; ``exclude``: selectors of parts to skip.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async ([include, exclude]) => {
            const context = include || exclude.length
                ? {include: include ? [[include]] : [[':root']], exclude: exclude.map(s => [s])}
                : document;
            const r = await axe.run(context, {resultTypes: ['violations']});
            return r.violations.map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' '))]);
        }""",
        [include, list(exclude)],
    )
    return [tuple(v) for v in result if v[1] in BLOCKING]
