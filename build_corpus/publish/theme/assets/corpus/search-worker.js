/*
 * Corpus search worker.
 *
 * Speaks the protocol of Material for MkDocs' search worker (SETUP → READY,
 * QUERY → RESULT), so Material's search box and result list are used as they
 * are, but finds documents by substring: every section whose text contains
 * the typed phrase is found, whatever the phrase's word boundaries. Chinese
 * is typed without spaces; spaces separate phrases that must all occur.
 *
 * The index is sharded (see `search_index.py` for the files): SETUP brings
 * only the manifest; a query fetches the postings of the characters it needs,
 * intersects them, ranks the documents from the postings alone (exact counts,
 * whole words from the build's word boundaries), and fetches the text of the
 * pages whose results Material shows first. Results further down the list are
 * sent as placeholders, which `corpus.js` asks this worker to fill, over a
 * BroadcastChannel, when Material renders them. Every file is fetched once
 * and kept. The files lie under a folder named by the index's version, so HTTP
 * caches may keep them; a page opened before a new build was published finds
 * them missing, fetches the manifest again and answers with the new index. A query
 * fetches and reads every file with the manifest it was asked under, which it hands down
 * (the manifest may be read again while a file is on its way).
 * Only the latest query is answered; its RESULT carries `number`, how many
 * queries this worker has received, so a page (or a test) can tell the answer
 * to the last query from one to an earlier query still on its way.
 *
 * Matching sees a normalised copy of each text (ASCII case and full-width
 * forms folded; traditional characters folded to simplified with the table in
 * the manifest; white space between two Chinese characters taken out), as the
 * build's `search_index.match_view` does, with the place of each of its
 * characters in the text the reader sees, for highlighting. An occurrence
 * that starts and ends on word boundaries counts double, so 政治 ranks sections
 * with the word 政治 above those where it is only part of 政治判断力; a match in
 * a title counts ten times; a section's score is divided by its length. These
 * weights, and the teaser's lengths, are the manifest's `settings`
 * (`Tuning.search_settings`), not the worker's own.
 *
 * Facets in the query (年:2022 作用:原因剖析 方面:理论学习, read by `search-query.js`)
 * narrow the results to the sections whose text, role and aspect they allow; the document
 * table holds each document's, as numbers into the manifest's `facets`.
 */
"use strict"

importScripts(`search-query.js${self.location.search}`)  /* the same version as this */

const FORMAT = 2  /* the index layout this worker reads (`search_index.FORMAT`) */
const SETUP = 0
const READY = 1
const QUERY = 2
const RESULT = 3

/* Material renders the first 10 results (pages) at once, further ones as the reader scrolls */
const SHOWN = 10
/* Fill requests are answered for the last few queries */
const KEPT_QUERIES = 8
/* Milliseconds before a failed request is tried again */
const RETRY_AFTER = 200

const HAN = "\u3400-\u4dbf\u4e00-\u9fff"
/* White space between two Chinese characters: ignored in matching (PDF copies leave it) */
const GAP = new RegExp(`(?<=[${HAN}])[ \\t\\u00a0\\u3000]+(?=[${HAN}])`, "g")

let corpus = null                /* the manifest read last (a query keeps the one it began with) */
let fold = new Map()             /* traditional character → simplified */
let foldable = null              /* any character `fold` has */
let channel = null               /* where corpus.js asks for results to be filled */
let reading = null               /* the manifest being read again, if it is */
const made = new Map()           /* path of a file, or kind:key → promise of what it holds */
const queries = new Map()        /* query number → its needles */
let latest = 0

/* ------------------------------------------------------------------ matching --- */

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
  return foldable ? value.replace(foldable, ch => fold.get(ch)) : value
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

