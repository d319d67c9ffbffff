// Page weight: every page's own HTML plus the CSS and JavaScript it loads stays under 100 KB
// (images not counted), so the catalogue opens quickly on a phone over a weak connection.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SITE_DIR } from './lib/setup.mjs';

const LIMIT = 100 * 1024;

function* htmlFiles(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* htmlFiles(path);
    else if (e.name.endsWith('.html')) yield path;
  }
}

/** Local stylesheets and scripts a page loads. */
function assets(html) {
  const out = [];
  for (const m of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<script[^>]+src="([^"]+)"/g)) {
    const url = m[1] || m[2];
    if (url.startsWith('/') && !url.startsWith('//')) out.push(url);
  }
  return out;
}

describe('page weight', () => {
  it('keeps HTML + CSS + JS of every page under 100 KB', () => {
    const heavy = [];
    let max = { bytes: 0, page: '' };
    let pages = 0;
    for (const file of htmlFiles(SITE_DIR)) {
      const html = readFileSync(file, 'utf8');
      let bytes = Buffer.byteLength(html);
      for (const url of assets(html)) bytes += statSync(join(SITE_DIR, decodeURI(url))).size;
      const page = '/' + relative(SITE_DIR, file);
      if (bytes > max.bytes) max = { bytes, page };
      if (bytes >= LIMIT) heavy.push(`${page}: ${bytes} bytes`);
      pages++;
    }
    console.log(`# ${pages} pages; heaviest ${max.page}: ${(max.bytes / 1024).toFixed(1)} KB`);
    assert.ok(pages > 50);
    assert.deepEqual(heavy, []);
  });

  it('loads the search scripts only on the catalogue and the search page', () => {
    const home = readFileSync(join(SITE_DIR, 'index.html'), 'utf8');
    assert.ok(!assets(home).some((u) => u.endsWith('search.js')));
    assert.match(home, /<form class="header-search"[^>]+action="\/search\/"/, 'the header search box needs no script');
    const catalogue = readFileSync(join(SITE_DIR, 'practices/index.html'), 'utf8');
    assert.ok(assets(catalogue).some((u) => u.endsWith('/js/search.js')));
    assert.ok(!assets(catalogue).some((u) => u.endsWith('/js/site-search.js')));
    const search = readFileSync(join(SITE_DIR, 'search/index.html'), 'utf8');
    assert.deepEqual(assets(search).filter((u) => u.endsWith('.js')), ['/js/search.js', '/js/site-search.js']);
  });
});
