/*
 * Corpus search worker.
 *
 * Speaks the protocol of Material for MkDocs' search worker (SETUP → READY,
 * QUERY → RESULT), so Material's search box and result list are used as they
 * are, but finds documents by substring: every section whose text contains
 * the typed phrase is found, whatever the phrase's word boundaries. Chinese
 * is typed without spaces; spaces separate phrases that must all occur.
 *
 * Matching is done on a normalised copy of each text of the same length
 * (ASCII case, full-width forms folded), so positions map back to the text
 * the reader sees for highlighting. Each document also carries the lengths of
 * its words, from the build's one jieba segmentation ("words", one character
 * per word, see render_search.py): an occurrence that starts and ends on word boundaries counts
 * double, so 政治 ranks sections with the word 政治 above those where it is
 * only part of 政治判断力.
 */
"use strict"

const SETUP = 0
const READY = 1
const QUERY = 2
const RESULT = 3

const TEASER_BEFORE = 40
const TEASER_LENGTH = 240
const TITLE_WEIGHT = 10
const WHOLE_WORD_WEIGHT = 2
/* Word lengths 1 to 61, one character each; CONTINUED is 61 characters of a longer word */
const LENGTH_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY"
const CONTINUED = "Z"

let documents = []
let pages = new Map()            /* location of a page → its document */

/* Same-length normalisation: A-Z → a-z, full-width ASCII → ASCII, U+3000 → space */
function normalise(value) {
  return value.replace(/[A-Z\uFF01-\uFF5E\u3000]/g, ch => {
    const code = ch.charCodeAt(0)
    if (code === 0x3000) return " "
    if (code >= 0xFF01) ch = String.fromCharCode(code - 0xFEE0)
    return ch.toLowerCase()
  })
}

function escapeHTML(value) {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
}

/* Word boundaries of a text from its encoded word lengths: boundary[i] is 1 if a word starts at i */
function boundaries(text, words) {
  const boundary = new Uint8Array(text.length + 1)
  boundary[0] = 1
  boundary[text.length] = 1
  let pos = 0
  for (const digit of words || "") {
    if (digit === CONTINUED) {
      pos += LENGTH_DIGITS.length
      continue
    }
    pos += LENGTH_DIGITS.indexOf(digit) + 1
    if (pos <= text.length) boundary[pos] = 1
  }
  return boundary
}

function setup(index) {
  documents = index.docs.map((doc, order) => {
    const title = String(doc.title || "").replace(/\u200b/g, "")
    const text = String(doc.text || "").replace(/\u200b/g, "")
    const hash = doc.location.indexOf("#")
    return {
      location: doc.location,
      page: hash === -1 ? doc.location : doc.location.slice(0, hash),
      title,
      text,
      order,
      normTitle: normalise(title),
      normText: normalise(text),
      boundary: doc.words === undefined ? null : boundaries(text, doc.words)
    }
  })
  pages = new Map(documents.filter(d => d.location === d.page).map(d => [d.location, d]))
}

/* Start offsets of every occurrence of `term` in `haystack` */
function occurrences(haystack, term) {
  const found = []
  for (let i = haystack.indexOf(term); i !== -1; i = haystack.indexOf(term, i + term.length))
    found.push(i)
  return found
}

/* Mark the given [start, end) ranges of `value`, escaping the rest */
function mark(value, ranges, from = 0, to = value.length) {
  const merged = ranges
    .filter(([start, end]) => end > from && start < to)
    .sort((a, b) => a[0] - b[0] || b[1] - a[1])
  let html = ""
  let pos = from
  for (const [start, end] of merged) {
    const s = Math.max(start, pos)
    const e = Math.min(end, to)
    if (e <= s) continue
    html += escapeHTML(value.slice(pos, s)) + "<mark data-md-highlight>" +
      escapeHTML(value.slice(s, e)) + "</mark>"
    pos = e
  }
  return html + escapeHTML(value.slice(pos, to))
}

function teaser(text, ranges) {
  if (!text) return ""
  const first = ranges.length ? Math.min(...ranges.map(r => r[0])) : 0
  const from = Math.max(0, first - TEASER_BEFORE)
  const to = Math.min(text.length, from + TEASER_LENGTH)
  return "<p>" + (from > 0 ? "…" : "") + mark(text, ranges, from, to) +
    (to < text.length ? "…" : "") + "</p>"
}

function search(query) {
  const terms = [...new Set(query.trim().split(/\s+/).filter(Boolean))]
  if (!terms.length) return { items: [] }
  const needles = terms.map(normalise)

  const hits = []
  for (const doc of documents) {
    const titleRanges = []
    const textRanges = []
    let score = 0
    let all = true
    for (const needle of needles) {
      const inTitle = occurrences(doc.normTitle, needle)
      const inText = occurrences(doc.normText, needle)
      if (!inTitle.length && !inText.length) { all = false; break }
      score += TITLE_WEIGHT * inTitle.length
      for (const i of inText)
        score += doc.boundary && doc.boundary[i] && doc.boundary[i + needle.length]
          ? WHOLE_WORD_WEIGHT : 1
      for (const i of inTitle) titleRanges.push([i, i + needle.length])
      for (const i of inText) textRanges.push([i, i + needle.length])
    }
    if (!all) continue
    hits.push({
      doc,
      score: score / (1 + doc.text.length / 2000),
      title: mark(doc.title, titleRanges),
      text: teaser(doc.text, textRanges)
    })
  }

  /* Group by page; every group carries its page document, as Material expects */
  const groups = new Map()
  hits.sort((a, b) => b.score - a.score || a.doc.order - b.doc.order)
  for (const hit of hits) {
    if (!groups.has(hit.doc.page)) groups.set(hit.doc.page, [])
    groups.get(hit.doc.page).push(hit)
  }
  const matched = Object.fromEntries(terms.map(term => [term, true]))
  const items = []
  for (const [page, group] of groups) {
    const item = group.map(hit => ({
      location: hit.doc.location,
      title: hit.title,
      text: hit.text,
      score: hit.score,
      terms: matched
    }))
    if (!group.some(hit => hit.doc.location === page)) {
      const doc = pages.get(page)
      if (doc)
        item.push({
          location: doc.location, title: escapeHTML(doc.title), text: "", score: 0, terms: {}
        })
    }
    items.push(item)
  }
  return { items }
}

addEventListener("message", ev => {
  const message = ev.data
  switch (message.type) {
    case SETUP:
      setup(message.data)
      postMessage({ type: READY })
      break
    case QUERY:
      postMessage({ type: RESULT, data: search(message.data) })
      break
    default:
      throw new TypeError("Invalid message type")
  }
})
