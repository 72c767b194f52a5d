/* Brugwijzer's search and filter page (zoeken.html): the form, the facets, the result list and the URL.
   The ranking is in engine.js; this file only loads index shards as <script> files (so the page works the same
   from a web server and from file://) and shows what the engine found. Data only ever becomes text nodes. */
(function () {
  "use strict";

  var Engine = window.BrugwijzerEngine;
  var holder = document.getElementById("bw-zoeken");
  if (!Engine || !holder) { return; }

  var PARAMS = [["kind", "soort"], ["theme", "thema"], ["layer", "laag"], ["measure", "maatregel"]];
  var FACET_LEGENDS = { kind: "Soort", theme: "Thema", layer: "Laag", measure: "Maatregel" };
  var PAGE = Engine.PAGE;
  var TYPING_PAUSE = 30;  // ms
  var base = holder.getAttribute("data-index");
  var root = holder.getAttribute("data-site-root") || "";

  /* ---- loading shards: each file calls bwZoek(key, data) ---- */
  var waiting = {};
  window.bwZoek = function (key, data) {
    if (waiting[key]) { waiting[key].resolve(data); }
  };

  function load(key) {
    return new Promise(function (resolve, reject) {
      waiting[key] = { resolve: resolve };
      var script = document.createElement("script");
      script.src = base + key + ".js";
      script.async = true;
      script.onerror = function () { reject(new Error("zoekindex niet gevonden: " + key)); };
      script.onload = function () { script.remove(); };
      document.head.appendChild(script);
    });
  }

  var engine = new Engine.Engine(load);

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; } else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  /* Text with the words whose folded form is in `marked` wrapped in <mark>. */
  function marked(text, forms) {
    var fragment = document.createDocumentFragment();
    var wanted = new Set(forms);
    var pattern = /[\p{L}\p{N}_]+(?:[-/][\p{L}\p{N}_]+)*/gu;
    var at = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      var form = Engine.fold(match[0]);
      var parts = form.split(/[-/]/);
      if (wanted.has(form) || parts.some(function (p) { return wanted.has(p); })) {
        fragment.appendChild(document.createTextNode(text.slice(at, match.index)));
        fragment.appendChild(el("mark", { text: match[0] }));
        at = match.index + match[0].length;
      }
    }
    fragment.appendChild(document.createTextNode(text.slice(at)));
    return fragment;
  }

  /* ---- the page ---- */
  var form = document.getElementById("bw-zoekformulier");
  var box = document.getElementById("bw-zoekvraag");
  holder.textContent = "";
  var status = el("p", { "class": "bw-zoek-status", id: "bw-zoek-status" });
  var announcer = el("p", { "class": "bw-sr-only", role: "status", "aria-live": "polite" });
  var suggestion = el("p", { "class": "bw-zoek-suggestie", hidden: "" });
  var themeLine = el("p", { "class": "bw-zoek-themas", hidden: "" });
  var list = el("ol", { "class": "bw-zoek-resultaten", "aria-labelledby": "bw-zoek-status" });
  var more = el("button", { type: "button", "class": "md-button", hidden: "", text: "Meer resultaten tonen" });
  var facetForm = el("form", { "class": "bw-zoek-filters", id: "bw-zoek-filters", "aria-label": "Filters", tabindex: "-1" });
  /* On a phone the filters come after the results; this link (shown there only) leads to them. */
  var toFilters = el("a", { href: "#bw-zoek-filters", text: "Naar de filters: soort, thema, laag en maatregel" });
  toFilters.addEventListener("click", function (event) {
    event.preventDefault();
    facetForm.scrollIntoView();
    facetForm.focus({ preventScroll: true });
  });
  var reset = el("button", { type: "button", "class": "md-button", text: "Alle filters wissen" });
  facetForm.addEventListener("submit", function (event) {  // the list follows every tick; the button leads to it
    event.preventDefault();
    status.setAttribute("tabindex", "-1");
    status.focus();
  });
  holder.appendChild(el("div", { "class": "bw-zoek" }, [
    el("div", { "class": "bw-zoek-zijbalk" }, [facetForm, reset]),
    el("div", { "class": "bw-zoek-hoofd" }, [status, el("p", { "class": "bw-zoek-naar-filters" }, [toFilters]),
                                             announcer, suggestion, themeLine, list, more])
  ]));

  var state = { q: "", kind: [], theme: [], layer: [], measure: [] };
  var shown = PAGE;
  var latest = 0;
  var result = null;
  var announceTimer = null;

  function readUrl(meta) {
    var params = new URLSearchParams(location.search);
    state.q = params.get("q") || "";
    PARAMS.forEach(function (pair) {
      var values = params.getAll(pair[1]);
      state[pair[0]] = values.map(function (value) { return toIndex(meta, pair[0], value); })
        .filter(function (index) { return index >= 0; });
    });
  }

  function toIndex(meta, facet, value) {
    if (facet === "kind") { return meta.kinds.findIndex(function (k) { return k[0] === value; }); }
    if (facet === "theme") { return meta.themes.findIndex(function (t) { return t[0] === value; }); }
    if (facet === "layer") { return meta.layers.findIndex(function (l) { return l[0] === value; }); }
    return meta.measures.findIndex(function (m) { return String(m[1]) === value || m[0] === value; });
  }

  function fromIndex(meta, facet, index) {
    if (facet === "kind") { return meta.kinds[index][0]; }
    if (facet === "theme") { return meta.themes[index][0]; }
    if (facet === "layer") { return meta.layers[index][0]; }
    return String(meta.measures[index][1]);
  }

  function label(meta, facet, index) {
    if (facet === "kind") { return meta.kinds[index][1]; }
    if (facet === "theme") { return meta.themes[index][1]; }
    if (facet === "layer") { return meta.layers[index][1]; }
    return meta.measures[index][1] + ". " + meta.measures[index][2];
  }

  function writeUrl(meta) {
    var params = new URLSearchParams();
    if (state.q.trim()) { params.set("q", state.q.trim()); }
    PARAMS.forEach(function (pair) {
      state[pair[0]].forEach(function (index) { params.append(pair[1], fromIndex(meta, pair[0], index)); });
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function filters() {
    return { kind: state.kind, theme: state.theme, layer: state.layer, measure: state.measure };
  }

  function run(typing) {
    var ticket = ++latest;
    var started = performance.now();
    var stale = function () { return ticket !== latest; };
    // while the reader types, the hits' records wait until a moment after the key (counted from the key, so that it
    // overlaps the loading of the postings): a key that follows quickly saves loading records for a half-typed word
    var settled = new Promise(function (resolve) { window.setTimeout(resolve, typing ? TYPING_PAUSE : 0); });
    var pause = function () { return settled; };
    return engine.search(state.q, { typing: typing, filters: filters(), stale: stale, pause: pause }).then(function (found) {
      if (!found || stale()) { return null; }
      result = found;
      shown = PAGE;
      return render(ticket).then(function () {
        holder.setAttribute("data-search-ms", String(Math.round(performance.now() - started)));
        holder.setAttribute("data-searched", state.q);
      });
    }, function () {
      status.textContent = "De zoekindex kon niet worden geladen.";
    });
  }

  function render(ticket) {
    var meta = engine.meta;
    var query = state.q.trim();
    var total = result.ranked.length;
    var text = query
      ? (total === 0 ? "Geen resultaten voor \u2018" + query + "\u2019." : (total === 1 ? "1 resultaat" : total + " resultaten") + " voor \u2018" + query + "\u2019.")
      : (total === 1 ? "1 item." : total + " items.");
    renderFacets(meta);
    renderThemes(meta);
    if (result.suggestion && Engine.fold(result.suggestion) !== Engine.fold(query)) {
      suggestion.textContent = "Bedoelde u: ";
      var link = el("a", { href: "?q=" + encodeURIComponent(result.suggestion), text: result.suggestion });
      link.addEventListener("click", function (event) {
        event.preventDefault();
        box.value = result.suggestion;
        state.q = result.suggestion;
        writeUrl(meta);
        run(false);
      });
      suggestion.appendChild(link);
      suggestion.appendChild(document.createTextNode("?"));
      suggestion.hidden = false;
    } else {
      suggestion.hidden = true;
    }
    return engine.records(result.ranked.slice(0, shown)).then(function (records) {
      if (ticket !== latest) { return; }
      status.textContent = text;
      list.textContent = "";
      records.forEach(function (record) { list.appendChild(item(meta, record)); });
      more.hidden = shown >= total;
      window.clearTimeout(announceTimer);
      announceTimer = window.setTimeout(function () { announcer.textContent = text; }, 700);
    });
  }

  function item(meta, record) {
    var kind = meta.kinds.find(function (k) { return k[0] === record.kind; });
    return el("li", { "data-entry": record.id }, [
      el("a", { href: root + record.url, "class": "bw-zoek-titel" }, [marked(record.title, result.highlight)]),
      el("span", { "class": "bw-zoek-soort", text: kind ? kind[1] : record.kind }),
      el("p", { "class": "bw-zoek-samenvatting" }, [marked(record.summary, result.highlight)])
    ]);
  }

  function renderThemes(meta) {
    themeLine.textContent = "";
    var links = result.themes.map(function (t) {
      return el("a", { href: root + meta.themes[t][2], text: meta.themes[t][1] });
    }).concat(result.layers.map(function (l) {
      return el("a", { href: root + meta.layers[l][2], text: "Laag: " + meta.layers[l][1] });
    }));
    if (!links.length) { themeLine.hidden = true; return; }
    themeLine.appendChild(el("strong", { text: links.length === 1 ? "Thema: " : "Thema's: " }));
    links.forEach(function (link, n) {
      if (n) { themeLine.appendChild(document.createTextNode(" \u00b7 ")); }
      themeLine.appendChild(link);
    });
    themeLine.hidden = false;
  }

  function renderFacets(meta) {
    var focused = document.activeElement && facetForm.contains(document.activeElement) ? document.activeElement.id : null;
    facetForm.textContent = "";
    Engine.FACETS.forEach(function (facet) {
      var counts = result.facets[facet];
      var values = Object.keys(counts).map(Number);
      state[facet].forEach(function (v) { if (values.indexOf(v) < 0) { values.push(v); } });
      if (!values.length) { return; }
      if (facet === "theme") {
        values.sort(function (a, b) { return (counts[b] || 0) - (counts[a] || 0) || a - b; });
      } else {
        values.sort(function (a, b) { return a - b; });
      }
      var fieldset = el("fieldset", { "class": "bw-facet" }, [el("legend", { text: FACET_LEGENDS[facet] })]);
      values.forEach(function (value) {
        var id = "bw-f-" + facet + "-" + fromIndex(meta, facet, value);
        var input = el("input", { type: "checkbox", id: id, value: String(value) });
        input.checked = state[facet].indexOf(value) >= 0;
        input.addEventListener("change", function () {
          state[facet] = input.checked ? state[facet].concat([value]) : state[facet].filter(function (v) { return v !== value; });
          writeUrl(meta);
          run(false);
        });
        fieldset.appendChild(el("div", { "class": "bw-option" }, [input, el("label", { "for": id }, [
          document.createTextNode(label(meta, facet, value) + " "),
          el("span", { "class": "bw-count", text: "(" + (counts[value] || 0) + ")" })
        ])]));
      });
      facetForm.appendChild(fieldset);
    });
    facetForm.appendChild(el("button", { type: "submit", "class": "md-button", text: "Toon de resultaten" }));
    if (focused && document.getElementById(focused)) { document.getElementById(focused).focus(); }
  }

  more.addEventListener("click", function () {
    var first = shown;
    shown += PAGE;
    render(latest).then(function () {
      var next = list.children[first];
      if (next) { next.querySelector("a").focus(); }
    });
  });

  reset.addEventListener("click", function () {
    Engine.FACETS.forEach(function (facet) { state[facet] = []; });
    writeUrl(engine.meta);
    run(false);
  });

  box.addEventListener("input", function () {
    state.q = box.value;
    writeUrl(engine.meta);
    run(!/\s$/.test(box.value));
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    state.q = box.value;
    writeUrl(engine.meta);
    run(false);
  });

  /* Arrow keys: from the box into the results and back. */
  box.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && list.firstElementChild) {
      event.preventDefault();
      list.firstElementChild.querySelector("a").focus();
    }
  });
  list.addEventListener("keydown", function (event) {
    var current = event.target.closest("li");
    if (!current || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) { return; }
    event.preventDefault();
    var next = event.key === "ArrowDown" ? current.nextElementSibling : current.previousElementSibling;
    if (next) { next.querySelector("a").focus(); } else if (event.key === "ArrowUp") { box.focus(); }
  });

  engine.ready().then(function (meta) {
    readUrl(meta);
    box.value = state.q;
    run(false);
  }, function () {
    status.textContent = "De zoekindex kon niet worden geladen.";
  });
}());
