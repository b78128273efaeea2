"""One text at a time: pure functions of a text alone: its heading markers (`markers`), its
outline (`outline`) and anchors (`anchors`), the aspect and role of its sections (`aspects`),
folding for matching (`folding`), segmentation into words (`segmentation`) and escaping of
what the source holds (`escape`).

The rule: what one text gives, from that text (and the configuration) alone. Never imports
`corpus` or `render` (the corpus is not known here) nor `incremental` (nothing is kept).
"""
