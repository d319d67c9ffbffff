// The catalogue search on /practices/: Russian word forms and ё, ranking and highlighting, the
// facets combined with search, the URL state, keyboard use, and the pages without JavaScript.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SITE_DIR, newPage, start } from './lib/setup.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const PRACTICES = JSON.parse(readFileSync(`${SITE_DIR}/api/practices.json`, 'utf8'));

async function catalogue(query = '') {
  const page = await newPage(env.browser);
  await page.goto(`${env.site.url}/practices/${query}`);
  await page.waitForSelector('#search-filters');
  return page;
}

/** Types a query and waits for its results. */
async function search(page, query) {
  await page.fill('#q', query);
  await page.waitForFunction((q) => document.getElementById('search-status').textContent.includes(`«${q}»`), query);
  return results(page);
}

/** The result list as shown: titles, links, the marked words of titles and snippets. */
function results(page) {
  return page.$$eval('#search-results > li', (items) => items.map((li) => ({
    title: li.querySelector('.card-title').textContent,
    href: li.querySelector('.card-title a').getAttribute('href'),
    titleMarks: [...li.querySelectorAll('.card-title mark')].map((m) => m.textContent),
    marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
  })));
}

/** Clicks «Показать ещё» until every result is listed; returns the results. */
async function showAll(page) {
  while (await page.$eval('.search-more', (b) => !b.hidden)) {
    const n = await page.$$eval('#search-results > li', (li) => li.length);
    await page.click('.search-more');
    await page.waitForFunction((k) => document.querySelectorAll('#search-results > li').length > k, n);
  }
  return results(page);
}

async function visible(page, selector) {
  return page.$eval(selector, (e) => !e.hidden && e.getClientRects().length > 0);
}

describe('search', () => {
  it('finds «наставничество» when asked for «наставничества», and highlights it', async () => {
    const page = await catalogue();
    const found = await search(page, 'наставничества');
    assert.ok(found.length >= 5, `${found.length} results`);
    const para = found.find((r) => r.href === '/practices/setevaya-para-rukovoditeley/');
    assert.ok(para, 'the practice titled «…наставничество «равный — равному»» is found');
    assert.ok(para.titleMarks.map((m) => m.toLowerCase()).includes('наставничество'), para.titleMarks.join());
    assert.equal(await visible(page, '#search-results'), true);
    assert.equal(await visible(page, '#catalogue-list'), false, 'the other practices disappear');
    assert.equal(await page.$eval('.pager', (e) => e.hidden), true);
    assert.deepEqual(page.errors, []);
  });

  it('treats ё as е: «отчет» finds «отчёт»', async () => {
    const page = await catalogue();
    const plain = await search(page, 'отчет');
    const hit = plain.find((r) => r.title.includes('от отчёта к управленческому решению'));
    assert.ok(hit, plain.map((r) => r.title).join('\n'));
    assert.deepEqual(hit.titleMarks, ['отчёта']);
    const withYo = await search(page, 'отчёт');
    assert.deepEqual(withYo.map((r) => r.href), plain.map((r) => r.href));
  });

  it('ranks title matches above body matches', async () => {
    const page = await catalogue();
    const found = await search(page, 'отчет');
    const inTitle = found.map((r) => r.titleMarks.length > 0);
    assert.equal(inTitle[0], true);
    assert.deepEqual(inTitle, [...inTitle].sort((a, b) => b - a), 'no title match after a body-only match');
    assert.ok(inTitle.includes(false), 'body matches are found too');
  });

  it('searches by prefix as the reader types, with links to the practices', async () => {
    const page = await catalogue();
    await page.click('#q');
    await page.keyboard.type('родит', { delay: 40 });
    await page.waitForFunction(() => document.getElementById('search-status').textContent.includes('«родит»'));
    const found = await results(page);
    assert.ok(found.length >= 2);
    assert.equal(found[0].href, '/practices/roditelskiy-universitet/');
    assert.ok(found[0].titleMarks.length > 0);
    for (const r of found) assert.ok(r.marks.every((m) => m.toLowerCase().startsWith('родит')), r.title);
    await page.click('#search-results a');
    await page.waitForURL('**/practices/roditelskiy-universitet/');
    assert.equal(await page.textContent('h1'), 'Родительский университет: как вовлечь родителей в жизнь школы');
  });

  it('shows 10 results, then 10 more on request with the focus on the first new one', async () => {
    const page = await catalogue();
    assert.equal((await search(page, 'школа')).length, 10);
    await page.click('.search-more');
    await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length > 10);
    const focused = await page.evaluate(() => document.activeElement.getAttribute('href'));
    assert.equal(focused, (await results(page))[10].href);
  });

  it('says so when nothing is found, and restores the catalogue when the query is cleared', async () => {
    const page = await catalogue();
    assert.deepEqual(await search(page, 'абракадабра'), []);
    assert.match(await page.textContent('#search-status'), /Ничего не найдено/);
    await page.fill('#q', '');
    await page.waitForFunction(() => document.getElementById('search-results').hidden);
    assert.equal(await visible(page, '#catalogue-list'), true);
    assert.equal(await page.textContent('#search-status'), '');
  });

  it('takes ?q= from the URL; the home page form submits to it', async () => {
    const page = await newPage(env.browser);
    await page.goto(`${env.site.url}/`);
    await page.fill('#home-q', 'отчёт');
    await page.press('#home-q', 'Enter');
    await page.waitForURL(/\/practices\/\?q=/);
    assert.equal(await page.inputValue('#q'), 'отчёт');
    await page.waitForFunction(() => document.getElementById('search-status').textContent.includes('«отчёт»'));
    assert.ok((await results(page)).some((r) => r.href === '/practices/vnutrishkolnaya-sistema-otsenki/'));
  });
});

