/*
 * Permalinks and "copy citation" on every heading and paragraph of a text page.
 *
 * The page's metadata line carries the text's title, year, role and meeting;
 * each heading carries the markers of its enclosing sections (data-corpus-path). A citation is
 * 《title》（year，role，meeting），markers + heading title[，第N段]。URL#anchor
 */
"use strict"
;(function () {
  /* Sort buttons of the phrase index: data-sort names a numeric data-* column */
  for (const bar of document.querySelectorAll(".corpus-sort[data-target]")) {
    const table = document.getElementById(bar.dataset.target)
    if (!table) continue
    const body = table.tBodies[0]
    for (const button of bar.querySelectorAll("button[data-sort]")) {
      button.addEventListener("click", () => {
        const key = button.dataset.sort
        const rows = [...body.rows]
        const value = row => Number(row.dataset[key])
        rows.sort((a, b) => key === "pinyin"
          ? value(a) - value(b)
          : value(b) - value(a) || Number(a.dataset.pinyin) - Number(b.dataset.pinyin))
        body.append(...rows)
        for (const other of bar.querySelectorAll("button")) other.classList.toggle("corpus-sort--active", other === button)
      })
    }
  }
})()

;(function () {
  const meta = document.querySelector(".corpus-meta")
  if (!meta) return
  const data = meta.dataset

  function visibleText(el) {
    const copy = el.cloneNode(true)
    for (const extra of copy.querySelectorAll(".headerlink, .corpus-cite")) extra.remove()
    return copy.textContent.trim()
  }

  /* Markers of the enclosing sections, then the heading itself: 一、（一）一是…… */
  function sectionLabel(heading) {
    return (heading.dataset.corpusPath + visibleText(heading)).replace(/[。：:！？!?]+$/, "")
  }

  function citation(el) {
    const id = el.id
    const url = location.origin + location.pathname + "#" + id
    const about = [data.corpusYear ? data.corpusYear + "年" : "", data.corpusRole, data.corpusMeeting]
      .filter(Boolean).join("，")
    let where
    const para = /^(.*)-p(\d+)$/.exec(id)
    if (para) {
      const heading = document.getElementById(para[1])
      const section = heading && heading.dataset.corpusPath !== undefined ? sectionLabel(heading) : "引言"
      where = section + "，第" + para[2] + "段"
    } else {
      where = sectionLabel(el)
    }
    return "《" + data.corpusTitle + "》" + (about ? "（" + about + "）" : "") + "，" + where + "。" + url
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext)
      return navigator.clipboard.writeText(text)
    const area = document.createElement("textarea")
    area.value = text
    document.body.appendChild(area)
    area.select()
    document.execCommand("copy")
    area.remove()
    return Promise.resolve()
  }

  const targets = document.querySelectorAll(
    ".md-content .corpus-p[id], .md-content [data-corpus-path][id]"
  )
  for (const el of targets) {
    const button = document.createElement("button")
    button.type = "button"
    button.className = "corpus-cite"
    button.title = "复制引文"
    button.setAttribute("aria-label", "复制引文")
    button.addEventListener("click", ev => {
      ev.preventDefault()
      const text = citation(el)
      copy(text).then(() => {
        button.classList.add("corpus-cite--done")
        button.dataset.citation = text
        setTimeout(() => button.classList.remove("corpus-cite--done"), 1500)
      })
    })
    el.appendChild(button)
  }
})()

/*
 * Search highlighting across element boundaries. Material's `search.highlight`
 * marks the searched phrase (?h=…) inside single text nodes; in our pages a
 * phrase can run across a marked formula's link (做到“两个维护”). This marks
 * the pieces of every occurrence that spans several text nodes; occurrences
 * inside one node are left to Material.
 */
;(function () {
  const query = new URL(location.href).searchParams.get("h")
  if (!query) return
  const terms = query.split(/[\s\u200b]+/).filter(Boolean).map(t => t.toLowerCase())
  const skip = node => node.parentElement.closest(".headerlink, .corpus-cite, mark")
  for (const el of document.querySelectorAll("article .corpus-p, article [data-corpus-path]")) {
    const nodes = []
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if (!skip(node)) nodes.push(node)
    const starts = []
    let text = ""
    for (const node of nodes) { starts.push(text.length); text += node.data }
    const lower = text.toLowerCase()
    const pieces = []
    for (const term of terms)
      for (let i = lower.indexOf(term); i !== -1; i = lower.indexOf(term, i + term.length)) {
        const end = i + term.length
        const inside = nodes.filter((n, k) => starts[k] < end && starts[k] + n.data.length > i)
        if (inside.length < 2) continue
        for (const node of inside) {
          const k = nodes.indexOf(node)
          pieces.push([node, Math.max(0, i - starts[k]), Math.min(node.data.length, end - starts[k])])
        }
      }
    /* Wrap from the end of each node backwards, so earlier offsets stay valid */
    pieces.sort((a, b) => nodes.indexOf(b[0]) - nodes.indexOf(a[0]) || b[1] - a[1])
    for (const [node, from, to] of pieces) {
      const range = document.createRange()
      range.setStart(node, from)
      range.setEnd(node, to)
      const mark = document.createElement("mark")
      mark.setAttribute("data-md-highlight", "")
      range.surroundContents(mark)
    }
  }
})()

/*
 * Search results further down the list. The search worker sends the results Material
 * shows first with their text, and the others as placeholders (`.corpus-pending`, each with
 * its document; the page's own entry also with the worker's channel and the query); when
 * Material renders them, this asks the worker for their titles and teasers and puts them
 * in place, with their links.
 */
