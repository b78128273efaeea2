"""The corpus as a whole: pure functions over every text: phrase mining and selection
(`phrases`), keywords (`keywords`), related sections (`related`), passages texts share
(`reuse`), and the catalogue's views of it: texts by year, each year's size, each aspect's
rows (`listing`).

The rule: results from the texts' `model` values; never imports `incremental` or `pickle`
(what is kept between builds is `incremental`'s business) nor `render`.
"""