describe('typos and partial matches', () => {
  it('a one-letter typo of a long word finds the practice and says what it searched for', async () => {
    const page = await catalogue();
    const found = await search(page, 'наставнечество');
    assert.ok(found.some((r) => r.href === '/practices/setevaya-para-rukovoditeley/'), found.map((r) => r.href).join());
    assert.match(await page.textContent('#search-status'), /Показаны результаты для «наставничество»/);
    const para = found.find((r) => r.href === '/practices/setevaya-para-rukovoditeley/');
    assert.ok(para.titleMarks.map((m) => m.toLowerCase()).includes('наставничество'), para.titleMarks.join());
  });

  it('a two-letter typo of a long word finds the practice, ranked first', async () => {
    const page = await catalogue();
    const found = await search(page, 'низкомативированых');
    assert.equal(found[0].href, '/practices/tyutorskoe-soprovozhdenie-nizkomotivirovannykh/');
    assert.match(await page.textContent('#search-status'), /Показаны результаты для «низкомотивированных»/);
  });

  it('a two-letter typo at both ends of a long word finds the practice (through its intact middle)', async () => {
    const page = await catalogue();
    // First and last letters wrong: neither the first nor the last third of the word is intact.
    const found = await search(page, 'визкомотивированнык');
    assert.equal(found[0].href, '/practices/tyutorskoe-soprovozhdenie-nizkomotivirovannykh/');
    assert.match(await page.textContent('#search-status'), /Показаны результаты для «низкомотивированн/);
    const right = await search(page, 'внутришкольная');
    const typo = await search(page, 'анутришкольнпя');
    assert.equal(typo[0].href, right[0].href);
    assert.ok(typo.some((r) => r.href === '/practices/vnutrishkolnaya-sistema-otsenki/'), typo.map((r) => r.href).join());
    assert.match(await page.textContent('#search-status'), /Показаны результаты для «внутришкольная»/);
  });

  it('does not correct a word the index has, and ranks corrections below exact matches', async () => {
    const page = await catalogue();
    await search(page, 'отчет');
    assert.doesNotMatch(await page.textContent('#search-status'), /Показаны результаты для/);
    // «родителей» matches as written; «универсетет» is read as «университет»: the practice
    // holding both comes first.
    const both = await search(page, 'родителей универсетет');
    assert.equal(both[0].href, '/practices/roditelskiy-universitet/');
    assert.match(await page.textContent('#search-status'), /Показаны результаты для «родителей университет»/);
  });

  it('shows practices holding part of the words, marked partial, when none holds them all', async () => {
    const page = await catalogue();
    const found = await search(page, 'школа музей');
    assert.ok(found.length > 0);
    assert.match(await page.textContent('#search-status'), /Нет практик со всеми словами запроса «школа музей»\. Показаны практики, где есть 1 из 2 слов/);
    const notes = await page.$$eval('#search-results > li', (lis) => lis.map((li) => li.querySelector('.partial-note')?.textContent));
    assert.ok(notes.every((n) => n === 'Совпадение неполное: нет слова «музей»'), notes.join('|'));
  });

  it('every snippet shows a highlighted match', async () => {
    const page = await catalogue();
    for (const q of ['школа', 'наставничества', 'отчет', 'ВПР', 'родит', 'низкомативированых', 'школа музей']) {
      await search(page, q);
      const bare = await page.$$eval('#search-results > li', (lis) => lis
        .filter((li) => !li.querySelector('.snippet mark')).map((li) => li.querySelector('.card-title').textContent));
      assert.deepEqual(bare, [], q);
    }
  });
});

