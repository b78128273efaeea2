/*
 * The search box's query, read alike by the search worker (which finds and narrows the
 * results) and by corpus.js (the facet menus under the box).
 *
 * A query is phrases separated by spaces, all of which a result must hold, and facets
 * that narrow the results to sections of some texts or kinds:
 *
 *     两个维护 年:2022 方面:理论学习
 *     问题 年:2020-2022 作用:原因剖析
 *     担当 方面:政治,作风
 *
 * A facet is a word of the query made of a facet's name, a colon (half or full width) and
 * its values, separated by commas (，、 also); a value may be a year, a range of years
 * (2020-2022) or part of a role's or an aspect's name (方面:政治 is 政治素质/政治能力).
 * Values given for one facet are alternatives; different facets must all hold. A facet
 * with nothing after its colon (while it is being typed) narrows nothing, and a word whose
 * name before the colon is no facet's is a phrase like any other.
 */
"use strict"
;(function (scope) {
  /* The names a facet answers to; the first is what the menus write */
  const NAMES = {
    year: ["年", "年度", "年份", "year"],
    role: ["作用", "role"],
    aspect: ["方面", "aspect"]
  }
  const FACET = new Map(
    Object.entries(NAMES).flatMap(([facet, names]) => names.map(name => [name, facet])))
  const WORD = /^([^:：]+)[:：](.*)$/
  const VALUES = /[,，、]+/

  /* The facet a word of the query names, with its values; null for a phrase */
  function facetOf(word) {
    const found = WORD.exec(word)
    const facet = found && FACET.get(found[1].toLowerCase())
    return facet ? { facet, values: found[2].split(VALUES).filter(Boolean) } : null
  }

  /* A query's phrases, in order, and its facets' values, by facet */
  function parse(query) {
    const phrases = []
    const facets = {}
    for (const word of query.trim().split(/\s+/).filter(Boolean)) {
      const found = facetOf(word)
      if (!found) phrases.push(word)
      else if (found.values.length) (facets[found.facet] ||= []).push(...found.values)
    }
    return { phrases, facets }
  }

  /* `query` with `facet` set to `value` (a menu's choice; "" takes the facet out): its
     words for that facet replaced by one, at the end */
  function withFacet(query, facet, value) {
    const words = query.trim().split(/\s+/).filter(word => {
      const found = word && facetOf(word)
      return word && !(found && found.facet === facet)
    })
    if (value) words.push(`${NAMES[facet][0]}:${value}`)
    return words.join(" ") + (value ? " " : "")
  }

  scope.corpusQuery = { NAMES, parse, withFacet }
})(self)
