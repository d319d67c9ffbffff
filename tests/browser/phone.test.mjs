// Every page of the example site on a 360 px phone: nothing scrolls sideways and no visible text is
// smaller than 11 px (SVG chart text counted at the size it is drawn, after the chart's scaling).
// Wide tables may scroll inside their own box; that is not the page scrolling.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SITE_DIR, start, newPage } from './lib/setup.mjs';

const WIDTH = 360;
const MIN_TEXT_PX = 11;

function* htmlPages(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* htmlPages(path);
    else if (e.name === 'index.html') yield '/' + relative(SITE_DIR, dir).split('\\').join('/');
  }
}

/** Runs in the page: what overflows the viewport and which visible text is too small. */
function measure(minPx) {
  const width = document.documentElement.clientWidth;
  const wide = [];
  if (document.documentElement.scrollWidth > width) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && r.width > 0 && getComputedStyle(el).position !== 'fixed') {
        // Report the outermost culprit only: skip elements whose parent already sticks out.
        const pr = el.parentElement.getBoundingClientRect();
        if (pr.right <= width + 1) wide.push(`${el.tagName.toLowerCase()}.${el.className}`);
      }
    }
  }
  const small = new Set();
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden') return false;
      // Visually hidden (screen-reader only) text is not read on screen.
      if (s.clip === 'rect(0px, 0px, 0px, 0px)' || s.clipPath === 'inset(50%)') return false;
    }
    return true;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || !visible(el)) continue;
    let px = parseFloat(getComputedStyle(el).fontSize);
    const svg = el.closest('svg');
    if (svg) {
      const box = svg.viewBox && svg.viewBox.baseVal;
      if (box && box.width) px *= svg.getBoundingClientRect().width / box.width;
    }
    if (px < minPx - 0.01) small.add(`${el.tagName.toLowerCase()} ${px.toFixed(1)}px «${node.textContent.trim().slice(0, 30)}»`);
  }
  return { scroll: document.documentElement.scrollWidth - width, wide: wide.slice(0, 5), small: [...small].slice(0, 5) };
}

describe('phone layout (360 px)', () => {
  let env;
  before(async () => { env = await start(); });
  after(async () => { await env.close(); });

  it('no page scrolls sideways or shows text under 11 px', async () => {
    const page = await newPage(env.browser, { viewport: { width: WIDTH, height: 740 }, deviceScaleFactor: 1 });
    const problems = [];
    let pages = 0;
    for (const path of htmlPages(SITE_DIR)) {
      const url = env.site.url + (path.endsWith('/') ? path : path + '/');
      await page.goto(url, { waitUntil: 'load' });
      const m = await page.evaluate(measure, MIN_TEXT_PX);
      if (m.scroll > 0) problems.push(`${path}: scrolls sideways by ${m.scroll} px (${m.wide.join(', ')})`);
      if (m.small.length) problems.push(`${path}: text under ${MIN_TEXT_PX} px: ${m.small.join('; ')}`);
      pages++;
    }
    console.log(`# ${pages} pages checked at ${WIDTH} px; ${problems.length} problems`);
    assert.ok(pages > 100, `only ${pages} pages found`);
    assert.deepEqual(problems, [], problems.join('\n'));
    assert.deepEqual(page.errors, []);
  });
});
