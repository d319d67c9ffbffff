// Shared setup: the built site (SITE_DIR, built by run.sh), its server and Debian's Chromium.

import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { serve } from './server.mjs';

export const SITE_DIR = process.env.SITE_DIR;
if (!SITE_DIR || !existsSync(`${SITE_DIR}/index.html`))
  throw new Error('SITE_DIR must point to a built site (run tests/browser/run.sh)');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Starts the server and the browser; returns {site, browser, close()}. */
export async function start() {
  const site = await serve(SITE_DIR);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return { site, browser, close: async () => { await browser.close(); await site.close(); } };
}

/** A page that fails the test on any script error. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ locale: 'ru-RU', ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}
