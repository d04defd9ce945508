"""Bibliographic lookups: Crossref (DOI) and NCBI E-utilities (PubMed ID).

- :mod:`.http`: the small HTTP client (timeouts, polite User-Agent, one-line errors).
- :mod:`.crossref`: a work by DOI, as Reference field values, and the notices that update it.
- :mod:`.pubmed`: document summaries by PMID, as Reference field values; the evidence type
  suggested by PubMed's publication types; whether PubMed lists an item as retracted.
- :mod:`.fill`: "Fill from DOI or PMID" for the admin's reference form.
"""
