// The dashboards in a browser: axe-core finds no serious or critical violations on a school
// dashboard, the overview and the compare page; /compare/ builds its table from
// /api/schools.json, keeps the choice in the address, and explains itself without JavaScript.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, start } from './lib/setup.mjs';
import { violations } from './lib/axe.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const COMPARE = '/compare/?s=korenovsk-sosh-2&s=korenovsk-sosh-5&s=korenovsk-sosh-24';

describe('dashboards', () => {
  for (const path of ['/schools/korenovsk-sosh-5/', '/schools/', '/schools/year/2019/', COMPARE]) {
    it(`axe finds no serious or critical violations on ${path}`, async () => {
      const page = await newPage(env.browser);
      await page.goto(`${env.site.url}${path}`);
      if (path === COMPARE) await page.waitForSelector('.compare-table');
      assert.deepEqual(await violations(page), []);
      assert.deepEqual(page.errors, []);
    });
  }

  it('compares the schools named in the address, side by side', async () => {
    const page = await newPage(env.browser);
    await page.goto(`${env.site.url}${COMPARE}`);
    await page.waitForSelector('.compare-table');
    assert.equal(await page.isVisible('#compare-nojs'), false);
    const heads = await page.$$eval('.compare-table thead th', (ths) => ths.map((th) => th.textContent));
    assert.deepEqual(heads, ['Показатель', 'МОБУ СОШ № 2', 'МОБУ СОШ № 5 им. А.И. Покрышкина', 'МОБУ СОШ № 24']);
    const ior = await page.$$eval('.compare-table tbody tr', (rows) => rows
      .map((r) => [...r.children].map((c) => c.textContent))
      .find((cells) => cells[0] === 'ИОР'));
    assert.deepEqual(ior, ['ИОР', '0,45', '0,81', '0,31']);
    assert.equal(await page.$eval('#compare-year', (s) => s.value), '2021');
  });

  it('follows the selects and records the choice in the address', async () => {
    const page = await newPage(env.browser);
    await page.goto(`${env.site.url}/compare/`);
    await page.waitForSelector('#compare-form:not([hidden])');
    assert.match(await page.textContent('#compare-status'), /Выберите две, три или четыре школы/);
    await page.selectOption('#compare-school-1', 'korenovsk-sosh-2');
    await page.selectOption('#compare-school-2', 'tula-licey-2');
    await page.selectOption('#compare-year', '2019');
    await page.waitForSelector('.compare-table');
    assert.match(await page.textContent('.compare-table caption'), /2019\/20/);
    assert.match(page.url(), /\?s=korenovsk-sosh-2&s=tula-licey-2&year=2019$/);
  });

  it('explains itself and links to the school list without JavaScript', async () => {
    const page = await newPage(env.browser, { javaScriptEnabled: false });
    await page.goto(`${env.site.url}/compare/`);
    assert.equal(await page.isVisible('#compare-nojs'), true);
    assert.equal(await page.isVisible('#compare-form'), false);
    assert.equal(await page.getAttribute('#compare-nojs a[href="/schools/"]', 'href'), '/schools/');
  });
});
