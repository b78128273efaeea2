"""Pages and data from what was found: pure renderers, values in, Markdown, HTML and data
files out: a text's page (`markdown`), phrase pages and indexes (`phrases`), aspect pages
(`aspects`), data to take away (`data`), shared passages (`reuse`), a text's search documents
(`search`), the trends page (`trends`).

The rule: strings from `model` values; no file is read or written here, and nothing of an
earlier build is known (never imports `incremental` or `pickle`).
"""
