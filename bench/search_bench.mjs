// Search benchmark over a built site: what the first query downloads (gzip) and how long the
// client's search takes, using the theme's own search.js engine on the files in SITE/search/.
// For each query a fresh engine does what /practices/ does: manifest, facets, the terms shards
// the query needs, ranking, filtering with facet counts, sorting and the documents of the first
// 10 results (the page shows 10, then 10 more on request). "typed" replays the query keystroke by keystroke (no debounce), the worst case.
// Usage: node search_bench.mjs SITE_DIR

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const lib = require('../themes/default/static/js/search.js');
const site = process.argv[2];
const QUERIES = ['наставничества', 'отчет', 'внутришкольная система оценки качества', 'родителей', 'ВПР',
  'молодых педагогов', 'программа перехода', 'тьютор', 'кадровый резерв', 'сетевая пара руководителей',
  // one-letter and two-letter typos (read as the nearest words of the index)
  'наставнечество', 'радительский', 'внутришкольнае', 'низкомативированых'];

const files = new Map();  // name → {text, gzip}
function file(url) {
  const name = url.split('?')[0];
  if (!files.has(name)) {
    const bytes = readFileSync(join(site, name));
    files.set(name, { text: bytes.toString('utf8'), gzip: gzipSync(bytes).length });
  }
  return files.get(name);
}

/** An engine that reads from memory and counts what it downloads and the time spent parsing. */
function engine() {
  const stats = { files: 0, gzip: 0, parse: 0 };
  const e = new lib.Engine('/search/', async (url) => {
    const f = file(url);
    stats.files++;
    stats.gzip += f.gzip;
    const t = performance.now();
    const json = JSON.parse(f.text);
    stats.parse += performance.now() - t;
    return json;
  });
  return { e, stats };
}

/** What the page does for one query; returns the milliseconds spent. */
async function run(e, query) {
  const t = performance.now();
  const facets = await e.facets();
  const r = await e.search(query);
  const f = e.filter(r.match, facets, {});
  const docs = await e.order(r.match, f.mask, 'relevance');
  await e.docs(Array.from(docs.subarray(0, 10)));
  return { ms: performance.now() - t, hits: docs.length };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

for (const q of QUERIES) file('/search/manifest.json');  // warm the file cache, not the engine
const manifest = JSON.parse(file('/search/manifest.json').text);
console.log(`index: ${manifest.count} practices, ${manifest.terms.length} terms shards, ${manifest.doc_shards} document shards`);
const rows = [];
for (const q of QUERIES) {
  const cold = engine();
  const first = await run(cold.e, q);
  const warm = [];
  for (let i = 0; i < 5; i++) warm.push((await run(cold.e, q)).ms);
  const typed = engine();
  for (let n = 1; n <= q.length; n++) await run(typed.e, q.slice(0, n));
  rows.push({ q, hits: first.hits, files: cold.stats.files, kb: cold.stats.gzip / 1024, coldMs: first.ms,
    parseMs: cold.stats.parse, warmMs: median(warm), typedKb: typed.stats.gzip / 1024 });
}
console.log('query | hits | files | first query KB gzip | cold ms (of which JSON.parse) | warm ms | typed letter by letter KB gzip');
for (const r of rows)
  console.log(`${r.q} | ${r.hits} | ${r.files} | ${r.kb.toFixed(1)} | ${r.coldMs.toFixed(1)} (${r.parseMs.toFixed(1)}) | ${r.warmMs.toFixed(2)} | ${r.typedKb.toFixed(1)}`);
const max = (k) => Math.max(...rows.map((r) => r[k]));
console.log(`max first-query download: ${max('kb').toFixed(1)} KB gzip; max typed: ${max('typedKb').toFixed(1)} KB gzip`);
console.log(`max cold query: ${max('coldMs').toFixed(1)} ms; max warm query: ${max('warmMs').toFixed(2)} ms`);
console.log(`search.js: ${(file('/js/search.js').gzip / 1024).toFixed(1)} KB gzip (loaded with the page, not counted above)`);
