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
// Recall (not throttled): 200 one-letter typos of words from the practices' text (a letter
// replaced, dropped, added or two swapped, at any position, seeded; never a word the text has).
// A typo is found when its results hold the first result of the word spelt right; "top 10"
// when that result is among the typo's first 10.
// Usage: node search_compare.mjs SITE_DIR SOURCE_DIR   (SOURCE_DIR: the site's source, for words)

import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const { serve } = await import('../tests/browser/lib/server.mjs');

const [siteDir, sourceDir] = process.argv.slice(2);
const QUERIES = ['наставничества', 'отчет', 'внутришкольная система оценки качества', 'родителей', 'ВПР',
  'молодых педагогов', 'программа перехода', 'тьютор', 'кадровый резерв', 'сетевая пара руководителей'];
const TYPED = ['наставничества', 'родителей', 'кадровый резерв'];
const RATE = 4, TYPOS = 200;

/* ---- the typos ---- */

function rng(seed) {  // mulberry32
  return () => {
    seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const LETTERS = 'абвгдежзийклмнопрстуфхцчшщъыьэюя';
function typos() {
  const dir = join(sourceDir, 'content', 'practices');
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  const vocabulary = new Set(), byFile = [];
  for (const f of files) {
    const words = readFileSync(join(dir, f), 'utf8').split('+++').slice(2).join(' ').toLowerCase().replace(/ё/g, 'е')
      .match(/[а-я]+/g) || [];
    words.forEach((w) => vocabulary.add(w));
    byFile.push(words.filter((w) => w.length >= 6));
  }
  const random = rng(20261202), out = [], seen = new Set();
  while (out.length < TYPOS) {
    const words = byFile[Math.floor(random() * byFile.length)];
    if (!words.length) continue;
    const w = words[Math.floor(random() * words.length)], chars = Array.from(w);
    const at = Math.floor(random() * chars.length), op = Math.floor(random() * 4);
    const letter = LETTERS[Math.floor(random() * LETTERS.length)];
    if (op === 0) chars[at] = letter;
    else if (op === 1) chars.splice(at, 1);
    else if (op === 2) chars.splice(at, 0, letter);
    else if (at + 1 < chars.length) [chars[at], chars[at + 1]] = [chars[at + 1], chars[at]];
    const typo = chars.join('');
    if (typo === w || vocabulary.has(typo) || seen.has(typo)) continue;
    seen.add(typo);
    out.push([w, typo]);
  }
  return out;
}

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
  for (const q of QUERIES) {
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
    rows.push({ engine, q, hits: first.count, files: firstBytes.files, kb: firstBytes.bytes / 1024,
      firstMs: first.ms, warmMs: median(warm), typedKb: typedBytes === null ? null : typedBytes / 1024 });
  }
}

// Recall on typos, both engines in one unthrottled page each.
const pairs = typos();
const recall = {};
for (const engine of ['nastavnik', 'pagefind']) {
  const p = await open(engine, false);
  let found = 0, top10 = 0, asked = 0;
  for (const [word, typo] of pairs) {
    const right = await p.query(word);
    if (!right.ids.length) continue;
    asked++;
    const wrong = await p.query(typo);
    if (wrong.ids.includes(right.ids[0])) found++;
    if (wrong.ids.slice(0, 10).includes(right.ids[0])) top10++;
  }
  p.take();
  await p.page.close();
  process.stderr.write(`${engine}: recall measured\n`);
  recall[engine] = { asked, found, top10 };
}
await browser.close();
await site.close();

const searchJs = gzipSync(readFileSync(join(siteDir, 'js', 'search.js'))).length / 1024;
console.log(`Chromium, CPU throttled ${RATE}×; KB are gzip; nastavnik's search.js (${searchJs.toFixed(1)} KB) comes with the page`);
console.log('engine | query | hits | files | first query KB | first query ms | warm ms | typed letter by letter KB');
for (const r of rows)
  console.log(`${r.engine} | ${r.q} | ${r.hits} | ${r.files} | ${r.kb.toFixed(1)} | ${r.firstMs.toFixed(1)} | ${r.warmMs.toFixed(1)} | ${r.typedKb === null ? '' : r.typedKb.toFixed(1)}`);
for (const engine of ['nastavnik', 'pagefind']) {
  const mine = rows.filter((r) => r.engine === engine);
  const max = (k) => Math.max(...mine.filter((r) => r[k] !== null).map((r) => r[k]));
  const { asked, found, top10 } = recall[engine];
  console.log(`${engine}: max first query ${max('kb').toFixed(1)} KB, max typed ${max('typedKb').toFixed(1)} KB; ` +
    `max first query ${max('firstMs').toFixed(1)} ms, max warm ${max('warmMs').toFixed(1)} ms (median warm ${median(mine.map((r) => r.warmMs)).toFixed(1)} ms); ` +
    `typo recall ${(100 * found / asked).toFixed(1)} % (${found}/${asked}), in the first 10: ${(100 * top10 / asked).toFixed(1)} %`);
}
console.log('typos, e.g.: ' + pairs.slice(0, 8).map(([w, t]) => `${w} → ${t}`).join(', '));
