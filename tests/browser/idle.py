"""Closing a browser context so that nothing it sends reaches the live server afterwards.

The test's data is emptied right after the test, on SQLite in the in-memory database the
server's threads share: a request still running then breaks the teardown. An editor page
sends its unsaved text as it closes (the workbench's pagehide beacon, which Playwright's
routing does not stop), so requests under way are let finish, the pages' beacons are
disarmed and every other request is refused before the pages close. The test is over by
then: nothing it checks is changed."""

import contextlib


def close_when_idle(context, timeout=5000):
    for page in context.pages:
        with contextlib.suppress(Exception):  # a page already gone or never idle: close anyway
            page.wait_for_load_state("networkidle", timeout=timeout)
        with contextlib.suppress(Exception):
            page.evaluate("navigator.sendBeacon = () => true")
    with contextlib.suppress(Exception):
        context.route("**/*", lambda route: route.abort())
    context.close()
