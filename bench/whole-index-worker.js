/*
 * Corpus search worker.
 *
 * Speaks the protocol of Material for MkDocs' search worker (SETUP → READY,
 * QUERY → RESULT), so Material's search box and result list are used as they
 * are, but finds documents by substring: every section whose text contains
 * the typed phrase is found, whatever the phrase's word boundaries. Chinese
 * is typed without spaces; spaces separate phrases that must all occur.
 *
 * Matching is done on a normalised copy of each text (ASCII case and
 * full-width forms folded; traditional characters folded to simplified, as
 * the build's `folding.view` does: each document carries its folded text where
 * it differs, the index carries the table that folds the query; white space
 * between two Chinese characters taken out), with the place of each of its
 * characters in the text the reader sees, for highlighting. Each document also carries the lengths of
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

const HAN = "\u3400-\u4dbf\u4e00-\u9fff"
/* White space between two Chinese characters: ignored in matching (PDF copies leave it) */
const GAP = new RegExp(`(?<=[${HAN}])[ \\t\\u00a0\\u3000]+(?=[${HAN}])`, "g")

let documents = []
let pages = new Map()            /* location of a page → its document */
let fold = new Map()             /* traditional character → simplified */

/* Same-length normalisation: A-Z → a-z, full-width ASCII → ASCII, U+3000 → space */
function normalise(value) {
  return value.replace(/[A-Z\uFF01-\uFF5E\u3000]/g, ch => {
    const code = ch.charCodeAt(0)
    if (code === 0x3000) return " "
    if (code >= 0xFF01) ch = String.fromCharCode(code - 0xFEE0)
    return ch.toLowerCase()
  })
}

/* Traditional characters → simplified, one for one */
function folded(value) {
  let out = ""
  for (const ch of value) out += fold.get(ch) || ch
  return out
}

/* What matching sees of a normalised value: white space between Chinese characters taken
   out; `at[i]` is where character i of it is in the value (null: the same places) */
function squeeze(value) {
  GAP.lastIndex = 0
  if (!GAP.test(value)) return { text: value, at: null }
  const at = []
  let text = ""
  let pos = 0
  GAP.lastIndex = 0
  for (const gap of value.matchAll(GAP)) {
    text += value.slice(pos, gap.index)
    for (let i = pos; i < gap.index; i++) at.push(i)
    pos = gap.index + gap[0].length
  }
  text += value.slice(pos)
  for (let i = pos; i < value.length; i++) at.push(i)
  return { text, at }
}

/* [start, end) in the squeezed value → in the value */
function unsqueeze(at, start, end) {
  return at ? [at[start], at[end - 1] + 1] : [start, end]
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
  const table = (index.config && index.config.fold) || { from: "", to: "" }
  fold = new Map(Array.from(table.from, (ch, i) => [ch, table.to[i]]))
  documents = index.docs.map((doc, order) => {
    const title = String(doc.title || "").replace(/\u200b/g, "")
    const text = String(doc.text || "").replace(/\u200b/g, "")
    const hash = doc.location.indexOf("#")
    const seenTitle = squeeze(normalise(doc.folded_title || title))
    const seenText = squeeze(normalise(doc.folded_text || text))
    return {
      location: doc.location,
      page: hash === -1 ? doc.location : doc.location.slice(0, hash),
      title,
      text,
      order,
      normTitle: seenTitle.text,
      titleAt: seenTitle.at,
      normText: seenText.text,
      textAt: seenText.at,
      boundary: doc.words === undefined ? null : boundaries(seenText.text, doc.words)
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
  const needles = terms.map(term => folded(normalise(term)))

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
      for (const i of inTitle) titleRanges.push(unsqueeze(doc.titleAt, i, i + needle.length))
      for (const i of inText) textRanges.push(unsqueeze(doc.textAt, i, i + needle.length))
    }
    if (!all) continue
    /* The characters found, as the page shows them (兩個確立 for 两个确立): Material puts
       them into the link (?h=…) that highlights them on the page */
    const shown = new Set([
      ...titleRanges.map(([s, e]) => doc.title.slice(s, e)),
      ...textRanges.map(([s, e]) => doc.text.slice(s, e))
    ])
    hits.push({
      doc,
      score: score / (1 + doc.text.length / 2000),
      title: mark(doc.title, titleRanges),
      text: teaser(doc.text, textRanges),
      terms: Object.fromEntries([...shown].sort().map(form => [form, true]))
    })
  }

  /* Group by page; every group carries its page document, as Material expects */
  const groups = new Map()
  hits.sort((a, b) => b.score - a.score || a.doc.order - b.doc.order)
  for (const hit of hits) {
    if (!groups.has(hit.doc.page)) groups.set(hit.doc.page, [])
    groups.get(hit.doc.page).push(hit)
  }
  const items = []
  for (const [page, group] of groups) {
    const item = group.map(hit => ({
      location: hit.doc.location,
      title: hit.title,
      text: hit.text,
      score: hit.score,
      terms: hit.terms
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