/* What matching sees of a title or a text */
function seen(value) {
  return squeeze(folded(normalise(value)))
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

/* `i`, moved back to the start of its character if it falls inside a surrogate pair (a
   character outside the BMP, such as 𠮷) */
function boundary(text, i) {
  const code = text.charCodeAt(i)
  return i > 0 && code >= 0xdc00 && code <= 0xdfff ? i - 1 : i
}

/* The text of a result around its first match: `settings` (the manifest's, from
   `Tuning.search_settings`) say how much of it before the match, how much in all */
function teaser(settings, text, ranges) {
  if (!text) return ""
  const first = ranges.length ? Math.min(...ranges.map(r => r[0])) : 0
  const from = boundary(text, Math.max(0, first - settings.teaser_before))
  const to = boundary(text, Math.min(text.length, from + settings.teaser_chars))
  return "<p>" + (from > 0 ? "…" : "") + mark(text, ranges, from, to) +
    (to < text.length ? "…" : "") + "</p>"
}

/* A document as a result: its title and teaser with every needle marked, and the
   characters found as the page shows them (兩個確立 for 两个确立), which Material puts into
   the link (?h=…) that highlights them on the page */
function shown(manifest, [location, title, text], needles, score) {
  const seenTitle = seen(title)
  const seenText = seen(text)
  const titleRanges = []
  const textRanges = []
  for (const needle of needles) {
    for (const i of occurrences(seenTitle.text, needle))
      titleRanges.push(unsqueeze(seenTitle.at, i, i + needle.length))
    for (const i of occurrences(seenText.text, needle))
      textRanges.push(unsqueeze(seenText.at, i, i + needle.length))
  }
  const forms = new Set([
    ...titleRanges.map(([s, e]) => title.slice(s, e)),
    ...textRanges.map(([s, e]) => text.slice(s, e))
  ])
  return {
    location,
    title: mark(title, titleRanges),
    text: teaser(manifest.settings, text, textRanges),
    score,
    terms: Object.fromEntries([...forms].sort().map(form => [form, true]))
  }
}

/* ------------------------------------------------------------------- files --- */

/* What `make` makes of `name` under `manifest`, made once; a failure is forgotten, so that
   a later query tries again. Nothing is made under a manifest read over since (`Replaced`):
   `made` holds the new index's files by now, and the old index's would be taken for them */
function once(manifest, name, make) {
  if (!current(manifest)) return Promise.reject(new Replaced(name, manifest.version))
  if (!made.has(name)) {
    const promise = make()
    made.set(name, promise)
    promise.catch(() => { if (made.get(name) === promise) made.delete(name) })
  }
  return made.get(name)
}

/* A file of the index is missing: the site was built again and published since the
   manifest was read */
class Replaced extends Error {
  constructor(path, version) {
    super(`search index ${version}: ${path} is gone`)
    this.version = version
  }
}

/* Whether `manifest` is still the manifest read last */
function current(manifest) {
  return corpus !== null && corpus.version === manifest.version
}

/* After an await: throw `Replaced` if the index was read again meanwhile (what was read
   before and after would belong to two indexes) */
function still(manifest) {
  if (!current(manifest)) throw new Replaced("", manifest.version)
}

/* A file of the index `manifest` names, uncompressed (gzip as stored, unless the host
   already undid it); a request that fails (a network error, a server error: a host's hiccup)
   is tried once more */
async function fetchFile(manifest, path) {
  const version = manifest.version
  const url = new URL(path, new URL(`${version}/`, manifestURL()))
  let response = await fetch(url).catch(() => null)
  if (!response || response.status >= 500) {
    await new Promise(resolve => setTimeout(resolve, RETRY_AFTER))
    response = await fetch(url)
  }
  if (response.status === 404) throw new Replaced(path, version)
  if (!response.ok) throw new Error(`search index: ${path}: HTTP ${response.status}`)
  const bytes = new Uint8Array(await response.arrayBuffer())
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[2] !== 8 || bytes[3] !== 0) return bytes
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/* What a file of the index `manifest` names holds, fetched and read once, by
   `reader(bytes, manifest)`: read with the manifest it was asked under, not with one read
   again while it was on its way (whose blocks and facets are another index's). A file that
   cannot be read once its manifest was read over belongs to the replaced index (cut short by
   the new build's publication, say): `Replaced`, so that the query is searched again on the
   new index rather than answered with nothing */
function read(manifest, path, reader) {
  return once(manifest, path, () => fetchFile(manifest, path)
    .then(bytes => reader(bytes, manifest))
    .catch(error => {
      if (error instanceof Replaced || current(manifest)) throw error
      throw new Replaced(path, manifest.version)
    }))
}

/* Unsigned LEB128 numbers, one after another */
class Numbers {
  constructor(bytes, pos = 0, end = bytes.length) {
    this.bytes = bytes
    this.pos = pos
    this.end = end
  }
  next() {
    let value = 0
    let scale = 1
    let byte
    do {
      byte = this.bytes[this.pos++]
      value += (byte & 0x7f) * scale
      scale *= 128
    } while (byte & 0x80)
    return value
  }
}

/* A shard: its keys, each with where its entries are */
function readShard(bytes) {
  const numbers = new Numbers(bytes)
  const count = numbers.next()
  const keys = new Map()
  const heads = []
  let key = 0
  for (let i = 0; i < count; i++) {
    key += numbers.next()
    heads.push([key, numbers.next(), numbers.next()])
  }
  let pos = numbers.pos
  for (const [k, entries, size] of heads) {
    keys.set(k, { entries, start: pos, end: pos + size })
    pos += size
  }
  return { bytes, keys }
}

/* The same hash as the build's `key_hash` */
function shardOf(key, count) {
  let h = key >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0
  h = (h ^ (h >>> 16)) >>> 0
  return h % count
}

/* The postings of a key: where its entries are, or null */
async function entriesOf(manifest, kind, count, key) {
  const path = `${kind}/${shardOf(key, count)}${manifest.extension}`
  const shard = await read(manifest, path, readShard)
  const found = shard.keys.get(key)
  return found ? { shard, found } : null
}

/* Every position of a bigram in the stream, with its word-boundary bits */
function bigram(manifest, key) {
  return once(manifest, `b:${key}`, async () => {
      const entry = await entriesOf(manifest, "b", manifest.bigram_shards, key)
      if (!entry) return { positions: new Float64Array(0), bits: new Uint8Array(0) }
      const numbers = new Numbers(entry.shard.bytes, entry.found.start, entry.found.end)
      const positions = new Float64Array(entry.found.entries)
      const bits = new Uint8Array(entry.found.entries)
      let pos = 0
      for (let i = 0; i < positions.length; i++) {
        const value = numbers.next()
        pos += Math.floor(value / 4)
        positions[i] = pos
        bits[i] = value % 4
      }
      return { positions, bits }
  })
}

/* Every document holding a character: counts in title and text, whole words in the text */
function character(manifest, key) {
  return once(manifest, `c:${key}`, async () => {
      const entry = await entriesOf(manifest, "c", manifest.char_shards, key)
      const n = entry ? entry.found.entries : 0
      const docs = new Float64Array(n)
      const title = new Uint32Array(n)
      const text = new Uint32Array(n)
      const whole = new Uint32Array(n)
      if (entry) {
        const numbers = new Numbers(entry.shard.bytes, entry.found.start, entry.found.end)
        let doc = 0
        for (let i = 0; i < n; i++) {
          doc += numbers.next()
          docs[i] = doc
          const flags = numbers.next()
          text[i] = Math.floor(flags / 4)
          if (flags & 2) title[i] = numbers.next()
          if (flags & 1) whole[i] = numbers.next()
        }
      }
      return { docs, title, text, whole }
  })
}

/* A block of the document table: where each document starts, its lengths, its page */
function block(manifest, n) {
  return read(manifest, `d/${n}${manifest.extension}`, bytes => {
    const [firstDoc, firstPos, firstPage] = manifest.blocks[n]
    const end = n + 1 < manifest.blocks.length ? manifest.blocks[n + 1][0] : manifest.documents
    const size = end - firstDoc
    const numbers = new Numbers(bytes)
    const starts = new Float64Array(size)
    const titles = new Uint32Array(size)
    const texts = new Uint32Array(size)
    const pages = new Uint32Array(size)
    const roles = new Uint16Array(size)
    const aspects = new Uint16Array(size)
    const years = new Uint16Array(size)
    const pageFirst = new Map()
    const aspectCount = facetValues(manifest, "aspect").length + 1
    let pos = firstPos
    let page = firstPage - 1
    let year = 0
    for (let i = 0; i < size; i++) {
      const head = numbers.next()
      titles[i] = Math.floor(head / 2)
      texts[i] = numbers.next()
      const kind = numbers.next()
      roles[i] = Math.floor(kind / aspectCount)
      aspects[i] = kind % aspectCount
      if (head & 1) {
        pageFirst.set(++page, firstDoc + i)
        year = numbers.next()
      }
      years[i] = year
      starts[i] = pos
      pages[i] = page
      pos += titles[i] + texts[i] + 2
    }
    return { firstDoc, starts, titles, texts, pages, pageFirst, roles, aspects, years, end: pos }
  })
}

/* The number of the block of the document table that holds a document (`field` 0 of the
   manifest's blocks) or a stream position (`field` 1) */
function blockOf(manifest, value, field) {
  return last(manifest.blocks.length, i => manifest.blocks[i][field], value)
}

/* The last i with key(i) <= value, for key ascending */
function last(count, key, value) {
  let low = 0
  let high = count - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if (key(mid) <= value) low = mid
    else high = mid - 1
  }
  return low
}

