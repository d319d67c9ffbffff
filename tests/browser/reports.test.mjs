// The yearly reports fit: printed, every table of every report stays inside an A4 landscape page
// (the print CSS's @page report: 297 mm less 16 + 14 mm margins); on a 1366 px screen no table of
// the public reports needs its own scrollbar; on a 360 px phone the page never scrolls sideways
// (wide tables scroll inside their box). The reports list links every year's report; axe-core
// finds no serious or critical violations on the list and a report.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { SITE_DIR, newPage, start } from './lib/setup.mjs';
import { violations } from './lib/axe.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const YEARS = readdirSync(`${SITE_DIR}/reports`, { withFileTypes: true })
  .filter((e) => e.isDirectory() && /^\d{4}$/.test(e.name)).map((e) => e.name).sort();
const A4_LANDSCAPE_CONTENT_PX = Math.floor(((297 - 16 - 14) / 25.4) * 96);

/** Tables wider than the room they have: [id, width, room]. */
function tooWide(page) {
  return page.evaluate(() => {
    const room = document.documentElement.clientWidth;
    return [...document.querySelectorAll('.report table.data')]
      .map((t) => [t.id, Math.ceil(t.getBoundingClientRect().right), Math.ceil(t.parentElement.scrollWidth), t.parentElement.clientWidth])
      .filter(([, right, scroll, box]) => right > room + 1 || scroll > box + 1)
      .map(([id, right, scroll, box]) => `${id}: right ${right}, ${scroll} in ${box} (room ${room})`);
  });
}

describe('yearly reports fit', () => {
  it('the reports list links every year, newest first', async () => {
    const page = await newPage(env.browser);
    await page.goto(`${env.site.url}/reports/`);
    const linked = await page.$$eval('.report-year h2 a', (a) => a.map((x) => x.getAttribute('href')));
    assert.deepEqual(linked, [...YEARS].reverse().map((y) => `/reports/${y}/`));
    await page.click('.report-year-csv summary');
    assert.deepEqual(await violations(page), []);
  });

  it('axe-core finds no serious or critical violations on a report', async () => {
    const page = await newPage(env.browser);
    await page.goto(`${env.site.url}/reports/${YEARS[YEARS.length - 1]}/`);
    assert.deepEqual(await violations(page), []);
  });

  for (const year of YEARS) {
    it(`${year}: printed, every table fits an A4 landscape page`, async () => {
      const page = await newPage(env.browser, { viewport: { width: A4_LANDSCAPE_CONTENT_PX, height: 700 } });
      await page.goto(`${env.site.url}/reports/${year}/`);
      await page.emulateMedia({ media: 'print' });
      assert.deepEqual(await tooWide(page), []);
      const pdf = await page.pdf({ preferCSSPageSize: true });
      assert.ok(pdf.length > 10000, 'the report prints');
    });

    it(`${year}: on a 1366 px screen no table needs a scrollbar`, async () => {
      const page = await newPage(env.browser, { viewport: { width: 1366, height: 900 } });
      await page.goto(`${env.site.url}/reports/${year}/`);
      assert.deepEqual(await tooWide(page), []);
    });

    it(`${year}: on a 360 px phone the page does not scroll sideways`, async () => {
      const page = await newPage(env.browser, { viewport: { width: 360, height: 740 }, isMobile: true });
      await page.goto(`${env.site.url}/reports/${year}/`);
      const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scroll <= width, `${scroll} > ${width}`);
    });
  }
});
