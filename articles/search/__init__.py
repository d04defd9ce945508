"""Finding articles: the text as search sees it, the stored search documents, the reader's query."""