/* The documents of a page: [location, title, text] each */
function pageDocs(manifest, page) {
  return read(manifest, `p/${page}${manifest.extension}`, bytes =>
    JSON.parse(new TextDecoder().decode(bytes)))
}

/* ------------------------------------------------------------------ search --- */

/* Bigram keys a needle's occurrences are found by: at offsets 0, 2, 4 … and its end */
function coveringOffsets(length) {
  const offsets = []
  for (let i = 0; i + 2 <= length; i += 2) offsets.push(i)
  if (length % 2) offsets.push(length - 2)
  return offsets
}

function keyAt(needle, i) {
  return needle.charCodeAt(i) * 65536 + needle.charCodeAt(i + 1)
}

/* Start positions in the stream of every occurrence of a needle (two characters or more),
   each with: a word starts there; a word starts right after it */
async function positionsOf(manifest, needle) {
  const offsets = coveringOffsets(needle.length)
  const lists = await Promise.all(offsets.map(i => bigram(manifest, keyAt(needle, i))))
  /* start from the shortest list; keep a start where every other list has its bigram */
  let smallest = 0
  lists.forEach((list, i) => { if (list.positions.length < lists[smallest].positions.length) smallest = i })
  let starts = Array.from(lists[smallest].positions, p => p - offsets[smallest])
  const startBits = new Map()
  const endBits = new Map()
  for (let j = 0; j < lists.length && starts.length; j++) {
    const { positions, bits } = lists[j]
    const kept = []
    let k = 0
    for (const start of starts) {
      const want = start + offsets[j]
      while (k < positions.length && positions[k] < want) k++
      if (k < positions.length && positions[k] === want) {
        kept.push(start)
        if (offsets[j] === 0) startBits.set(start, bits[k] & 1)
        if (offsets[j] === needle.length - 2) endBits.set(start, bits[k] & 2)
      }
    }
    starts = kept
  }
  return starts.map(start => [start, startBits.get(start) && endBits.get(start)])
}

