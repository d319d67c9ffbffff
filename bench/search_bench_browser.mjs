// Search timing in Debian's Chromium with the CPU slowed 4× (DevTools CPU throttling, the usual
// stand-in for a mid-range phone): the theme's engine (window.NkSearch) on /practices/ of a built
// site served on 127.0.0.1. For each query: the first query of a fresh engine over the loopback
// network; the same first query with the files already downloaded (JSON parse, decoding, search,
// facet counts, documents of the first 10 results); warm = the query again with everything loaded
// (median of 9: CPU throttling suspends the page in slices, so single runs jump); typing = the
// query typed letter by letter into a fresh engine with the files downloaded, each letter a search
// as on /practices/ (median and slowest letter).
// Usage: node search_bench_browser.mjs SITE_DIR   (needs tests/browser/node_modules)

import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const { serve } = await import('../tests/browser/lib/server.mjs');

const QUERIES = ['наставничества', 'отчет', 'внутришкольная система оценки качества', 'родителей', 'ВПР',
  'молодых педагогов', 'программа перехода', 'тьютор', 'кадровый резерв', 'сетевая пара руководителей',
  // one-letter and two-letter typos (read as the nearest words of the index)
  'наставнечество', 'радительский', 'внутришкольнае', 'низкомативированых'];
const RATE = 4;

const site = await serve(process.argv[2]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
const rows = [];
for (const q of QUERIES) {
  const page = await browser.newPage();
  await page.goto(`${site.url}/practices/page/2/`);  // loads search.js without starting a search
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  const times = await page.evaluate(async (query) => {
    const texts = new Map();
    const fetchText = (url) => fetch(url).then((r) => r.text()).then((t) => { texts.set(url, t); return JSON.parse(t); });
    const run = async (e, text = query) => {
      const t = performance.now();
      const facets = await e.facets();
      const r = await e.search(text);
      const f = e.filter(r.match, facets, {});
      const docs = await e.order(r.match, f.mask, 'relevance');
      await e.docs(Array.from(docs.subarray(0, 10)));
      return performance.now() - t;
    };
    const withNetwork = await run(new window.NkSearch.Engine('/search/', fetchText));
    // The same first query with the files already downloaded: parsing and search only.
    const e = new window.NkSearch.Engine('/search/', (url) => Promise.resolve(JSON.parse(texts.get(url))));
    const cold = await run(e);
    const warm = [];
    for (let i = 0; i < 9; i++) warm.push(await run(e));
    warm.sort((a, b) => a - b);
    // Files the shorter prefixes need are downloaded first, outside the timing.
    for (let i = 1; i <= query.length; i++) await run(new window.NkSearch.Engine('/search/', fetchText), query.slice(0, i));
    const typed = new window.NkSearch.Engine('/search/', (url) => Promise.resolve(JSON.parse(texts.get(url))));
    const letters = [];
    for (let i = 1; i <= query.length; i++) letters.push(await run(typed, query.slice(0, i)));
    letters.sort((a, b) => a - b);
    return { withNetwork, cold, warm: warm[4], typing: letters[letters.length >> 1], typingMax: letters[letters.length - 1] };
  }, q);
  rows.push({ q, ...times });
  await page.close();
}
await browser.close();
await site.close();
console.log(`Chromium, CPU throttled ${RATE}×: query | first query, loopback network ms | first query, files downloaded ms | warm ms | typing: median letter ms, slowest letter ms`);
for (const r of rows) console.log(`${r.q} | ${r.withNetwork.toFixed(1)} | ${r.cold.toFixed(1)} | ${r.warm.toFixed(1)} | ${r.typing.toFixed(1)}, ${r.typingMax.toFixed(1)}`);
const max = (key) => Math.max(...rows.map((r) => r[key])).toFixed(1);
console.log(`max cold ${max('cold')} ms; max warm ${max('warm')} ms; typing: max median letter ${max('typing')} ms, slowest letter ${max('typingMax')} ms`);
