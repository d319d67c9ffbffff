// nastavnik's search index beside Pagefind's on one built site, in Debian's Chromium (served on
// 127.0.0.1). SITE_DIR/search/ is nastavnik's index; SITE_DIR/pagefind/ is Pagefind's over the same
// practice pages (bench/search_compare.sh makes both). For each engine and query, on a fresh page:
//   first query: bytes downloaded (gzip: each response's gzip size, or its size when the file is
//     already compressed, as Pagefind's are) and time, with the CPU throttled 4× (DevTools
//     Emulation.setCPUThrottlingRate); a query is the search plus the data of the first 10
//     results (nastavnik: also the facets the catalogue loads with its first query);
//   warm query: the same query again, everything loaded (median of 9, throttled);
//   typed: the query typed letter by letter into a fresh page, every prefix a search: all bytes.
// Engine code is counted where it is downloaded: Pagefind's JS and WebAssembly on the first query;
// nastavnik's search.js comes with the page and is listed apart.
// Typo queries: three misspelt words (one and two letters, one of them with both ends wrong),
// measured as the queries above, listed apart.
// Recall (not throttled): 200 one-letter typos of words of six letters or more from the
// practices' text, and 200 two-letter typos of words of eight letters or more (bench/typos.mjs:
// a letter replaced, dropped, added or two swapped, seeded; never a word the text has). A typo
// is found when its results hold the first result of the word spelt right; "top 10" when that
// result is among the typo's first 10; "both ends": the two-letter typos whose edits fall in the
// word's first and last thirds.
// Usage: node search_compare.mjs SITE_DIR SOURCE_DIR   (SOURCE_DIR: the site's source, for words)

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { typos } from './typos.mjs';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const { serve } = await import('../tests/browser/lib/server.mjs');

const [siteDir, sourceDir] = process.argv.slice(2);
const QUERIES = ['наставничества', 'отчет', 'внутришкольная система оценки качества', 'родителей', 'ВПР',
  'молодых педагогов', 'программа перехода', 'тьютор', 'кадровый резерв', 'сетевая пара руководителей'];
const TYPED = ['наставничества', 'родителей', 'кадровый резерв'];
const TYPO_QUERIES = ['наставнечество', 'низкомативированых', 'анутришкольнпя'];
const RATE = 4, TYPOS = 200;

/* ---- the browser ---- */

const site = await serve(siteDir);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});

function gzipBytes(body) {
  if (body.length > 2 && body[0] === 0x1f && body[1] === 0x8b) return body.length;
  return gzipSync(body).length;
}