/* For each document holding a needle: the weight of its occurrences (in the title, as whole
   words: the manifest's settings say how much more they count) */
async function weightsOf(manifest, needle) {
  const { title_weight: titleWeight, whole_word_weight: wholeWeight } = manifest.settings
  const weights = new Map()
  if (needle.length === 1) {
    const { docs, title, text, whole } = await character(manifest, needle.charCodeAt(0))
    for (let i = 0; i < docs.length; i++)
      weights.set(docs[i], titleWeight * title[i] + text[i] + whole[i] * (wholeWeight - 1))
    return weights
  }
  const found = await positionsOf(manifest, needle)
  const tables = await blocksOf(manifest, found.map(([start]) => start), 1)
  /* occurrences in stream order: walk the documents alongside */
  let table = null
  let i = 0
  let after = 0                  /* occurrences do not overlap, as `occurrences` finds them */
  for (const [start, whole] of found) {
    if (start < after) continue
    after = start + needle.length
    if (!table || start >= table.end) {
      table = tables.get(blockOf(manifest, start, 1))
      i = 0
    }
    while (i + 1 < table.starts.length && table.starts[i + 1] <= start) i++
    const doc = table.firstDoc + i
    const inTitle = start - table.starts[i] < table.titles[i]
    const weight = inTitle ? titleWeight : whole ? wholeWeight : 1
    weights.set(doc, (weights.get(doc) || 0) + weight)
  }
  return weights
}

/* The blocks of the document table that hold the given documents (field 0 of the
   manifest's blocks) or stream positions (field 1), by number */
async function blocksOf(manifest, values, field) {
  const numbers = new Set(values.map(value => blockOf(manifest, value, field)))
  return new Map(await Promise.all([...numbers].map(async n => [n, await block(manifest, n)])))
}

/* The values of a facet the index offers, numbered from 1 in the document table */
function facetValues(manifest, facet) {
  return (manifest.facets && manifest.facets[facet]) || []
}

/* Whether a facet's value (a year, a role, an aspect) is one a value typed for it names: a
   year or a range of years (2020-2022), part of a role's or an aspect's name */
function names(facet, typed, value) {
  if (facet === "year") {
    const range = /^(\d{4})年?(?:[-~–—至到](\d{4})年?)?$/.exec(normalise(typed))
    if (!range) return false
    const [from, to] = [Number(range[1]), Number(range[2] || range[1])].sort((a, b) => a - b)
    return from <= value && value <= to
  }
  return seen(value).text.includes(seen(typed).text)
}

