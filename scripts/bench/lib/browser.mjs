import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from '../../find-chrome.mjs';

/** Headless Chromium as the demo check runs it; `--expose-gc` lets pages collect garbage between phases. */
export function launchBrowser() {
  return puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    args: [...CHROME_ARGS, '--js-flags=--expose-gc'],
    protocolTimeout: 180_000,
  });
}

/**
 * Opens a bench page and waits for its module to set `window.bench`. Uncaught errors and console
 * errors of the page are collected in `page.problems` (a benchmark that met one did not run cleanly).
 */
export async function openBenchPage(browser, url) {
  const page = await browser.newPage();
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') page.problems.push(`console error: ${message.text()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  try {
    await page.waitForFunction(() => window.bench !== undefined, { timeout: 20_000 });
  } catch (error) {
    await page.close();
    throw new Error(`${url} did not start: ${page.problems.join('; ') || error.message}`);
  }
  return page;
}

/** Throws when the page reported a problem while it ran. */
export function assertClean(page, what) {
  if (page.problems.length) throw new Error(`${what}: ${page.problems.join('; ')}`);
}
