"""Reading the inputs: the source texts (`sources`, with hard-wrapped copies joined,
`wrapping`), their metadata, given (`metadata`) and inferred from a title line (`inferred`),
the glossary (`glossary`), YAML with its line numbers (`yamlfile`), and the one reader of
`mkdocs.yml` (`mkdocs_config`), for the generator and the MkDocs side alike.

The rule: functions from files (or their text) to `model` values, and errors that name the
file and line. Nothing here knows of an earlier build, of corpus-wide results or of pages.
"""
