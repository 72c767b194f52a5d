/* Brugwijzer's search engine: reads the index that brugwijzer/siteindex.py prebuilt with the CLI's analysis.
   No DOM here: the same file runs in the browser (search page) and in Node (scripts/search_eval --engine node).
   A shard is loaded through the `load(key)` function given to the engine (a <script> tag in the browser, so the
   same code works from file:// and from a web server); the engine only looks words up and adds numbers. */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = factory(); } else { root.BrugwijzerEngine = factory(); }
}(this, function () {
  "use strict";

  var WORD = /[\p{L}\p{N}_]+(?:[-/][\p{L}\p{N}_]+)*/gu;
  var MEASURE_MENTION = /(^|[^\p{L}\p{N}_])maatregel(?:en)?\s+(\d{1,2})(?![\p{L}\p{N}_])/gu;
  var PAGE = 10;
  var PREFIX_WEIGHT = 0.5;  // forms that only start with the word the reader is still typing ...
  var PREFIX_FORMS = 8;  // ... at most this many of them (shortest first) ...
  var PREFIX_MIN = 3;  // ... once it has this many letters ...
  var PREFIX_NEW_SHARDS = 1;  // ... and from at most this many posting shards not loaded yet (typing stays light)
  var TYPO_WEIGHT = 0.8;  // the nearest known form of a word the index does not know
  // Feedback words weigh count x idf in a record's title and summary; the CLI gives them about 0.1 x (3 + 1.5 + 1)
  // x idf. They reorder the hits after the first, each by at most a tenth of the first hit's score.
  var FEEDBACK_SCALE = 5;
  var FEEDBACK_CAP = 0.1;

  function fold(text) {
    return String(text).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function words(text) { return String(text).match(WORD) || []; }

  function termHash(term) {
    var value = 2166136261;
    for (var i = 0; i < term.length; i++) {
      var code = term.codePointAt(i);
      if (code > 0xffff) { i++; }
      value = Math.imul(value ^ code, 16777619) >>> 0;
    }
    return value;
  }

  function formShard(form) {
    var key = "";
    var chars = Array.from(form).slice(0, 2);
    chars.forEach(function (c) { key += /^[a-z0-9]$/.test(c) ? c : "_"; });
    return key.length === 2 ? key : key + "_";
  }

  /* Edit distance with a cut-off: enough for 'Bedoelde u ...?'. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) { return max + 1; }
    var previous = [];
    var current;
    for (var j = 0; j <= b.length; j++) { previous[j] = j; }
    for (var i = 1; i <= a.length; i++) {
      current = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          current[j] = Math.min(current[j], previous2[j - 2] + 1);
        }
        best = Math.min(best, current[j]);
      }
      if (best > max) { return max + 1; }
      var previous2 = previous;
      previous = current;
    }
    return previous[b.length];
  }


  /* ---- the CLI's analyzer (brugwijzer.index.dutch_analyzer) for a word the form table does not know: a line-by-line
     port of Whoosh's Snowball Dutch stemmer with the same filters around it. tests/test_siteindex.py checks that it
     gives what the table gives for every word form of the knowledge base. ---- */

  var VOWELS = "aeiouy\u00e8";
  function isVowel(c) { return c !== "" && VOWELS.indexOf(c) >= 0; }
  function charFromEnd(word, n) { return word.length - n >= 0 ? word.charAt(word.length - n) : ""; }
  function endsDouble(word) { return /(kk|dd|tt)$/.test(word); }

  function snowballDutch(input) {
    var word = input.toLowerCase().replace(/[\u00e4\u00e1]/g, "a").replace(/[\u00eb\u00e9]/g, "e")
      .replace(/[\u00ed\u00ef]/g, "i").replace(/[\u00f6\u00f3]/g, "o").replace(/[\u00fc\u00fa]/g, "u");
    var step2 = false;
    var i;
    if (word.charAt(0) === "y") { word = "Y" + word.slice(1); }
    for (i = 1; i < word.length; i++) {
      if (isVowel(word.charAt(i - 1)) && word.charAt(i) === "y") { word = word.slice(0, i) + "Y" + word.slice(i + 1); }
    }
    for (i = 1; i < word.length - 1; i++) {
      if (isVowel(word.charAt(i - 1)) && word.charAt(i) === "i" && isVowel(word.charAt(i + 1))) {
        word = word.slice(0, i) + "I" + word.slice(i + 1);
      }
    }
    var r1 = "";
    var r2 = "";
    for (i = 1; i < word.length; i++) {
      if (!isVowel(word.charAt(i)) && isVowel(word.charAt(i - 1))) { r1 = word.slice(i + 1); break; }
    }
    for (i = 1; i < r1.length; i++) {
      if (!isVowel(r1.charAt(i)) && isVowel(r1.charAt(i - 1))) { r2 = r1.slice(i + 1); break; }
    }
    for (i = 1; i < word.length; i++) {
      if (!isVowel(word.charAt(i)) && isVowel(word.charAt(i - 1))) {
        if (i + 1 < 3) { r1 = word.slice(3); }
        break;
      }
    }
    function cut(n) { word = word.slice(0, word.length - n); r1 = r1.slice(0, Math.max(0, r1.length - n)); r2 = r2.slice(0, Math.max(0, r2.length - n)); }
    var step1 = ["heden", "ene", "en", "se", "s"];
    for (i = 0; i < step1.length; i++) {
      var suffix = step1[i];
      if (!endsWith(r1, suffix)) { continue; }
      var n = suffix.length;
      if (suffix === "heden") {
        word = word.slice(0, -5) + "heid";
        r1 = r1.slice(0, -5) + "heid";
        if (endsWith(r2, "heden")) { r2 = r2.slice(0, -5) + "heid"; }
      } else if ((suffix === "ene" || suffix === "en") && !endsWith(word, "heden") && !isVowel(charFromEnd(word, n + 1))
                 && word.slice(Math.max(0, word.length - n - 3), word.length - n) !== "gem") {
        cut(n);
        if (endsDouble(word)) { cut(1); }
      } else if ((suffix === "se" || suffix === "s") && !isVowel(charFromEnd(word, n + 1)) && charFromEnd(word, n + 1) !== "j") {
        cut(n);
      }
      break;
    }
    if (endsWith(r1, "e") && !isVowel(charFromEnd(word, 2))) {
      step2 = true;
      cut(1);
      if (endsDouble(word)) { cut(1); }
    }
    if (endsWith(r2, "heid") && charFromEnd(word, 5) !== "c") {
      cut(4);
      if (endsWith(r1, "en") && !isVowel(charFromEnd(word, 3)) && word.slice(Math.max(0, word.length - 5), word.length - 2) !== "gem") {
        cut(2);
        if (endsDouble(word)) { cut(1); }
      }
    }
    var step3b = ["baar", "lijk", "bar", "end", "ing", "ig"];
    for (i = 0; i < step3b.length; i++) {
      var derivational = step3b[i];
      if (!endsWith(r2, derivational)) { continue; }
      if (derivational === "end" || derivational === "ing") {
        word = word.slice(0, -3);
        r2 = r2.slice(0, Math.max(0, r2.length - 3));
        if (endsWith(r2, "ig") && charFromEnd(word, 3) !== "e") {
          word = word.slice(0, -2);
        } else if (endsDouble(word)) {
          word = word.slice(0, -1);
        }
      } else if (derivational === "ig" && charFromEnd(word, 3) !== "e") {
        word = word.slice(0, -2);
      } else if (derivational === "lijk") {
        word = word.slice(0, -4);
        r1 = r1.slice(0, Math.max(0, r1.length - 4));
        if (endsWith(r1, "e") && !isVowel(charFromEnd(word, 2))) {
          word = word.slice(0, -1);
          if (endsDouble(word)) { word = word.slice(0, -1); }
        }
      } else if (derivational === "baar") {
        word = word.slice(0, -4);
      } else if (derivational === "bar" && step2) {
        word = word.slice(0, -3);
      }
      break;
    }
    if (word.length >= 4) {
      var lastChar = word.charAt(word.length - 1);
      if (!isVowel(lastChar) && lastChar !== "I" && /^(aa|ee|oo|uu)$/.test(word.slice(-3, -1)) && !isVowel(charFromEnd(word, 4))) {
        word = word.slice(0, -3) + word.charAt(word.length - 3) + lastChar;
      }
    }
    return word.replace(/I/g, "i").replace(/Y/g, "y");
  }

  function endsWith(text, suffix) { return text.length >= suffix.length && text.slice(text.length - suffix.length) === suffix; }

  function dropVerbT(word) {
    return word.length > 4 && word.charAt(word.length - 1) === "t" && "pkfd".indexOf(word.charAt(word.length - 2)) >= 0
      ? word.slice(0, -1) : word;
  }

  function stemWord(word) { return dropVerbT(snowballDutch(dropVerbT(word))); }

  /* A folded word as dutch_analyzer would index it ([] for a stop word), and as phrase_analyzer would normalise it. */
  function analyseForm(form, stop) {
    var pieces = form.split(/[-/]/).filter(Boolean);
    if (pieces.length > 1) { pieces.push(pieces.join("")); }
    var terms = [];
    pieces.forEach(function (piece) {
      if (piece.length < 2 || stop.has(piece)) { return; }
      var term = stemWord(piece);
      if (terms.indexOf(term) < 0) { terms.push(term); }
    });
    return { terms: terms, phrase: stemWord(form) };
  }

  /* An entry's facet values from siteindex._packed: [kind, [themes], [layers], [measures]]. */
  function unpack(row) {
    var fields = row.split("|").map(function (field) {
      return Array.from(field).map(function (c) { return c.codePointAt(0) - 0x100; });
    });
    return [fields[0][0], fields[1], fields[2], fields[3]];
  }

  function Engine(load) {
    this.load = load;
    this.shards = {};
  }

  Engine.prototype.get = function (key) {
    if (!this.shards[key]) { this.shards[key] = this.load(key); }
    return this.shards[key];
  };

  Engine.prototype.ready = function () {
    var self = this;
    if (!this.metaPromise) {
      this.metaPromise = this.get("meta").then(function (meta) {
        meta.docs = meta.docs ? meta.docs.split(" ").map(unpack) : [];
        self.meta = meta;
        self.stop = new Set(meta.stop_words);
        self.formShards = new Set(meta.form_shards);
        return meta;
      });
    }
    return this.metaPromise;
  };

  Engine.prototype.formTable = function (form) {
    var key = formShard(form);
    if (!this.formShards.has(key)) { return Promise.resolve({}); }
    return this.get("f/" + key);
  };

  Engine.prototype.postings = function (term) {
    return this.get("p/" + (termHash(term) % this.meta.posting_shards)).then(function (shard) {
      return shard[term] || null;
    });
  };

  /* The prefix terms whose postings are loaded already, and those of at most PREFIX_NEW_SHARDS more shards. */
  Engine.prototype.affordable = function (terms) {
    var self = this;
    var fresh = [];
    return terms.filter(function (term) {
      var key = "p/" + (termHash(term) % self.meta.posting_shards);
      if (self.shards[key] || fresh.indexOf(key) >= 0) { return true; }
      if (fresh.length >= PREFIX_NEW_SHARDS) { return false; }
      fresh.push(key);
      return true;
    });
  };

  Engine.prototype.records = function (docs) {
    var size = this.meta.records_per_shard;
    var self = this;
    var shards = Array.from(new Set(docs.map(function (d) { return Math.floor(d / size); })));
    return Promise.all(shards.map(function (s) { return self.get("r/" + s); })).then(function (loaded) {
      var byDoc = {};
      shards.forEach(function (s, n) {
        loaded[n].forEach(function (record, offset) {
          byDoc[s * size + offset] = { doc: s * size + offset, id: record[0], url: record[1], title: record[2],
                                       kind: record[3], summary: record[4], links: record[5],
                                       feedback: record[6] || {} };
        });
      });
      return docs.map(function (d) { return byDoc[d]; });
    });
  };

  /* What each query word means: its index terms and its phrase form for the vocabulary. A word of the knowledge base
     is looked up in the form table; another word is analysed by the same rules (analyseForm), split into known
     words when it is a compound, and corrected to the nearest known word when none of that finds anything. */
  Engine.prototype.analyse = function (text, typing) {
    var self = this;
    var surface = words(text);
    var tokens = [];
    surface.forEach(function (word, position) {
      var folded = fold(word);
      tokens.push({ word: word, form: folded, position: position, whole: true });
      if (/[-/]/.test(folded)) {
        folded.split(/[-/]/).filter(Boolean).forEach(function (part) {
          tokens.push({ word: part, form: part, position: position, whole: false });
        });
      }
    });
    var last = surface.length - 1;
    return Promise.all(tokens.map(function (token) { return self.formTable(token.form); })).then(function (tables) {
      var unknown = [];
      tokens.forEach(function (token, n) {
        var table = tables[n];
        var row = table[token.form];
        token.table = table;
        token.prefixTerms = [];
        if (row) {
          token.phrase = row[0];
          token.terms = row[1];
          token.parts = row[2] || [];
        } else {
          var analysed = analyseForm(token.form, self.stop);
          var unfinished = typing && token.position === last;
          token.phrase = analysed.phrase;
          // a word still being typed that the table does not know is a prefix: its longer forms count, not itself
          token.terms = unfinished ? [] : analysed.terms;
          token.parts = [];
          if (token.whole && analysed.terms.length && !(typing && token.position === last)) { unknown.push(token); }
        }
        if (typing && token.position === last && token.whole && token.form.length >= PREFIX_MIN) {
          token.prefixTerms = self.prefixTerms(token.form, table, token.terms);
        }
      });
      return Promise.all(unknown.map(function (token) { return self.resolveUnknown(token); }));
    }).then(function () { return tokens; });
  };

  Engine.prototype.resolveUnknown = function (token) {
    var self = this;
    return Promise.all(token.terms.map(function (term) { return self.postings(term); })).then(function (found) {
      if (found.some(Boolean)) { return null; }
      return self.decompound(token.form).then(function (parts) {
        if (parts.length) {
          token.parts = parts;
          return null;
        }
        var near = token.form.length > 3 && /\p{L}/u.test(token.form) ? self.nearest(token.form, token.table) : null;
        if (near) {
          token.corrected = near;
          token.phrase = token.table[near][0];
          token.terms = token.table[near][1];
          token.parts = token.table[near][2] || [];
        }
        return null;
      });
    });
  };

  var COMPOUND_MIN = 9;
  var PART_MIN = 4;
  var LINKS = ["", "s", "en", "e"];

  /* The index terms of the known words an unknown compound is made of (brugwijzer.index.decompound). */
  Engine.prototype.decompound = function (word) {
    var self = this;
    if (word.length < COMPOUND_MIN || !/^\p{L}+$/u.test(word)) { return Promise.resolve([]); }
    var stop = this.stop;
    var heads = [];
    for (var cut = PART_MIN; cut <= word.length - PART_MIN; cut++) { heads.push(word.slice(0, cut)); }
    return Promise.all(heads.map(function (head) { return self.formTable(head); })).then(function (headTables) {
      var tails = [];
      heads.forEach(function (head, n) {
        if (!headTables[n][head] || stop.has(head)) { return; }
        var rest = word.slice(head.length);
        LINKS.forEach(function (link) {
          var tail = rest.slice(link.length);
          if (rest.indexOf(link) === 0 && tail.length >= PART_MIN && !stop.has(tail)) { tails.push([head, link, tail]); }
        });
      });
      return Promise.all(tails.map(function (t) { return self.formTable(t[2]); })).then(function (tailTables) {
        var terms = [];
        var done = {};
        tails.forEach(function (t, n) {
          if (done[t[0]] || !tailTables[n][t[2]]) { return; }
          done[t[0]] = true;  // the shortest link that gives a word
          headTables[heads.indexOf(t[0])][t[0]][1].concat(tailTables[n][t[2]][1]).forEach(function (term) {
            if (terms.indexOf(term) < 0) { terms.push(term); }
          });
        });
        return terms;
      });
    });
  };

  Engine.prototype.nearest = function (form, table) {
    var max = form.length >= 7 ? 2 : 1;
    var best = null;
    var bestDistance = max + 1;
    Object.keys(table).forEach(function (candidate) {
      if (!table[candidate][1].length) { return; }
      var d = distance(form, candidate, max);
      if (d < bestDistance || (d === bestDistance && best !== null && candidate < best)) {
        best = candidate;
        bestDistance = d;
      }
    });
    return bestDistance <= max ? best : null;
  };

  Engine.prototype.prefixTerms = function (form, table, own) {
    var found = Object.keys(table).filter(function (candidate) {
      return candidate !== form && candidate.indexOf(form) === 0;
    }).sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); }).slice(0, PREFIX_FORMS);
    var terms = [];
    found.forEach(function (candidate) {
      table[candidate][1].forEach(function (term) {
        // 'tbs-gestelden' also gives 'gesteld': only terms that grow from what was typed count
        var grows = term.indexOf(form) === 0 || form.indexOf(term) === 0;
        if (grows && own.indexOf(term) < 0 && terms.indexOf(term) < 0) { terms.push(term); }
      });
    });
    return terms;
  };

  /* The vocabulary's phrases in the query (longest first): themes, abbreviation expansions and layers. */
  Engine.prototype.phrases = function (tokens) {
    var phrases = this.meta.phrases;
    var stop = this.stop;
    var found = [];
    var sequences = [tokens.filter(function (t) { return t.whole; })];
    var parts = tokens.filter(function (t) { return !t.whole || !/[-/]/.test(t.form); });
    if (parts.length !== sequences[0].length) { sequences.push(parts); }
    sequences.forEach(function (sequence) {
      [4, 3, 2, 1].forEach(function (size) {
        for (var start = 0; start + size <= sequence.length; start++) {
          var first = sequence[start];
          if (size === 1 && stop.has(first.form) && !(first.word.length > 1 && first.word === first.word.toUpperCase())) {
            continue;
          }
          var key = sequence.slice(start, start + size).map(function (t) { return t.phrase; }).join(" ");
          if (Object.prototype.hasOwnProperty.call(phrases, key)) { found.push(phrases[key]); }
        }
      });
    });
    return found;
  };

  function measureMentions(meta, text) {
    var found = [];
    var rest = fold(text).replace(MEASURE_MENTION, function (all, before, number) {
      var index = meta.measures.findIndex(function (m) { return Number(m[1]) === Number(number); });
      if (index >= 0) { found.push(index); }
      return before + " ";
    });
    return { measures: found, rest: found.length ? rest : text };
  }

  function facetValues(doc, facet) {
    return facet === "kind" ? [doc[0]] : facet === "theme" ? doc[1] : facet === "layer" ? doc[2] : doc[3];
  }

  var FACETS = ["kind", "theme", "layer", "measure"];

  function passes(doc, filters, skip) {
    return FACETS.every(function (facet) {
      var chosen = filters[facet];
      if (facet === skip || !chosen || !chosen.length) { return true; }
      var values = facetValues(doc, facet);
      return chosen.some(function (v) { return values.indexOf(v) >= 0; });
    });
  }

  function addScores(scores, flat, weight, scale) {
    var doc = 0;
    for (var i = 0; i < flat.length; i += 2) {
      doc += flat[i];
      scores[doc] = (scores[doc] || 0) + weight * flat[i + 1] / scale;
    }
  }

  /* Search. text: what the reader typed; options.typing: the last word may still grow (prefix matching);
     options.stale: a function that says the result is no longer wanted (null then); options.pause: see score;
     options.filters: {kind: [indexes], theme: [...], layer: [...], measure: [...]}.
     Resolves to {ranked: [doc numbers, best first], facets, themes, layers, suggestion, highlight}. */
  Engine.prototype.search = function (text, options) {
    var self = this;
    options = options || {};
    return this.ready().then(function (meta) {
      var filters = options.filters || {};
      var mention = measureMentions(meta, text);
      if (!words(mention.rest).length && !mention.measures.length) { return self.browse(filters); }
      var stale = options.stale || function () { return false; };
      var pause = options.pause || function () { return Promise.resolve(); };
      return self.analyse(mention.rest, options.typing).then(function (tokens) {
        return stale() ? null : self.score(tokens, mention.measures, filters, stale, pause);
      });
    });
  };

  Engine.prototype.browse = function (filters) {
    var docs = this.meta.docs;
    var ranked = [];
    for (var d = 0; d < docs.length; d++) { if (passes(docs[d], filters, null)) { ranked.push(d); } }
    return Promise.resolve({ ranked: ranked, facets: this.facetCounts(null, filters), themes: [], layers: [],
                             suggestion: null, highlight: [] });
  };

  /* stale(): true once the reader has typed on; then nothing more is loaded for this search (it resolves to null).
     pause(): a promise that the records of the hits wait for (the page lets a reader who is typing type on first). */
  Engine.prototype.score = function (tokens, measures, filters, stale, pause) {
    var self = this;
    var meta = this.meta;
    var tune = meta.tuning;
    var scale = meta.score_scale;
    var weights = {};  // term -> weight in the query
    function want(term, weight) { weights[term] = Math.max(weights[term] || 0, weight); }
    var queryTerms = [];
    tokens.forEach(function (token) {
      if (!token.whole && /[-/]/.test(token.word)) { return; }
      var weight = token.corrected ? TYPO_WEIGHT : 1;
      if (token.whole) {
        token.terms.forEach(function (term) { want(term, weight); queryTerms.push(term); });
        token.parts.forEach(function (term) { want(term, tune.PARTS_BOOST); });
        self.affordable(token.prefixTerms).forEach(function (term) { want(term, PREFIX_WEIGHT); });
      }
    });
    var themeWeights = {};
    var layers = [];
    this.phrases(tokens).forEach(function (row) {
      row[0].forEach(function (theme) { themeWeights[theme] = (themeWeights[theme] || 0) + 1 / row[0].length; });
      row[1].forEach(function (term) { want(term, tune.ABBREVIATION_BOOST); });
      row[2].forEach(function (layer) { if (layers.indexOf(layer) < 0) { layers.push(layer); } });
    });
    var kinds = [];
    queryTerms.forEach(function (term) {
      if (Object.prototype.hasOwnProperty.call(meta.kind_words, term) && kinds.indexOf(meta.kind_words[term]) < 0) {
        kinds.push(meta.kind_words[term]);
      }
    });
    if (measures.length && kinds.indexOf(meta.kind_words.maatregel) < 0) { kinds.push(meta.kind_words.maatregel); }
    var terms = Object.keys(weights);
    var themes = Object.keys(themeWeights).map(Number);
    return Promise.all([
      Promise.all(terms.map(function (term) { return self.postings(term); })),
      Promise.all(themes.map(function (theme) { return self.get("t/" + meta.themes[theme][0]); }))
    ]).then(function (loaded) {
      var scores = {};
      var highlight = {};
      terms.forEach(function (term, n) {
        var posting = loaded[0][n];
        if (!posting) { return; }
        addScores(scores, posting[1], weights[term], scale);
        posting[0].split(" ").forEach(function (form) { if (form) { highlight[form] = true; } });
      });
      themes.forEach(function (theme, n) {
        var weight = themeWeights[theme];
        if (tune.SYNONYM_BOOST) { addScores(scores, loaded[1][n], tune.SYNONYM_BOOST * weight, scale); }
      });
      var docs = meta.docs;
      if (themes.length || measures.length) {
        for (var d = 0; d < docs.length; d++) {
          var extra = 0;
          themes.forEach(function (theme) {
            var at = docs[d][1].indexOf(theme);
            if (at >= 0) { extra += tune.THEME_MATCH_BOOST * themeWeights[theme]; }
            if (at === 0) { extra += tune.THEME_RANK_BOOST * themeWeights[theme]; }
          });
          measures.forEach(function (m) { if (docs[d][3].indexOf(m) >= 0) { extra += tune.MEASURE_BOOST; } });
          if (extra) { scores[d] = (scores[d] || 0) + extra; }
        }
      }
      var hits = Object.keys(scores).map(Number);
      if (kinds.length) {
        hits.forEach(function (d) { if (kinds.indexOf(docs[d][0]) >= 0) { scores[d] += tune.KIND_BOOST; } });
      }
      var matching = hits.filter(function (d) { return passes(docs[d], filters, null); });
      var order = function (a, b) { return scores[b] - scores[a] || a - b; };
      matching.sort(order);
      var pool = matching.slice(0, tune.RERANK_POOL);
      if (kinds.length) {
        pool.forEach(function (d) { if (kinds.indexOf(docs[d][0]) >= 0) { scores[d] *= tune.KIND_FACTOR; } });
        pool.sort(order);
      }
      // the records of the first page are needed anyway: one round of loading for the links and the page
      return pause().then(function () {
        return stale() ? null : self.records(pool.slice(0, Math.max(PAGE, tune.LINK_DEPTH)));
      }).then(function (shown) {
        if (!shown) { return null; }
        feedback(shown, queryTerms, scores, tune);
        shown.sort(function (a, b) { return order(a.doc, b.doc); });
        var best = tune.LINK_SHARE ? shown.slice(0, tune.LINK_DEPTH) : [];
        var bonus = {};
        best.forEach(function (record, rank) {
          record.links.forEach(function (target) {
            bonus[target] = (bonus[target] || 0) + tune.LINK_SHARE * scores[record.doc] / (rank + 1);
          });
        });
        pool.forEach(function (d) { if (bonus[d]) { scores[d] += bonus[d]; } });
        pool.sort(order);
        var ranked = pool.concat(matching.slice(tune.RERANK_POOL));
        var corrected = tokens.filter(function (t) { return t.corrected; });
        var suggestion = corrected.length ? tokens.filter(function (t) { return t.whole; }).map(function (t) {
          return t.corrected || t.word;
        }).join(" ") : null;
        return {
          ranked: ranked,
          scores: scores,
          facets: self.facetCounts(hits, filters),
          themes: themes.sort(function (a, b) { return themeWeights[b] - themeWeights[a] || a - b; }),
          layers: layers,
          suggestion: suggestion,
          highlight: Object.keys(highlight)
        };
      });
    });
  };

  /* Pseudo-relevance feedback, as brugwijzer.search does it, within the first page: the words that stand out in
     the titles and summaries of the best hits count a little for the other hits that have them too. */
  function feedback(shown, asked, scores, tune) {
    if (!tune.FEEDBACK_BOOST || !shown.length) { return; }
    var weights = {};
    shown.slice(0, tune.FEEDBACK_DOCS).forEach(function (record) {
      Object.keys(record.feedback).forEach(function (term) {
        if (asked.indexOf(term) < 0) { weights[term] = (weights[term] || 0) + record.feedback[term]; }
      });
    });
    var terms = Object.keys(weights).sort(function (a, b) { return weights[b] - weights[a] || (a < b ? -1 : 1); })
      .slice(0, tune.FEEDBACK_TERMS);
    var cap = FEEDBACK_CAP * scores[shown[0].doc];
    shown.slice(1).forEach(function (record) {  // the first hit, the best match for the words themselves, gets none
      var extra = 0;
      terms.forEach(function (term) {
        if (record.feedback[term]) { extra += tune.FEEDBACK_BOOST * FEEDBACK_SCALE * record.feedback[term] / 10; }
      });
      scores[record.doc] += Math.min(extra, cap);
    });
  }

  /* Per facet value: how many hits remain when it is chosen (the other facets' choices applied). */
  Engine.prototype.facetCounts = function (hits, filters) {
    var docs = this.meta.docs;
    var all = hits || docs.map(function (_, d) { return d; });
    var counts = {};
    FACETS.forEach(function (facet) {
      var tally = {};
      all.forEach(function (d) {
        if (!passes(docs[d], filters, facet)) { return; }
        facetValues(docs[d], facet).forEach(function (v) { tally[v] = (tally[v] || 0) + 1; });
      });
      counts[facet] = tally;
    });
    return counts;
  };

  return { Engine: Engine, analyseForm: analyseForm, fold: fold, words: words, termHash: termHash, formShard: formShard, PAGE: PAGE,
           FACETS: FACETS };
}));
