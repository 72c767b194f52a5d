/* Brugwijzer: small progressive enhancements; every page works without them. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("kopiëren lukte niet")); }
    });
  }

  function setUpCopyButtons() {
    document.querySelectorAll("button.bw-copy[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) { return; }
      button.hidden = false;
      var label = button.textContent;
      button.addEventListener("click", function () {
        var text = source.innerText.replace(/\s+/g, " ").trim();
        copyText(text).then(function () {
          button.textContent = "Gekopieerd";
          button.setAttribute("data-copied", text);
        }, function () {
          button.textContent = "Kopiëren lukte niet; selecteer de tekst zelf";
        });
        window.setTimeout(function () { button.textContent = label; }, 4000);
      });
    });
  }

  var MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                "november", "december"];

  function dutchDate(day) { return day.getDate() + " " + MONTHS[day.getMonth()] + " " + day.getFullYear(); }

  function isoDate(day) {
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return day.getFullYear() + "-" + two(day.getMonth() + 1) + "-" + two(day.getDate());
  }

  function pageAddress() {
    /* where the reader found this page, when it is served from a web address (not from disk) */
    return /^https?:$/.test(location.protocol) ? location.href.split("#")[0].split("?")[0] : "";
  }

  function setUpCitations() {
    /* APA: 'Geraadpleegd op <today>'; without a configured public address, the address the page was read at */
    document.querySelectorAll(".bw-cite-date").forEach(function (span) { span.textContent = dutchDate(new Date()); });
    document.querySelectorAll(".bw-cite-url[data-configured='nee']").forEach(function (span) {
      var here = pageAddress();
      if (!here) { return; }
      span.textContent = here;
      var note = span.closest(".bw-cite") && span.closest(".bw-cite").querySelector(".bw-cite-note");
      if (note) { note.hidden = true; }
    });
  }

  function setUpPrintButtons() {
    document.querySelectorAll("button.bw-print").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  /* ---- data: entries.json, or entries.js when the site is opened from disk ---- */

  var dataPromise = null;

  function loadData(src) {
    if (dataPromise) { return dataPromise; }
    dataPromise = new Promise(function (resolve, reject) {
      function fromScript() {
        if (window.BRUGWIJZER_DATA) { resolve(window.BRUGWIJZER_DATA); return; }
        var script = document.createElement("script");
        script.src = src.replace(/\.json$/, ".js");
        script.onload = function () { resolve(window.BRUGWIJZER_DATA); };
        script.onerror = function () { reject(new Error("gegevens niet gevonden")); };
        document.head.appendChild(script);
      }
      if (location.protocol === "file:" || !window.fetch) { fromScript(); return; }
      fetch(src).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      }).then(resolve, fromScript);
    });
    return dataPromise;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; } else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  function siteRoot() {
    var holder = document.querySelector("[data-site-root]");
    return holder ? holder.getAttribute("data-site-root") : "";
  }

  /* ---- course basket (cursusmap), kept in the browser's local storage ---- */

  var BASKET_KEY = "brugwijzer.cursusmap";

  function readBasket() {
    try {
      var value = JSON.parse(window.localStorage.getItem(BASKET_KEY) || "[]");
      return Array.isArray(value) ? value.filter(function (id) { return typeof id === "string"; }) : [];
    } catch (e) { return []; }
  }

  function writeBasket(ids) {
    try { window.localStorage.setItem(BASKET_KEY, JSON.stringify(ids)); } catch (e) { /* storage disabled */ }
  }

  function setUpBasketButtons() {
    document.querySelectorAll("button.bw-basket-add[data-entry]").forEach(function (button) {
      var id = button.getAttribute("data-entry");
      function show() {
        var inBasket = readBasket().indexOf(id) >= 0;
        button.setAttribute("aria-pressed", inBasket ? "true" : "false");
        button.textContent = inBasket ? "In cursusmap (klik om te verwijderen)" : "Voeg toe aan cursusmap";
      }
      button.hidden = false;
      show();
      button.addEventListener("click", function () {
        var ids = readBasket();
        var at = ids.indexOf(id);
        if (at >= 0) { ids.splice(at, 1); } else { ids.push(id); }
        writeBasket(ids);
        show();
      });
    });
  }

  function plain(text) {
    return String(text).replace(/\*\*([^*]+)\*\*/g, "$1").replace(/\*([^*]+)\*/g, "$1");
  }

  /* The prose of each kind (field, heading, and the parts of a list item) comes from entries.json: the
     kinds registry in brugwijzer/kinds.py is its only definition. */
  function itemText(item, section) {
    if (typeof item !== "object" || item === null) { return String(item); }
    return section.parts.map(function (name) { return item[name]; })
      .filter(function (value) { return value; }).join(": ");
  }

  function entryText(entry, data) {
    var kind = (data.kinds || []).filter(function (k) { return k.id === entry.kind; })[0];
    var parts = [];
    (kind ? kind.prose : []).forEach(function (section) {
      var value = entry[section.field];
      if (!value || (Array.isArray(value) && !value.length)) { return; }
      parts.push({ heading: section.heading, value: Array.isArray(value)
        ? value.map(function (item) { return itemText(item, section); }) : value });
    });
    return parts;
  }

  function basketMarkdown(entries, data) {
    var lines = ["# Mijn cursusmap", ""];
    entries.forEach(function (entry, index) {
      lines.push("## " + (index + 1) + ". " + entry.title, "", "*" + entry.kind_label + "*", "", entry.summary, "");
      entryText(entry, data).forEach(function (part) {
        if (part.heading) { lines.push("### " + part.heading, ""); }
        if (Array.isArray(part.value)) {
          part.value.forEach(function (item) { lines.push("- " + item); });
        } else {
          lines.push(part.value);
        }
        lines.push("");
      });
      lines.push("Bronnen: " + entry.sources.map(function (s) { return s.title + ", § " + s.section; }).join("; "), "");
    });
    return lines.join("\n");
  }

  function basketDocx(entries, data, holder) {
    /* absolute links: the configured public address, else the address the site is read at (not from disk) */
    var base = holder.getAttribute("data-site-url") || "";
    var here = pageAddress();
    var items = entries.map(function (entry) {
      var url = base ? base + entry.url : (here ? new URL(siteRoot() + entry.url, here).href : "");
      return { entry: entry, parts: entryText(entry, data), url: url };
    });
    var today = new Date();
    return window.BrugwijzerDocx.build(items, { title: "Mijn cursusmap", date: dutchDate(today), isoDate: isoDate(today) });
  }

  function renderBasket(holder, data) {
    var byId = {};
    data.entries.forEach(function (entry) { byId[entry.id] = entry; });
    var ids = readBasket().filter(function (id) { return byId[id]; });
    var root = siteRoot();
    holder.innerHTML = "";
    var status = el("p", { role: "status", "aria-live": "polite", "class": "bw-basket-status bw-no-print" });
    holder.appendChild(status);
    if (!ids.length) {
      status.textContent = "Uw cursusmap is leeg. Gebruik de knop 'Voeg toe aan cursusmap' op een pagina.";
      return;
    }
    status.textContent = ids.length === 1 ? "1 item in uw cursusmap." : ids.length + " items in uw cursusmap.";
    var list = el("ol", { "class": "bw-basket-list" });
    ids.forEach(function (id, index) {
      var entry = byId[id];
      function move(delta) {
        var next = readBasket().filter(function (x) { return byId[x]; });
        var at = next.indexOf(id);
        var to = at + delta;
        if (to < 0 || to >= next.length) { return; }
        next.splice(at, 1);
        next.splice(to, 0, id);
        writeBasket(next);
        renderBasket(holder, data);
        var again = holder.querySelector('[data-entry="' + id + '"] button[data-move="' + delta + '"]');
        if (again && !again.disabled) { again.focus(); }
      }
      var up = el("button", { type: "button", "class": "md-button", "data-move": "-1",
                              "aria-label": "Omhoog: zet '" + entry.title + "' hoger", text: "Omhoog" });
      var down = el("button", { type: "button", "class": "md-button", "data-move": "1",
                                "aria-label": "Omlaag: zet '" + entry.title + "' lager", text: "Omlaag" });
      var remove = el("button", { type: "button", "class": "md-button",
                                  "aria-label": "Verwijder '" + entry.title + "'", text: "Verwijder" });
      up.disabled = index === 0;
      down.disabled = index === ids.length - 1;
      up.addEventListener("click", function () { move(-1); });
      down.addEventListener("click", function () { move(1); });
      remove.addEventListener("click", function () {
        writeBasket(readBasket().filter(function (x) { return x !== id; }));
        renderBasket(holder, data);
      });
      list.appendChild(el("li", { "data-entry": id }, [
        el("a", { href: root + entry.url, text: entry.title }),
        el("span", { text: " (" + entry.kind_label.toLowerCase() + ") " }),
        el("span", { "class": "bw-basket-controls bw-no-print" }, [up, down, remove])
      ]));
    });
    holder.appendChild(list);
    var printButton = el("button", { type: "button", "class": "md-button md-button--primary bw-no-print", text: "Afdrukken" });
    printButton.addEventListener("click", function () { window.print(); });
    var download = el("button", { type: "button", "class": "md-button bw-no-print", text: "Download als Markdown" });
    download.addEventListener("click", function () {
      var text = basketMarkdown(ids.map(function (x) { return byId[x]; }), data);
      var link = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/markdown" })), download: "cursusmap.md" });
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
    });
    var clear = el("button", { type: "button", "class": "md-button bw-no-print", text: "Cursusmap leegmaken" });
    clear.addEventListener("click", function () { writeBasket([]); renderBasket(holder, data); });
    var word = null;
    if (window.BrugwijzerDocx) {
      word = el("button", { type: "button", "class": "md-button bw-no-print bw-basket-docx", text: "Download als Word-document" });
      word.addEventListener("click", function () {
        var bytes = basketDocx(ids.map(function (x) { return byId[x]; }), data, holder);
        var type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        var link = el("a", { href: URL.createObjectURL(new Blob([bytes], { type: type })), download: "cursusmap.docx" });
        document.body.appendChild(link);
        link.click();
        document.body.removeChild(link);
      });
    }
    holder.appendChild(el("p", { "class": "bw-basket-actions bw-no-print" }, [printButton, word, download, clear]));
    var full = el("div", { "class": "bw-basket-full" }, [el("h2", { text: "Volledige tekst" })]);
    ids.forEach(function (id, index) {
      var entry = byId[id];
      full.appendChild(el("h3", { text: (index + 1) + ". " + entry.title }));
      full.appendChild(el("p", { text: plain(entry.summary) }));
      entryText(entry, data).forEach(function (part) {
        if (part.heading) { full.appendChild(el("h4", { text: part.heading })); }
        if (Array.isArray(part.value)) {
          full.appendChild(el("ul", {}, part.value.map(function (item) { return el("li", { text: plain(item) }); })));
        } else {
          String(part.value).split(/\n\s*\n/).forEach(function (para) { full.appendChild(el("p", { text: plain(para) })); });
        }
      });
    });
    holder.appendChild(full);
  }

  function setUpBasketPage() {
    var holder = document.getElementById("bw-basket");
    if (!holder) { return; }
    loadData(holder.getAttribute("data-src")).then(function (data) { renderBasket(holder, data); }, function () {
      holder.textContent = "De gegevens van Brugwijzer konden niet worden geladen.";
    });
  }

  /* A table wider than the page scrolls sideways; make that region reachable and named for the keyboard. */
  function setUpScrollRegions() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Tabel, schuif opzij voor meer kolommen");
      }
    });
  }

  /* '/' or 's' puts the cursor in the search box of the header (as Material's search did), unless the reader types. */
  function setUpSearchShortcut() {
    var box = document.getElementById("bw-kopzoek-vraag");
    if (!box || document.documentElement.hasAttribute("data-bw-shortcut")) { return; }
    document.documentElement.setAttribute("data-bw-shortcut", "");
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
      if (typing || event.ctrlKey || event.metaKey || event.altKey || (event.key !== "/" && event.key !== "s")) { return; }
      event.preventDefault();
      (document.getElementById("bw-zoekvraag") || box).focus();
    });
  }

  function setUp() {
    setUpSearchShortcut();
    setUpScrollRegions();
    setUpCitations();
    setUpCopyButtons();
    setUpPrintButtons();
    setUpBasketButtons();
    setUpBasketPage();
  }

  window.Brugwijzer = window.Brugwijzer || {};
  window.Brugwijzer.copyText = copyText;

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
