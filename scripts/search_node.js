#!/usr/bin/env node
/* Run the site's search engine (brugwijzer/assets/zoeken/engine.js) in Node over a built index, for measuring.
   Usage: node scripts/search_node.js INDEX_DIR < queries.json  (a JSON list of strings)
   Prints a JSON list with, per query, the ids of the ten best entries. Used by scripts/search_eval --node. */
"use strict";
const fs = require("fs");
const path = require("path");
const { Engine } = require(path.join(__dirname, "..", "brugwijzer", "assets", "zoeken", "engine.js"));

const dir = process.argv[2];
const limit = Number(process.argv[3] || 10);
const typing = process.argv[4] === "typing";
function load(key) {
  const text = fs.readFileSync(path.join(dir, key + ".js"), "utf8").trim();
  const start = text.indexOf(",") + 1;
  return Promise.resolve(JSON.parse(text.slice(start, -2)));
}
const queries = JSON.parse(fs.readFileSync(0, "utf8"));
const engine = new Engine(load);
(async () => {
  const out = [];
  for (const query of queries) {
    const result = await engine.search(query, { typing: typing });
    const records = await engine.records(result.ranked.slice(0, limit));
    out.push(records.map((r) => r.id));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((error) => { console.error(error); process.exit(1); });
