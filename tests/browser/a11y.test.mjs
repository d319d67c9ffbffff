// axe-core on the pages teachers use most: no serious or critical violations, including the
// catalogue with search results and filters shown.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { SITE_DIR, newPage, start } from './lib/setup.mjs';
import { violations } from './lib/axe.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const school = readdirSync(`${SITE_DIR}/schools`, { withFileTypes: true }).find((e) => e.isDirectory()).name;
const PAGES = ['/', '/practices/', '/practices/setevaya-para-rukovoditeley/', `/schools/${school}/`, '/mentors/',
  '/practices/page/2/', '/directions/quality/', '/search/'];

describe('axe-core', () => {
  for (const path of PAGES) {
    it(`finds no serious or critical violations on ${path}`, async () => {
      const page = await newPage(env.browser);
      await page.goto(`${env.site.url}${path}`);
      assert.deepEqual(await violations(page), []);
      assert.deepEqual(page.errors, []);
    });
  }

  it('finds none on the catalogue with results and filters', async () => {
    const page = await newPage(env.browser);
    await page.goto(`${env.site.url}/practices/?q=${encodeURIComponent('наставничество')}&direction=quality`);
    await page.waitForFunction(() => document.getElementById('search-status').textContent.includes('Найдено'));
    assert.deepEqual(await violations(page), []);
  });

  it('finds none on the site search with results of several kinds, partial ones too', async () => {
    for (const q of ['наставничество', 'Береславская музей', 'лабаратория']) {
      const page = await newPage(env.browser);
      await page.goto(`${env.site.url}/search/?q=${encodeURIComponent(q)}`);
      await page.waitForFunction(() => document.getElementById('site-search-status').textContent.includes('Найдено')
        || document.getElementById('site-search-status').textContent.includes('Показаны'));
      assert.deepEqual(await violations(page), [], q);
      assert.deepEqual(page.errors, []);
    }
  });

  it('finds none on the site search on a phone screen', async () => {
    const page = await newPage(env.browser, { viewport: { width: 360, height: 740 }, isMobile: true });
    await page.goto(`${env.site.url}/search/?q=${encodeURIComponent('школа')}`);
    await page.waitForFunction(() => document.getElementById('site-search-status').textContent.includes('Найдено'));
    assert.deepEqual(await violations(page), []);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 360, `the page is ${wide}px wide`);
  });

  it('finds none on a narrow (phone) screen, where the filters fold away', async () => {
    const page = await newPage(env.browser, { viewport: { width: 375, height: 740 }, isMobile: true });
    await page.goto(`${env.site.url}/practices/?q=${encodeURIComponent('отчет')}`);
    await page.waitForFunction(() => document.getElementById('search-status').textContent.includes('Найдено'));
    assert.equal(await page.$eval('#search-filters', (d) => d.open), false);
    const top = await page.$eval('#search-results', (e) => e.getBoundingClientRect().top);
    assert.ok(top < 740, `results start at ${top}px, within the first screen`);
    assert.deepEqual(await violations(page), []);
    await page.click('#search-filters summary');
    assert.equal(await page.$eval('#filter-direction', (e) => e.getClientRects().length > 0), true);
  });
});