describe('facets', () => {
  async function termPage(path) {
    const page = await newPage(env.browser);
    await page.goto(`${env.site.url}${path}`);
    return page.$$eval('.cards .card-title a', (as) => as.map((a) => a.getAttribute('href')).sort());
  }

  it('replace the static links with filters that have counts', async () => {
    const page = await catalogue();
    assert.equal(await page.$eval('.facet', (e) => e.hidden), true);
    const labels = await page.$$eval('#search-filters label', (ls) => ls.map((l) => l.textContent));
    assert.deepEqual(labels, ['Направление', 'Форма работы', 'Школа', 'Муниципалитет', 'Год', 'Тег', 'Порядок']);
    const years = await page.$$eval('#filter-year option', (os) => os.map((o) => o.textContent));
    const byYear = {};
    for (const p of PRACTICES) byYear[p.date.slice(0, 4)] = (byYear[p.date.slice(0, 4)] || 0) + 1;
    const expected = Object.keys(byYear).sort().reverse().map((y) => `${y} (${byYear[y]})`);
    assert.deepEqual(years, ['Все годы', ...expected]);
  });

  it('filter by direction: the same practices as the term page and the static count', async () => {
    const noJs = await newPage(env.browser, { javaScriptEnabled: false });
    await noJs.goto(`${env.site.url}/practices/`);
    const staticCount = Number(await noJs.$eval('.facet a[href="/directions/quality/"] + .count', (e) => e.textContent));
    const page = await catalogue();
    const option = await page.$eval('#filter-direction option[value="quality"]', (o) => o.textContent);
    assert.equal(option, `Управление качеством образования (${staticCount})`);
    await page.selectOption('#filter-direction', 'quality');
    await page.waitForFunction((n) => document.getElementById('search-status').textContent.includes(`Найдено: ${n}`), staticCount);
    const shown = (await showAll(page)).map((r) => r.href).sort();
    assert.deepEqual(shown, await termPage('/directions/quality/'));
    assert.match(new URL(page.url()).search, /direction=quality/);
  });

  it('combine with search, and each other', async () => {
    const page = await catalogue();
    await search(page, 'наставничества');
    const all = new Set((await showAll(page)).map((r) => r.href));
    const quality = new Set(await termPage('/directions/quality/'));
    await page.selectOption('#filter-direction', 'quality');
    await page.waitForFunction(() => /direction=quality/.test(location.search));
    await page.waitForFunction(() => document.getElementById('search-status').textContent.startsWith('Найдено'));
    const both = (await showAll(page)).map((r) => r.href);
    const expected = [...all].filter((h) => quality.has(h));
    assert.ok(expected.length > 0 && expected.length < all.size);
    assert.deepEqual([...both].sort(), expected.sort());
    // The tag filter's counts now count within the combined result.
    const tagCounts = await page.$$eval('#filter-tag option', (os) => os.slice(1).map((o) => Number(o.textContent.match(/\((\d+)\)$/)[1])));
    assert.ok(tagCounts.every((n) => n >= 1 && n <= expected.length));
    await page.selectOption('#filter-year', '2021');
    await page.waitForFunction(() => /year=2021/.test(location.search));
    const dated = await page.$$eval('#search-results time', (ts) => ts.map((t) => t.getAttribute('datetime')));
    assert.ok(dated.length > 0 && dated.every((d) => d.startsWith('2021-')));
  });

  it('keeps the state in the URL: a reload shows the same results', async () => {
    const page = await catalogue('?q=%D1%88%D0%BA%D0%BE%D0%BB%D0%B0&school=korenovsk-sosh-5');
    await page.waitForFunction(() => document.getElementById('search-status').textContent.includes('«школа»'));
    assert.equal(await page.inputValue('#filter-school'), 'korenovsk-sosh-5');
    const first = (await results(page)).map((r) => r.href);
    assert.ok(first.length >= 1 && first.length <= 3, first.join());
    await page.reload();
    await page.waitForFunction(() => document.getElementById('search-status').textContent.includes('«школа»'));
    assert.deepEqual((await results(page)).map((r) => r.href), first);
    assert.equal(await page.inputValue('#filter-school'), 'korenovsk-sosh-5');
  });

  it('sorts by title with JavaScript as the static by-title pages do', async () => {
    const noJs = await newPage(env.browser, { javaScriptEnabled: false });
    const order = [];
    for (let url = `${env.site.url}/practices/by-title/`; url;) {
      await noJs.goto(url);
      order.push(...await noJs.$$eval('#catalogue-list .card-title a', (as) => as.map((a) => a.getAttribute('href'))));
      const next = await noJs.$('.pager a[rel="next"]');
      url = next ? new URL(await next.getAttribute('href'), env.site.url).href : null;
    }
    const page = await catalogue();
    await page.selectOption('#filter-sort', 'title');
    await page.waitForFunction(() => /sort=title/.test(location.search));
    await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length === n, Math.min(10, order.length));
    assert.deepEqual((await showAll(page)).map((r) => r.href), order);
  });
});

