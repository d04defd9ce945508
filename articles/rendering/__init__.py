"""The Markdown pipeline: article text (citations, audience blocks, glossary) to safe HTML, and its cache."""
