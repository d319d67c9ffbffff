// The browser editor of `nastavnik serve` (issue 22), driven as a methodologist would: create a
// practice with a school picked by name, see a rule error beside its field before saving, fix
// it, save, see the page rebuilt and the commit in `git log`; edit one value of a school file
// with comments (its other bytes stay); a file changed on disk meanwhile is not overwritten;
// axe-core finds no serious or critical violations; everything works from the keyboard and on a
// 360 px phone. The site is a temporary Git copy of tests/sites/privacy.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { violations } from './lib/axe.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..');
const NASTAVNIK = process.env.NASTAVNIK || join(ROOT, 'build', 'nastavnik');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SCHOOL_A = 'data/schools/pub-school-a.toml';
const SCHOOL_B = 'data/schools/pub-school-b.toml';
const MESSAGE = 'Практика «Школьная медиация» добавлена через редактор';

let work, site, server, editorUrl, origin, browser;

const git = (...args) => execFileSync('git', ['-C', site, ...args], { encoding: 'utf8' });
const read = (path) => readFileSync(join(site, path), 'utf8');

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function makeSite() {
  work = mkdtempSync(join(tmpdir(), 'nk-editor-'));
  site = join(work, 'site');
  cpSync(join(ROOT, 'tests/sites/privacy'), site, { recursive: true });
  appendFileSync(join(site, 'config.toml'), '\n[editor]\nname = "Методист Тестов"\nemail = "metodist@example.org"\n');
  // A school file as people write them: a comment on top, aligned values, a trailing comment.
  const a = read(SCHOOL_A);
  writeFileSync(join(site, SCHOOL_A), '# Школа № 1: данные из отчёта за 2021 год\n'
    + a.replace('ior = 0.73', 'ior   = 0.73   # по отчёту'));
  // A draft school: a published practice may not name it (a cross-record rule; serve runs
  // with --no-drafts, as the published site is built).
  writeFileSync(join(site, 'data/schools/draft-school.toml'),
    'name = "Школа-черновик № 9"\nmunicipality = "Публичный район"\ndraft = true\n');
  git('init', '-q');
  git('-c', 'user.name=Fixture', '-c', 'user.email=f@example.org', 'add', '-A');
  git('-c', 'user.name=Fixture', '-c', 'user.email=f@example.org', 'commit', '-qm', 'init');
}

async function startServer() {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn(NASTAVNIK, ['serve', '--source', site, '--port', String(port), '--jobs', '2', '--no-drafts'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  editorUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve printed no editor address:\n' + log)), 180000);
    const look = (chunk) => {
      log += chunk;
      const m = log.match(/http:\/\/127\.0\.0\.1:\d+\/__nastavnik\/edit\/\?token=[0-9a-f]{32}/);
      if (m) { clearTimeout(timer); resolve(m[0]); }
    };
    server.stdout.on('data', look);
    server.stderr.on('data', look);
    server.on('exit', () => reject(new Error('serve stopped:\n' + log)));
  });
}

async function editor(options = {}) {
  // bypassCSP: axe-core is injected as a script; the editor's own page allows only its files.
  const context = await browser.newContext({ locale: 'ru-RU', bypassCSP: true, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(editorUrl);
  await page.waitForSelector('#record-list button');
  return page;
}

async function openRecord(page, path) {
  await page.click(`#record-list button[data-path="${path}"]`);
  await page.waitForFunction((p) => document.getElementById('record-path').textContent === p, path);
  await page.waitForFunction(() => /Проверено/.test(document.getElementById('record-status').textContent));
}

async function openRecordButton(page, path) {
  await page.click(`#record-list button[data-path="${path}"]`);
}

async function waitFor(fn, what, ms = 90000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 300));
  }
}

before(async () => {
  makeSite();
  await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});

after(async () => {
  if (browser) await browser.close();
  if (server) { server.kill('SIGTERM'); await new Promise((r) => server.once('exit', r)); }
  rmSync(work, { recursive: true, force: true });
});