describe('without JavaScript', () => {
  it('pages through the whole catalogue, newest first and by title', async () => {
    const page = await newPage(env.browser, { javaScriptEnabled: false });
    for (const start of ['/practices/', '/practices/by-title/']) {
      const seen = [];
      const dates = [];
      for (let url = `${env.site.url}${start}`; url;) {
        await page.goto(url);
        assert.equal(await page.$eval('#search-results', (e) => e.hidden), true);
        seen.push(...await page.$$eval('#catalogue-list .card-title a', (as) => as.map((a) => a.textContent)));
        dates.push(...await page.$$eval('#catalogue-list time', (ts) => ts.map((t) => t.getAttribute('datetime'))));
        const next = await page.$('.pager a[rel="next"]');
        url = next ? new URL(await next.getAttribute('href'), env.site.url).href : null;
      }
      assert.equal(seen.length, PRACTICES.length, start);
      assert.equal(new Set(seen).size, PRACTICES.length);
      if (start === '/practices/') assert.deepEqual(dates, [...dates].sort().reverse());
      else {
        const folded = seen.map((t) => t.toLowerCase().replace(/ё/g, 'е'));
        assert.deepEqual(folded, [...folded].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      }
    }
  });

  it('the term pages list as many practices as their facet link counts', async () => {
    const page = await newPage(env.browser, { javaScriptEnabled: false });
    await page.goto(`${env.site.url}/practices/`);
    const facets = await page.$$eval('.facet li', (lis) => lis.map((li) => ({
      href: li.querySelector('a').getAttribute('href'), count: Number(li.querySelector('.count').textContent),
    })));
    assert.ok(facets.length > 10);
    for (const f of facets) {
      let listed = 0;
      for (let url = `${env.site.url}${f.href}`; url;) {
        await page.goto(url);
        listed += await page.$$eval('.cards .card', (cs) => cs.length);
        const next = await page.$('.pager a[rel="next"]');
        url = next ? new URL(await next.getAttribute('href'), env.site.url).href : null;
      }
      assert.equal(listed, f.count, f.href);
    }
  });
});

describe('keyboard', () => {
  it('moves from the search box through the results and back', async () => {
    const page = await catalogue();
    await page.focus('#q');
    await page.keyboard.type('отчет');
    await page.waitForFunction(() => document.getElementById('search-status').textContent.includes('«отчет»'));
    const links = await page.$$eval('#search-results .card-title a', (as) => as.map((a) => a.getAttribute('href')));
    const active = () => page.evaluate(() => document.activeElement.getAttribute('href') || document.activeElement.id);
    await page.keyboard.press('ArrowDown');
    assert.equal(await active(), links[0]);
    await page.keyboard.press('ArrowDown');
    assert.equal(await active(), links[1]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await active(), 'q');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${links[0]}`);
  });

  it('Escape clears the query; Tab reaches the filters, which work from the keyboard', async () => {
    const page = await catalogue();
    await page.focus('#q');
    await page.keyboard.type('отчет');
    await page.waitForFunction(() => !document.getElementById('search-results').hidden);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.getElementById('search-results').hidden);
    assert.equal(await page.inputValue('#q'), '');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Фильтры и порядок');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'filter-direction');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => /direction=/.test(location.search));
    assert.equal(await visible(page, '#search-results'), true);
  });

  it('starts with a skip link to the content', async () => {
    const page = await newPage(env.browser);
    await page.goto(`${env.site.url}/practices/`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Перейти к содержанию');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => location.hash), '#main');
  });
});