/** A fresh page with the engine's query function installed; counts what it downloads. */
async function open(engine, throttle) {
  const page = await browser.newPage();
  const counter = { bytes: 0, files: 0, on: false }, asked = new Set();
  // Only requests the measured query makes: not the catalogue's own loading of the page.
  page.on('request', (r) => { if (counter.on) asked.add(r); });
  page.on('response', async (r) => {
    if (!asked.has(r.request())) return;
    const url = new URL(r.url()).pathname;
    if (!url.startsWith('/search/') && !url.startsWith('/pagefind/')) return;
    counter.files++;
    const pending = r.body().then((b) => { counter.bytes += gzipBytes(b); }, () => {});
    (counter.pending ||= []).push(pending);
  });
  await page.goto(`${site.url}/practices/page/2/`);  // loads search.js without starting a search
  await page.waitForLoadState('networkidle');
  await page.evaluate((engine) => {
    if (engine === 'nastavnik') {
      const e = new window.NkSearch.Engine('/search/', (url) => fetch(url).then((r) => r.json()));
      window.benchQuery = async (q) => {
        const t = performance.now();
        const facets = await e.facets();
        const r = await e.search(q);
        const f = e.filter(r.match, facets, {});
        const docs = await e.order(r.match, f.mask, 'relevance');
        await e.docs(Array.from(docs.subarray(0, 10)));
        return { ms: performance.now() - t, ids: Array.from(docs.subarray(0, 10000)).map(String), count: docs.length };
      };
    } else {
      window.benchQuery = async (q) => {
        const t = performance.now();
        window.pf ||= await import('/pagefind/pagefind.js');
        const s = await window.pf.search(q);
        await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
        return { ms: performance.now() - t, ids: s.results.map((r) => r.id), count: s.results.length };
      };
    }
  }, engine);
  if (throttle) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  }
  return {
    page,
    async query(q) {
      counter.on = true;
      const r = await page.evaluate((q) => window.benchQuery(q), q);
      await new Promise((ok) => setTimeout(ok, 50));
      await Promise.all(counter.pending || []);
      return r;
    },
    take() { const out = { bytes: counter.bytes, files: counter.files }; counter.bytes = 0; counter.files = 0; return out; },
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const rows = [];
for (const engine of ['nastavnik', 'pagefind']) {
  for (const q of QUERIES.concat(TYPO_QUERIES)) {
    const p = await open(engine, true);
    const first = await p.query(q);
    const firstBytes = p.take();
    const warm = [];
    for (let i = 0; i < 9; i++) warm.push((await p.query(q)).ms);
    await p.page.close();
    let typedBytes = null;
    if (TYPED.includes(q)) {
      const t = await open(engine, true);
      for (let n = 1; n <= q.length; n++) await t.query(q.slice(0, n));
      typedBytes = t.take().bytes;
      await t.page.close();
    }
    process.stderr.write(`${engine}: «${q}» measured\n`);
    rows.push({ engine, q, typo: TYPO_QUERIES.includes(q), hits: first.count, files: firstBytes.files, kb: firstBytes.bytes / 1024,
      firstMs: first.ms, warmMs: median(warm), typedKb: typedBytes === null ? null : typedBytes / 1024 });
  }
}

// Recall on typos, both engines in one unthrottled page each.
const sets = { one: typos(sourceDir, TYPOS, 1), two: typos(sourceDir, TYPOS, 2) };
const recall = {};
for (const engine of ['nastavnik', 'pagefind']) {
  const p = await open(engine, false);
  recall[engine] = {};
  for (const [name, pairs] of Object.entries(sets)) {
    const r = { asked: 0, found: 0, top10: 0, ends: 0, endsFound: 0 };
    for (const [word, typo, where] of pairs) {
      const right = await p.query(word);
      if (!right.ids.length) continue;
      r.asked++;
      const wrong = await p.query(typo);
      const found = wrong.ids.includes(right.ids[0]);
      if (found) r.found++;
      if (wrong.ids.slice(0, 10).includes(right.ids[0])) r.top10++;
      if (where === 'ends') { r.ends++; if (found) r.endsFound++; }
    }
    recall[engine][name] = r;
  }
  p.take();
  await p.page.close();
  process.stderr.write(`${engine}: recall measured\n`);
}
await browser.close();
await site.close();

const searchJs = gzipSync(readFileSync(join(siteDir, 'js', 'search.js'))).length / 1024;
console.log(`Chromium, CPU throttled ${RATE}×; KB are gzip; nastavnik's search.js (${searchJs.toFixed(1)} KB) comes with the page`);
console.log('engine | query | hits | files | first query KB | first query ms | warm ms | typed letter by letter KB');
for (const r of rows)
  console.log(`${r.engine} | ${r.q} | ${r.hits} | ${r.files} | ${r.kb.toFixed(1)} | ${r.firstMs.toFixed(1)} | ${r.warmMs.toFixed(1)} | ${r.typedKb === null ? '' : r.typedKb.toFixed(1)}`);
const pct = (a, b) => (b ? 100 * a / b : 0).toFixed(1);
for (const engine of ['nastavnik', 'pagefind']) {
  const mine = rows.filter((r) => r.engine === engine && !r.typo), typo = rows.filter((r) => r.engine === engine && r.typo);
  const max = (rs, k) => Math.max(...rs.filter((r) => r[k] !== null).map((r) => r[k]));
  console.log(`${engine}: max first query ${max(mine, 'kb').toFixed(1)} KB, max typed ${max(mine, 'typedKb').toFixed(1)} KB; ` +
    `max first query ${max(mine, 'firstMs').toFixed(1)} ms, max warm ${max(mine, 'warmMs').toFixed(1)} ms (median warm ${median(mine.map((r) => r.warmMs)).toFixed(1)} ms); ` +
    `typo queries: max first query ${max(typo, 'kb').toFixed(1)} KB, max warm ${max(typo, 'warmMs').toFixed(1)} ms`);
  for (const [name, r] of Object.entries(recall[engine]))
    console.log(`${engine}: recall on ${r.asked} ${name === 'one' ? 'one' : 'two'}-letter typos ${pct(r.found, r.asked)} % (${r.found}/${r.asked}), ` +
      `in the first 10: ${pct(r.top10, r.asked)} %` + (name === 'two' ? `; both ends: ${pct(r.endsFound, r.ends)} % (${r.endsFound}/${r.ends})` : ''));
}
for (const [name, pairs] of Object.entries(sets))
  console.log(`${name}-letter typos, e.g.: ` + pairs.slice(0, 8).map(([w, t]) => `${w} → ${t}`).join(', '));
