"""The reader's site: page assembly, personas, related articles, head metadata, feeds, sitemaps, downloads."""
