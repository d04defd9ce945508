"""Closing a browser context only once its pages have no request under way (an autosave):
a request still running on the live server while the test's data is emptied breaks the
teardown on SQLite, whose in-memory database the server's threads share."""

import contextlib


def close_when_idle(context, timeout=5000):
    for page in context.pages:
        with contextlib.suppress(Exception):  # a page already gone or never idle: close anyway
            page.wait_for_load_state("networkidle", timeout=timeout)
    context.close()
