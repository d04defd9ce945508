"""Steps other apps add to ``manage.py load_demo`` (articles never imports them).

An app registers a callable in its ``AppConfig.ready()``; load_demo calls each, in order, at
the end of its transaction, as ``hook(accounts=bool, force=bool)`` (``accounts``: demo
accounts may be created; ``force``: --force was given). A hook returns ``(lines, changes)``:
lines to print (demo accounts as ``  USERNAME / PASSWORD (GROUP)``, like load_demo's own)
and how many things it changed (0 on a second run).
"""

HOOKS = []


def register(hook):
    if hook not in HOOKS:
        HOOKS.append(hook)
    return hook


def run(*, accounts, force):
    lines, changes = [], 0
    for hook in HOOKS:
        hook_lines, hook_changes = hook(accounts=accounts, force=force)
        lines += hook_lines
        changes += hook_changes
    return lines, changes
