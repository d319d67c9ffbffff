// The mentors' directory (/mentors/): filters by municipality, direction and free places, the
// count announced in an aria-live region, every card shown without JavaScript, axe-core clean
// with the filters in use, and no sideways scrolling on a 360 px phone.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, start } from './lib/setup.mjs';
import { violations } from './lib/axe.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

async function mentors(options = {}) {
  const page = await newPage(env.browser, options);
  await page.goto(`${env.site.url}/mentors/`);
  return page;
}

/** Every card with what the filters compare and whether it is shown. */
function cards(page) {
  return page.$$eval('.mentor-card', (list) => list.map((c) => ({
    name: c.querySelector('.card-title').textContent.trim(),
    municipality: c.dataset.municipality,
    directions: c.dataset.directions.split(' ').filter(Boolean),
    free: Number(c.dataset.free),
    places: c.querySelector('.mentor-places').textContent.trim(),
    shown: c.getClientRects().length > 0,
  })));
}

const count = (page) => page.$eval('#mentor-count', (e) => e.textContent);

describe('mentors filter', () => {
  it('shows every card and no filters without JavaScript', async () => {
    const page = await mentors({ javaScriptEnabled: false });
    const all = await cards(page);
    assert.ok(all.length >= 3, `${all.length} mentor cards`);
    assert.ok(all.every((c) => c.shown));
    assert.equal(await page.$eval('#mentor-filters', (f) => f.getClientRects().length), 0);
    assert.equal(await count(page), `Показано школ: ${all.length} из ${all.length}.`);
  });

  it('filters by municipality, direction and free places, and announces the count', async () => {
    const page = await mentors();
    assert.equal(await page.isVisible('#mentor-filters'), true);
    assert.equal(await page.getAttribute('#mentor-count', 'aria-live'), 'polite');
    const all = await cards(page);
    const municipalities = await page.$$eval('#mentor-municipality option', (o) => o.map((x) => x.value).filter(Boolean));
    assert.ok(municipalities.length >= 2, 'several municipalities to choose from');
    for (const m of municipalities) {
      await page.selectOption('#mentor-municipality', m);
      const now = await cards(page);
      const expected = all.filter((c) => c.municipality === m).map((c) => c.name);
      assert.deepEqual(now.filter((c) => c.shown).map((c) => c.name), expected, m);
      assert.equal(await count(page), `Показано школ: ${expected.length} из ${all.length}.`);
    }
    await page.selectOption('#mentor-municipality', '');

    const directions = await page.$$eval('#mentor-direction option', (o) => o.map((x) => x.value).filter(Boolean));
    assert.ok(directions.length >= 2, 'several directions to choose from');
    for (const d of directions) {
      await page.selectOption('#mentor-direction', d);
      const shown = (await cards(page)).filter((c) => c.shown);
      assert.deepEqual(shown.map((c) => c.name), all.filter((c) => c.directions.includes(d)).map((c) => c.name), d);
      assert.ok(shown.length > 0, `every listed direction has a mentor (${d})`);
    }
    await page.selectOption('#mentor-direction', '');

    await page.check('#mentor-free');
    const free = (await cards(page)).filter((c) => c.shown);
    assert.deepEqual(free.map((c) => c.name), all.filter((c) => c.free > 0).map((c) => c.name));
    assert.ok(free.every((c) => / свободно$/.test(c.places)), 'shown cards say their free places');
    assert.ok(all.filter((c) => c.free === 0).every((c) => c.places.startsWith('Свободных мест нет')));

    // Combined: free places in the first municipality.
    await page.selectOption('#mentor-municipality', municipalities[0]);
    const both = (await cards(page)).filter((c) => c.shown).map((c) => c.name);
    assert.deepEqual(both, all.filter((c) => c.free > 0 && c.municipality === municipalities[0]).map((c) => c.name));
    assert.equal(await count(page), `Показано школ: ${both.length} из ${all.length}.`);
    assert.deepEqual(await violations(page), []);

    await page.uncheck('#mentor-free');
    await page.selectOption('#mentor-municipality', '');
    assert.ok((await cards(page)).every((c) => c.shown), 'clearing the filters shows every card again');
    assert.deepEqual(page.errors, []);
  });

  it('labels every control and fits a 360 px phone', async () => {
    const page = await mentors({ viewport: { width: 360, height: 740 }, isMobile: true });
    const unlabelled = await page.$$eval('#mentor-filters select, #mentor-filters input', (list) =>
      list.filter((e) => !document.querySelector(`label[for="${e.id}"]`)).map((e) => e.id));
    assert.deepEqual(unlabelled, []);
    const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(width[0] <= width[1], `no sideways scrolling (${width[0]} > ${width[1]})`);
  });
});