describe('the browser editor', () => {
  it('creates a practice with a school picked by name, shows a rule error beside its field, saves and commits', async () => {
    const page = await editor();
    await page.selectOption('#create-type', 'practice');
    await page.fill('#create-title', 'Школьная медиация');
    await page.click('#create-form button[type=submit]');
    await page.waitForFunction(() => document.getElementById('record-path').textContent.startsWith('content/practices/'));
    const path = await page.textContent('#record-path');
    const id = path.replace(/^.*\//, '').replace(/\.md$/, '');
    await page.waitForFunction(() => /Проверено/.test(document.getElementById('record-status').textContent));
    const created = read(path);

    // A draft school picked by its name: the cross-record rule reports it beside «schools».
    await page.fill('#f-schools', 'Школа-черновик № 9');
    await page.press('#f-schools', 'Enter');
    const error = await page.waitForSelector('#f-schools-field .field-error[role=alert]');
    assert.match(await error.textContent(), /черновик/i);
    assert.deepEqual(await violations(page), [], 'axe-core with an error beside a field');
    const errorId = await error.getAttribute('id');
    assert.ok((await page.getAttribute('#f-schools', 'aria-describedby')).split(' ').includes(errorId),
      'the field is described by its error');
    assert.equal(await page.getAttribute('#f-schools', 'aria-invalid'), 'true');
    assert.equal(read(path), created, 'nothing is written before «Сохранить»');
    // Checked again as one types elsewhere: the same message stays (not announced again).
    await page.fill('#f-tags', 'медиация');
    await page.waitForTimeout(1500);
    assert.ok(await page.$(`#${errorId}`), 'the message beside «schools» is the same node');

    // Fixed: the draft school out, a published one in (by its name), a summary typed.
    await page.click('#f-schools-field button[aria-label^="Убрать"]');
    await page.fill('#f-schools', 'СОШ № 1');
    await page.click('#f-schools-add');
    await page.fill('#f-summary', 'Служба медиации в школе: как её создать за полгода.');
    // The body: Markdown with a preview the generator renders (safely: no script gets through).
    await page.fill('#f-body', '## Как начали\n\nСобрали **команду медиаторов**.\n\n<script>window.hacked = 1</script>\n');
    await page.click('#f-body-field button[aria-controls=f-body-preview]');
    await page.waitForSelector('#f-body-preview h2');
    assert.equal(await page.textContent('#f-body-preview strong'), 'команду медиаторов');
    assert.equal(await page.$('#f-body-preview script'), null);
    assert.equal(await page.evaluate(() => window.hacked), undefined);
    await page.waitForFunction(() => !document.querySelector('#f-schools-field .field-error')
      && !document.querySelector('#f-schools[aria-invalid]')
      && /Проверено: замечаний нет|ошибок — 0/.test(document.getElementById('record-status').textContent));
    await page.click('#save');
    await page.waitForFunction(() => /Сохранено/.test(document.getElementById('record-status').textContent));
    const saved = read(path);
    assert.match(saved, /schools = \["pub-school-a"\]/);
    assert.match(saved, /summary = "Служба медиации в школе: как её создать за полгода\."/);
    assert.match(saved, /\+\+\+\n+## Как начали\n\nСобрали \*\*команду медиаторов\*\*\./);

    // The watcher rebuilds the site (the editor says so): the practice's page is served.
    await page.waitForFunction(() => /Сайт пересобран/.test(document.getElementById('rebuild-status').textContent),
      null, { timeout: 90000 });
    const html = await waitFor(async () => {
      const r = await fetch(`${origin}/practices/${id}/`);
      const text = r.ok ? await r.text() : '';
      return text.includes('Служба медиации в школе') ? text : null;
    }, 'the rebuilt practice page');
    assert.match(html, /Школьная медиация/);

    // «Сохранить в истории»: a commit with the typed message and the configured author.
    await page.waitForFunction(() => document.getElementById('git-list').textContent.includes('content/practices/'));
    await page.fill('#commit-message', MESSAGE);
    await page.click('#commit-form button[type=submit]');
    await page.waitForFunction(() => /Сохранено в истории/.test(document.getElementById('commit-status').textContent));
    assert.equal(git('log', '-1', '--format=%s').trim(), MESSAGE);
    assert.deepEqual(await violations(page), [], 'axe-core with a record saved and committed');
    assert.equal(git('log', '-1', '--format=%an <%ae>').trim(), 'Методист Тестов <metodist@example.org>');
    assert.match(git('show', '--name-only', '--format=', 'HEAD'), new RegExp(path.replace(/\./g, '\\.')));
    assert.equal(git('status', '--porcelain', '--', 'content', 'data').trim(), '', 'every edited record is committed');
    assert.deepEqual(page.errors, []);
  });

  it('changes one value of a school file with comments and keeps every other byte', async () => {
    const before = read(SCHOOL_A);
    const page = await editor();
    await openRecord(page, SCHOOL_A);
    // [[years]] in file order: 2020, 2021, 2019; the second has the commented value.
    assert.equal(await page.inputValue('#f-years-1-ior'), '0.73');
    // Out of range: the error stands beside that year's ИОР, not elsewhere.
    await page.fill('#f-years-1-ior', '1.5');
    const error = await page.waitForSelector('#f-years-1-ior-field .field-error[role=alert]');
    assert.match(await error.textContent(), /ior/);
    assert.equal(await page.$$eval('.field-error', (n) => n.length), 1);
    await page.fill('#f-years-1-ior', '0.74');
    await page.waitForFunction(() => !document.querySelector('.field-error'));
    await page.click('#save');
    await page.waitForFunction(() => /Сохранено/.test(document.getElementById('record-status').textContent));
    assert.equal(read(SCHOOL_A), before.replace('ior   = 0.73   # по отчёту', 'ior   = 0.74   # по отчёту'));
    assert.deepEqual(page.errors, []);
  });

  it('adds and removes rows of repeatable groups ([[goals]], [[events]])', async () => {
    const path = 'data/mentorships/pub-m.toml';
    const page = await editor();
    await openRecord(page, path);
    await page.click('#f-goals-add');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-goals-2-indicator', 'focus goes to the new row');
    await page.fill('#f-goals-2-indicator', 'Доля педагогов с планом развития');
    await page.fill('#f-goals-2-unit', '%');
    await page.fill('#f-goals-2-baseline', '10');
    await page.fill('#f-goals-2-target', '50');
    await page.click('#f-events-1 button');  // «Удалить строку 2»: the internal event
    // [internal]: a text value changed, a new field added.
    await page.fill('#f-internal-0', 'zqvalmentorshipx, уточнено');
    await page.fill('#f-internal-new-key', 'Примечание');
    await page.fill('#f-internal-new-value', 'Сверено с соглашением');
    await page.click('#f-internal-field button:has-text("Добавить поле")');
    await page.waitForFunction(() => /Проверено/.test(document.getElementById('record-status').textContent)
      && !document.querySelector('#f-events-1'));
    await page.click('#save');
    await page.waitForFunction(() => /Сохранено/.test(document.getElementById('record-status').textContent));
    const saved = read(path);
    assert.match(saved, /\[\[goals\]\]\nindicator = "Доля педагогов с планом развития"\nunit = "%"\nbaseline = 10\ntarget = 50\n/);
    assert.equal(saved.match(/\[\[goals\]\]/g).length, 3);
    assert.equal(saved.match(/\[\[events\]\]/g).length, 1);
    assert.ok(!saved.includes('zqmeventtitlex') && saved.includes('Установочная встреча'));
    assert.ok(saved.includes('zqgoalindicatorx'), 'the rest stays');
    assert.match(saved, /\[internal\]\nzqkeymentorshipx = "zqvalmentorshipx, уточнено"\n"Примечание" = "Сверено с соглашением"\n/);
    assert.deepEqual(page.errors, []);
  });

  it('does not overwrite a file changed on disk since the form was opened, and shows both versions', async () => {
    const page = await editor();
    await openRecord(page, SCHOOL_B);
    await page.fill('#f-address', 'г. Публичный, ул. Школьная, 1');
    const changedOnDisk = read(SCHOOL_B) + '# поправлено в другом редакторе\n';
    writeFileSync(join(site, SCHOOL_B), changedOnDisk);
    await page.click('#save');
    await page.waitForSelector('#conflict:not([hidden])');
    assert.match(await page.textContent('#conflict-disk'), /поправлено в другом редакторе/);
    assert.match(await page.textContent('#conflict-mine'), /ул\. Школьная, 1/);
    assert.equal(read(SCHOOL_B), changedOnDisk, 'the file on disk is left as it was');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'conflict');
    assert.deepEqual(await violations(page), [], 'axe-core on the conflict view');
  });

  it('has no serious or critical axe-core violations, on a wide screen and a 360 px phone', async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
      const page = await editor({ viewport });
      assert.deepEqual(await violations(page), [], `the list, ${viewport.width}px`);
      for (const path of [SCHOOL_A, 'data/mentorships/pub-m.toml', 'content/practices/pub-practice.md']) {
        await openRecord(page, path);
        assert.deepEqual(await violations(page), [], `${path}, ${viewport.width}px`);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(wide <= viewport.width, `${path}: the page is ${wide}px wide on a ${viewport.width}px screen`);
      }
      assert.deepEqual(page.errors, []);
    }
  });

  it('works from the keyboard alone, with a visible focus', async () => {
    const page = await editor();
    const tabTo = async (test, what) => {
      for (let i = 0; i < 400; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(test)) return;
      }
      throw new Error('Tab never reached ' + what);
    };
    await tabTo(() => document.activeElement.id === 'search', 'the search field');
    await page.keyboard.type('СОШ № 2');
    await tabTo(() => document.activeElement.matches('#record-list button'), 'a record');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'the focused record shows its focus');
    const path = await page.evaluate(() => document.activeElement.dataset.path);
    await page.keyboard.press('Enter');
    await page.waitForFunction((p) => document.getElementById('record-path').textContent === p, path);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'record-title', 'focus moves to the form');
    await tabTo(() => document.activeElement.id === 'f-short_name', 'the short name');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('СОШ № 2 (с клавиатуры)');
    await tabTo(() => document.activeElement.id === 'save', '«Сохранить»');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Сохранено/.test(document.getElementById('record-status').textContent));
    assert.match(read(path), /short_name = "СОШ № 2 \(с клавиатуры\)"/);
    assert.deepEqual(page.errors, []);
  });

  it('does not open a file TOML cannot read as a form (nothing in it could be kept)', async () => {
    const broken = 'data/schools/broken.toml';
    writeFileSync(join(site, broken), 'name = "Школа без кавычки\nmunicipality = "Район"\n');
    try {
      const page = await editor();
      await openRecordButton(page, broken);
      await page.waitForFunction(() => /ошибка TOML/.test(document.getElementById('placeholder').textContent));
      assert.equal(await page.isHidden('#record-form'), true);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'placeholder');
    } finally {
      rmSync(join(site, broken));
    }
  });
});
