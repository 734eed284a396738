"""The MkDocs side: plugin, Markdown extensions and site build."""
