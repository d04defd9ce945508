"""What the check_retractions tests share (the `library` fixture is in conftest.py)."""

from io import StringIO

from django.core.management import call_command

RETRACTED_DOI = "10.5555/12345678"  # Crossref's test record: a retraction and a corrigendum
CLEAN_DOI = "10.1371/journal.pone.0033693"  # a real article with one correction notice
PMID = "27933103"


def run():
    out = StringIO()
    call_command("check_retractions", stdout=out)
    return out.getvalue()