/* The facets of a query as what each allows: the numbers of its values in the document
   table (see `block`); a facet none of whose values is offered allows nothing */
function narrowing(manifest, facets) {
  const allowed = {}
  for (const [facet, typed] of Object.entries(facets)) {
    allowed[facet] = new Set()
    facetValues(manifest, facet).forEach((value, i) => {
      if (typed.some(one => names(facet, one, value))) allowed[facet].add(i + 1)
    })
  }
  return allowed
}

/* Whether document `i` of a block of the table has facets the query allows */
function admitted(allowed, table, i) {
  return (!allowed.year || allowed.year.has(table.years[i])) &&
    (!allowed.role || allowed.role.has(table.roles[i])) &&
    (!allowed.aspect || allowed.aspect.has(table.aspects[i]))
}

async function search(query, number) {
  const manifest = corpus  /* read with this manifest throughout, whatever is read meanwhile */
  const { phrases, facets } = corpusQuery.parse(query)
  const terms = [...new Set(phrases)]
  const needles = terms.map(term => folded(normalise(term.replace(/\u200b/g, "")))).filter(Boolean)
  if (!needles.length) return { items: [] }
  const allowed = narrowing(manifest, facets)
  if (Object.values(allowed).some(values => !values.size)) return { items: [] }
  queries.set(number, needles)
  for (const old of queries.keys()) if (queries.size > KEPT_QUERIES) queries.delete(old)

  /* documents holding every needle, with the sum of their weights */
  const weights = await Promise.all(needles.map(needle => weightsOf(manifest, needle)))
  still(manifest)
  if (number !== latest) return null       /* the reader has typed on */
  weights.sort((a, b) => a.size - b.size)
  const total = new Map()
  const others = weights.slice(1)
  for (const [doc, weight] of weights[0]) {
    let sum = weight
    for (const other of others) {
      const more = other.get(doc)
      if (more === undefined) { sum = -1; break }
      sum += more
    }
    if (sum >= 0) total.set(doc, sum)
  }

  /* score, then group by page in the order of each page's best section */
  const tables = await blocksOf(manifest, [...total.keys()], 0)
  still(manifest)
  if (number !== latest) return null
  const hits = []
  for (const [doc, weight] of total) {
    const table = tables.get(blockOf(manifest, doc, 0))
    const i = doc - table.firstDoc
    if (!admitted(allowed, table, i)) continue
    hits.push({ doc, table, page: table.pages[i], score: weight / (1 + table.texts[i] / 2000) })
  }
  hits.sort((a, b) => b.score - a.score || a.doc - b.doc)
  const groups = new Map()
  for (const hit of hits) {
    if (!groups.has(hit.page)) groups.set(hit.page, [])
    groups.get(hit.page).push(hit)
  }

  const items = []
  let rank = 0
  for (const [page, group] of groups) {
    const first = group[0].table.pageFirst.get(page)
    const entries = group.map(hit => [hit.doc, hit.score])
    if (!group.some(hit => hit.doc === first)) entries.push([first, 0])
    items.push(rank++ < SHOWN
      ? fill(manifest, page, first, entries, needles).catch(error => {
        if (error instanceof Replaced) throw error
        return pending(number, first, entries)   /* asked for again when shown */
      })
      : pending(number, first, entries))
  }
  const answer = { items: await Promise.all(items) }
  still(manifest)
  return answer
}

/* A page's results with their text */
async function fill(manifest, page, first, entries, needles) {
  const docs = await pageDocs(manifest, page)
  return entries.map(([doc, score]) => score
    ? shown(manifest, docs[doc - first], needles, score)
    : { location: docs[doc - first][0], title: escapeHTML(docs[doc - first][1]), text: "", score: 0, terms: {} })
}

/* A page's results to be filled when shown, as small as they can be (a frequent
   character has results in most sections): the page's own entry, whose location has no
   "#" as Material expects, carries the channel and the query; every entry its document;
   each result a teaser to fill */
function pending(number, first, entries) {
  return entries.map(([doc, score]) => ({
    location: doc === first ? "" : "#",
    title: doc === first
      ? `<span class="corpus-pending" data-channel="${channel.name}" data-query="${number}" data-doc="${doc}" data-hit="${score ? 1 : 0}">…</span>`
      : `<span class="corpus-pending" data-doc="${doc}" data-hit="1">…</span>`,
    text: score ? `<p class="corpus-teaser"></p>` : "",
    score,
    terms: {}
  }))
}

