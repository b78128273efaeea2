"""Everything that remembers an earlier build, and the only importer of `pickle`: the store
of what a build keeps and the text memo (`kept`), the corpus-wide annotation kept by
difference (`annotate`) and the phrases' concordance, each list kept apart (`concordance`).

The rule: only this package reads what an earlier build left (besides the published data a
build reads as input). The other packages never import it; the driver hands its values to
the pure stages.
"""