;(function () {
  const list = document.querySelector(".md-search-result__list")
  const config = document.getElementById("__config")
  if (!list || !config) return
  const base = new URL(JSON.parse(config.textContent).base, location.href)
  const channels = new Map()
  const waiting = new Map()      /* "query doc" → placeholders */

  function channel(name) {
    if (!channels.has(name)) {
      const opened = new BroadcastChannel(name)
      opened.onmessage = ev => fill(ev.data)
      channels.set(name, opened)
    }
    return channels.get(name)
  }

  function fill({ query, docs, failed = [] }) {
    /* the worker could not: the placeholder says so, and asks again when shown again */
    for (const doc of failed) {
      for (const span of waiting.get(`${query} ${doc}`) || []) span.textContent = "（未能载入，请重新搜索）"
      waiting.delete(`${query} ${doc}`)
    }
    for (const [doc, result] of Object.entries(docs)) {
      for (const span of waiting.get(`${query} ${doc}`) || []) {
        const link = span.closest("a")
        const url = new URL(result.location, base)
        const terms = Object.keys(result.terms)
        if (terms.length) url.searchParams.set("h", terms.join(" "))
        link.href = url.href
        const teaser = link.querySelector(".corpus-teaser")
        if (teaser) teaser.outerHTML = result.text
        span.parentElement.innerHTML = result.title
      }
      waiting.delete(`${query} ${doc}`)
    }
  }

  function ask(records) {
    for (const record of records)
      for (const item of record.addedNodes) {
        const head = item.querySelector && item.querySelector(".corpus-pending[data-channel]")
        if (!head) continue
        const query = head.dataset.query
        const docs = []
        for (const span of item.querySelectorAll(".corpus-pending")) {
          const key = `${query} ${span.dataset.doc}`
          if (!waiting.has(key)) {
            waiting.set(key, [])
            docs.push([Number(span.dataset.doc), span.dataset.hit === "1"])
          }
          waiting.get(key).push(span)
        }
        if (docs.length) channel(head.dataset.channel).postMessage({ query: Number(query), docs })
      }
  }

  new MutationObserver(ask).observe(list, { childList: true })
  /* a placeholder's link leads nowhere until it is filled */
  list.addEventListener("click", ev => {
    const link = ev.target.closest("a")
    if (link && link.querySelector(".corpus-pending")) ev.preventDefault()
  })
})()

/*
 * Facet menus under the search box: 年度, 作用 and 方面, with the values the search index
 * offers (the `facets` of its manifest, which Material has already fetched: read from the
 * browser's cache). A choice writes the facet into the query (年:2022), where the reader may
 * also type it (see `search-query.js`), and searches again; a typed facet sets its menu.
 */
;(function () {
  const input = document.querySelector("input.md-search__input")
  const result = document.querySelector(".md-search-result")
  const config = document.getElementById("__config")
  if (!input || !result || !config || !self.corpusQuery) return
  const base = new URL(JSON.parse(config.textContent).base, location.href)
  const LABELS = { year: "年度", role: "作用", aspect: "方面" }
  const ALL = "全部"
  let bar = null

  /* The menus show what the query says; a value typed that no menu item is (2020-2022,
     方面:政治) is shown as typed */
  function sync() {
    if (!bar) return
    const { phrases, facets } = corpusQuery.parse(input.value)
    for (const select of bar.querySelectorAll("select")) {
      const typed = (facets[select.dataset.facet] || []).join(",")
      const custom = select.querySelector("option[data-typed]")
      const offered = [...select.options].some(option => option.value === typed && option !== custom)
      custom.hidden = !typed || offered
      custom.textContent = custom.value = offered ? "" : typed
      select.value = typed
    }
    bar.querySelector(".corpus-facets__hint").hidden =
      phrases.length > 0 || !Object.keys(facets).length
  }

  function menu(facet, values) {
    const label = document.createElement("label")
    label.textContent = LABELS[facet] + " "
    const select = document.createElement("select")
    select.dataset.facet = facet
    select.add(new Option(ALL, ""))
    for (const value of values) select.add(new Option(String(value), String(value)))
    const custom = new Option("", "")
    custom.dataset.typed = ""
    custom.hidden = true
    select.add(custom)
    select.addEventListener("change", () => {
      input.value = corpusQuery.withFacet(input.value, facet, select.value)
      input.focus()
      /* Material reads the query on keyup */
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
      sync()
    })
    label.append(select)
    return label
  }

  async function build() {
    const response = await fetch(new URL("search/search_index.json", base), { cache: "force-cache" })
    const corpus = (await response.json()).config.corpus
    const facets = corpus && corpus.facets
    if (!facets || bar) return
    bar = document.createElement("div")
    bar.className = "corpus-facets"
    for (const [facet, values] of Object.entries(facets))
      if (values.length) bar.append(menu(facet, values))
    const hint = document.createElement("span")
    hint.className = "corpus-facets__hint"
    hint.textContent = "在选定的范围里，输入要查找的词语"
    bar.append(hint)
    if (bar.querySelector("select")) result.prepend(bar)
    sync()
  }

  let built = null
  const open = () => { built ||= build().catch(error => { built = null; console.error(error) }) }
  input.addEventListener("focus", open)
  if (document.activeElement === input || input.value) open()
  input.addEventListener("keyup", sync)
  input.addEventListener("input", sync)
  if (input.form) input.form.addEventListener("reset", () => setTimeout(sync))
})()
