"""The output edge: generated files written and put in place together (`output`), the site
built with MkDocs and published (`site`), the MkDocs side (`mkdocs_hooks`, run inside every
MkDocs build, and the theme in `theme/`), and the sharded search index (`search_index`).

The rule: files and processes. May use `render` (the hook joins data the generator wrote) but
nothing renders or reads an earlier build here.
"""
