"""Running commands at the same moment in threads, each with its own database connection."""

import contextlib
import threading
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections

POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
needs_postgres = pytest.mark.skipif(
    not POSTGRES, reason="two concurrent write transactions need PostgreSQL (the SQLite test database is in memory)"
)

def run_at_once(monkeypatch, model, commands):
    """Run each command in its own thread (and so its own database connection).

    Right before inserting a new `model` row each waits up to 3 seconds for the other, so that
    without protection both find no row and both insert. Returns (exit code or the exception
    raised, stdout, stderr) per command.
    """
    barrier = threading.Barrier(len(commands))
    original_save = model.save

    def save(self, *args, **kwargs):
        if self.pk is None:
            # Broken: the other is not inserting now (it waits for this import to finish).
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=3)
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(model, "save", save)
    results = [None] * len(commands)

    def run(index, args):
        out, err = StringIO(), StringIO()
        try:
            call_command(*args, stdout=out, stderr=err)
            outcome = 0
        except SystemExit as exit_info:
            outcome = exit_info.code
        except Exception as error:  # the crash this test is about
            outcome = error
        finally:
            connections.close_all()
        results[index] = (outcome, out.getvalue(), err.getvalue())

    threads = [threading.Thread(target=run, args=(index, args)) for index, args in enumerate(commands)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