/* Fill requests from corpus.js: documents of a query's results, as `shown` makes them
   (a page's own entry with its title only where it is not a result itself) */
async function filled({ query, docs }) {
  const needles = queries.get(query)
  if (!needles) return { query, docs: {}, failed: docs.map(([doc]) => doc) }
  const manifest = corpus
  const tables = await blocksOf(manifest, docs.map(([doc]) => doc), 0)
  still(manifest)
  const out = {}
  await Promise.all(docs.map(async ([doc, hit]) => {
    const table = tables.get(blockOf(manifest, doc, 0))
    const page = table.pages[doc - table.firstDoc]
    const entry = (await pageDocs(manifest, page))[doc - table.pageFirst.get(page)]
    out[doc] = hit
      ? shown(manifest, entry, needles, 0)
      : { location: entry[0], title: escapeHTML(entry[1]), text: "", terms: {} }
  }))
  still(manifest)
  return { query, docs: out }
}

/* Where the manifest is: Material's search_index.json */
function manifestURL() {
  return new URL("../../search/search_index.json", self.location)
}

/* The manifest, as read by Material (SETUP) or again; whether this worker reads its format
   (if not, there is no index to search; `final`: say so) */
function configure(index, final = true) {
  const config = index.config || {}
  corpus = config.corpus
  if (corpus && corpus.format !== FORMAT) {  /* a page open since an earlier build, say */
    if (final) {
      console.error(`search index of format ${corpus.format}, this page's search reads ` +
        `format ${FORMAT}: reload the page`)
    }
    corpus = null
  }
  const table = config.fold || { from: "", to: "" }
  fold = new Map(Array.from(table.from, (ch, i) => [ch, table.to[i]]))
  foldable = table.from ? new RegExp(`[${table.from}]`, "g") : null
  made.clear()
  queries.clear()
  return corpus !== null
}

/* The manifest as published now, past every cache (no revalidation by date either); null
   if the host does not give it */
async function freshManifest() {
  const response = await fetch(manifestURL(), { cache: "no-store" })
  return response.ok ? response.json() : null
}

/* The manifest read again: Material's copy may be an earlier build's, from a cache */
async function reread() {
  try {
    const index = await freshManifest()
    if (!index) throw new Error(`${manifestURL()} cannot be read`)
    configure(index)
  } catch (error) {
    console.error(error)
  } finally {
    reading = null
  }
}

/* After `error`: whether the index was replaced by a newer one, now read (a query is then
   searched again; placeholders of earlier queries say they could not be filled) */
async function replaced(error) {
  if (!(error instanceof Replaced) || !corpus) return false
  if (corpus.version === error.version) {
    const index = await freshManifest()
    if (!index) return false
    const version = index.config && index.config.corpus && index.config.corpus.version
    if (!version || version === error.version) return false  /* the same index, damaged */
    if (corpus && corpus.version === error.version) configure(index)  /* unless read meanwhile */
  }
  return corpus !== null  /* not if the new index is of a format this worker cannot read */
}

/* A query's results; searched again if the index was replaced meanwhile */
async function answer(query, number) {
  try {
    return await search(query, number)
  } catch (error) {
    if (!(await replaced(error)) || number !== latest) throw error
    return search(query, number)
  }
}

function setup(index) {
  if (!configure(index, false)) reading = reread()
  const name = `corpus-search-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  channel = new BroadcastChannel(name)
  channel.onmessage = ev => {
    filled(ev.data).then(reply => channel.postMessage(reply), async error => {
      /* answered whatever happens: the placeholders say they could not be filled */
      const known = await replaced(error).catch(failure => { error = failure; return false })
      if (!known) console.error(error)
      channel.postMessage({ query: ev.data.query, docs: {}, failed: ev.data.docs.map(([doc]) => doc) })
    })
  }
}

addEventListener("message", ev => {
  const message = ev.data
  switch (message.type) {
    case SETUP:
      setup(message.data)
      postMessage({ type: READY })
      break
    case QUERY: {
      /* answer the latest query only: an earlier one may finish after it */
      const number = ++latest
      const query = message.data
      const answered = (reading || Promise.resolve()).then(
        () => corpus ? answer(query, number) : { items: [] })
      answered.then(
        data => { if (data && number === latest) postMessage({ type: RESULT, data: { ...data, number } }) },
        error => {
          if (!(error instanceof Replaced && number !== latest)) console.error(error)
          if (number === latest) postMessage({ type: RESULT, data: { items: [], number } })
        })
      break
    }
    default:
      throw new TypeError("Invalid message type")
  }
})
