"""Articles as files: the file format, importing, one-file backups, and the demo content."""
