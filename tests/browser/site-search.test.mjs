// The site-wide search on /search/ and the header box of every page: practices, schools, events
// and mentorships found by a word of their name, grouped by kind; typos, partial matches,
// keyboard use, and the page without JavaScript.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SITE_DIR, newPage, start } from './lib/setup.mjs';
import { readFileSync } from 'node:fs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const RECORDS = JSON.parse(readFileSync(`${SITE_DIR}/search/records.json`, 'utf8'));

/** Opens /search/?q=… and waits for the answer; returns the page. */
async function searchPage(query) {
  const page = await newPage(env.browser);
  await page.goto(`${env.site.url}/search/?q=${encodeURIComponent(query)}`);
  await page.waitForFunction((q) => document.getElementById('site-search-status').textContent.includes(`«${q}»`), query);
  return page;
}

/** The groups as shown: {heading: [links]}. */
function groups(page) {
  return page.$$eval('.site-search-group', (sections) => Object.fromEntries(sections.map((s) => [
    s.querySelector('h2').textContent.replace(/ \(\d+\)$/, ''),
    [...s.querySelectorAll('li')].map((li) => ({
      href: li.querySelector('a').getAttribute('href'),
      text: li.textContent,
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      partial: li.querySelector('.partial-note') ? li.querySelector('.partial-note').textContent : '',
    })),
  ])));
}

describe('site search', () => {
  it('is reached from the header of every page, and finds a school by a word of its name', async () => {
    const page = await newPage(env.browser);
    await page.goto(`${env.site.url}/events/`);
    await page.fill('#header-q', 'Береславская');
    await page.press('#header-q', 'Enter');
    await page.waitForURL(/\/search\/\?q=/);
    await page.waitForFunction(() => document.getElementById('site-search-status').textContent.includes('«Береславская»'));
    const found = await groups(page);
    assert.deepEqual(found['Школы'].map((r) => r.href), ['/schools/kalach-bereslavskaya/']);
    assert.ok(found['Школы'][0].marks.includes('Береславская'));
    assert.equal(await page.inputValue('#sq'), 'Береславская');
    assert.deepEqual(page.errors, []);
  });

  it('finds schools by short name and by municipality, with ё = е', async () => {
    const byShort = await groups(await searchPage('МОБУ СОШ № 18'));
    assert.deepEqual(byShort['Школы'].map((r) => r.href), ['/schools/korenovsk-sosh-18/']);
    const byMunicipality = await groups(await searchPage('калачевский'));
    const kalach = RECORDS.r.filter((r) => r[0] === 0 && r[3].includes('Калачёвский')).map((r) => r[1]).sort();
    assert.ok(kalach.length >= 3);
    assert.deepEqual(byMunicipality['Школы'].map((r) => r.href).sort(), kalach);
  });

  it('finds an event and a mentorship by a word of their titles, grouped by kind', async () => {
    const found = await groups(await searchPage('лаборатория'));
    assert.deepEqual(found['Мероприятия'].map((r) => r.href), ['/events/laboratoriya-upravlencheskogo-masterstva-2022/']);
    const patronage = await groups(await searchPage('шефство Навальневой'));
    assert.deepEqual(patronage['Наставничество'].map((r) => r.href), ['/mentorships/korenovsk-sosh-17-sosh-6/']);
    const order = Object.keys(await groups(await searchPage('наставничество')));
    assert.equal(order[0], 'Практики');
    const kinds = ['Практики', 'Школы', 'Мероприятия', 'Наставничество', 'Планы работы', 'Ассоциации', 'Конкурсы', 'Программы перехода'];
    assert.ok(order.length >= 3, order.join());
    assert.deepEqual(order, kinds.filter((k) => order.includes(k)), 'groups in the fixed order');
  });

  it('finds a transition programme by a word of its title', async () => {
    const found = await groups(await searchPage('программа перехода Шаг вперёд'));
    assert.ok(found['Программы перехода'], Object.keys(found).join());
    assert.equal(found['Программы перехода'][0].href, '/transitions/korenovsk-sosh-6-programma-perehoda/');
  });

  it('forgives a typo in a school or event name and says what it searched for', async () => {
    const page = await searchPage('Берескавская');
    const found = await groups(page);
    assert.deepEqual(found['Школы'].map((r) => r.href), ['/schools/kalach-bereslavskaya/']);
    assert.match(await page.textContent('#site-search-status'), /Показаны результаты для «береславская»/);
    const event = await groups(await searchPage('лабаратория'));
    assert.deepEqual(event['Мероприятия'].map((r) => r.href), ['/events/laboratoriya-upravlencheskogo-masterstva-2022/']);
  });

  it('forgives two typos at both ends of a long word, in a school name and in a practice', async () => {
    const school = await searchPage('Аереславскаф');
    assert.deepEqual((await groups(school))['Школы'].map((r) => r.href), ['/schools/kalach-bereslavskaya/']);
    assert.match(await school.textContent('#site-search-status'), /Показаны результаты для «береславская»/);
    const practice = await groups(await searchPage('визкомотивированнык'));
    assert.equal(practice['Практики'][0].href, '/practices/tyutorskoe-soprovozhdenie-nizkomotivirovannykh/');
  });

  it('shows practices first with a link to all of them in the catalogue', async () => {
    const page = await searchPage('наставничество');
    const found = await groups(page);
    assert.equal(found['Практики'].length, 5);
    assert.ok(found['Практики'].every((r) => r.marks.length > 0), 'every practice shows a highlighted match');
    const all = await page.$eval('.site-search-all', (a) => a.getAttribute('href'));
    assert.equal(all, `/practices/?q=${encodeURIComponent('наставничество')}`);
  });

  it('shows records holding part of the words, marked partial, when none holds them all', async () => {
    const page = await searchPage('Береславская музей');
    const status = await page.textContent('#site-search-status');
    assert.match(status, /Нет записей со всеми словами/);
    const found = await groups(page);
    assert.deepEqual(found['Школы'].map((r) => r.href), ['/schools/kalach-bereslavskaya/']);
    assert.match(found['Школы'][0].partial, /нет слова «музей»/);
  });

  it('is usable from the keyboard', async () => {
    const page = await searchPage('Калачёвского');
    const links = await page.$$eval('#site-search-results a', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.length >= 2);
    const active = () => page.evaluate(() => document.activeElement.getAttribute('href') || document.activeElement.id);
    await page.focus('#sq');
    await page.keyboard.press('ArrowDown');
    assert.equal(await active(), links[0]);
    await page.keyboard.press('ArrowDown');
    assert.equal(await active(), links[1]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await active(), 'sq');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.getElementById('site-search-results').children.length === 0);
    await page.keyboard.type('береславская');
    await page.waitForFunction(() => document.getElementById('site-search-status').textContent.includes('«береславская»'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/schools/kalach-bereslavskaya/');
  });

  it('without JavaScript, the header box leads to /search/, which links to the catalogue', async () => {
    const page = await newPage(env.browser, { javaScriptEnabled: false });
    await page.goto(`${env.site.url}/`);
    await page.fill('#header-q', 'школа');
    await page.press('#header-q', 'Enter');
    await page.waitForURL(/\/search\/\?q=/);
    const fallback = await page.$eval('#site-search-nojs', (p) => ({ hidden: p.hidden, links: [...p.querySelectorAll('a')].map((a) => a.getAttribute('href')) }));
    assert.equal(fallback.hidden, false);
    assert.ok(fallback.links.includes('/practices/'));
  });
});
