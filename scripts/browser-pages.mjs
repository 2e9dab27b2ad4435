// One browser page in any of the three engines, behind the small part of puppeteer's Page API that the
// demo check uses (goto, evaluate, $eval, $$eval, waitForFunction, click, select, screenshot), with what
// went wrong on the page collected: console errors, uncaught errors, CSP violations, failed responses.
// Chromium and Firefox are puppeteer-core pages; WebKit is a WebDriver session (webdriverio).
import puppeteer from 'puppeteer-core';
import { remote } from 'webdriverio';
import { CHROME_ARGS } from './find-chrome.mjs';
import { startWebKitDriver } from './webkit-driver.mjs';
import { withViewportOnOlderFirefox } from './engines.mjs';

/** Installed in every document before its scripts run (or, in WebKit, as soon as it has loaded). */
function watchPage() {
  if (window.__problems) return;
  window.__problems = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    // zod probes whether eval is allowed (and falls back when it is not): that probe is expected.
    if (event.violatedDirective.startsWith('script-src') && event.blockedURI === 'eval') return;
    window.__problems.push(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
  });
  window.addEventListener('error', (event) => window.__problems.push(`uncaught: ${event.message}`));
  window.__ends = [];
  window.__stored = [];
  window.__saved = [];
  document.addEventListener('call-end', (event) => window.__ends.push(event.detail));
  document.addEventListener('call-stored', (event) => window.__stored.push(event.detail.id));
  document.addEventListener('settings-saved', (event) => window.__saved.push(event.detail));
}

async function puppeteerPage(engine, located) {
  const browser = await puppeteer.launch(
    engine === 'firefox'
      ? { browser: 'firefox', executablePath: located.firefox.executablePath, headless: true }
      : { browser: 'chrome', executablePath: located.chromium.executablePath, headless: true, args: CHROME_ARGS },
  );
  const page = engine === 'firefox' ? withViewportOnOlderFirefox(await browser.newPage()) : await browser.newPage();
  if (engine === 'firefox') page.waitForFunction = (fn, options, ...args) => pollUntil((check, values) => truthyIn(page, check, values), fn, options, args);
  await page.setViewport({ width: 1280, height: 900 });
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  await page.evaluateOnNewDocument(watchPage);
  return {
    page,
    async problems() {
      const inPage = await page.evaluate(() => window.__problems ?? []).catch(() => []);
      return [...problems, ...inPage];
    },
    close: () => browser.close(),
  };
}

/**
 * Waits until `fn` returns something truthy in the page (an element counts), asking every `polling` ms. Used
 * over WebDriver, and in Firefox ESR 140, where puppeteer's own waitForFunction evaluates its poller as a
 * string the demo's Content-Security-Policy refuses (no 'unsafe-eval'); a function called by puppeteer is not.
 */
async function pollUntil(truthy, fn, { timeout = 10_000, polling = 100 } = {}, args = []) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await truthy(fn, args)) return;
    if (Date.now() > deadline) throw new Error(`waitForFunction timed out after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, polling));
  }
}

/** Whether `fn(...args)` is truthy in a puppeteer page: an element it returns counts, as in waitForFunction. */
async function truthyIn(page, fn, args) {
  const handle = await page.evaluateHandle(fn, ...args);
  try {
    return handle.asElement() !== null || !!(await handle.jsonValue());
  } finally {
    await handle.dispose();
  }
}

/** puppeteer's `$eval` and friends, over a WebDriver session (functions travel as their source). */
function webDriverPage(driver) {
  const call = (fn, prelude, args) => driver.execute(`${prelude}; return (${fn}).apply(null, [...__target, ...arguments]);`, ...args);
  const page = {
    async goto(url) {
      await driver.url(url);
      await driver.execute(`(${watchPage})()`);
    },
    evaluate: (fn, ...args) => call(fn, 'const __target = []', args),
    $eval: (selector, fn, ...args) => call(fn, `const __target = [document.querySelector(${JSON.stringify(selector)})]`, args),
    $$eval: (selector, fn, ...args) => call(fn, `const __target = [[...document.querySelectorAll(${JSON.stringify(selector)})]]`, args),
    waitForFunction: (fn, options, ...args) => pollUntil((check, values) => page.evaluate(check, ...values), fn, options, args),
    async click(selector) {
      // As puppeteer does: into view first (WebDriver refuses a click that something else would receive).
      const element = await driver.$(selector);
      await element.scrollIntoView({ block: 'center', inline: 'center' });
      await element.click();
    },
    select: async (selector, value) => (await driver.$(selector)).selectByAttribute('value', value),
    screenshot: ({ path }) => driver.saveScreenshot(path),
  };
  return page;
}

async function webKitPage(located) {
  const server = await startWebKitDriver(located.webkit);
  const driver = await remote({
    hostname: '127.0.0.1',
    port: server.port,
    path: '/',
    logLevel: 'error',
    capabilities: {
      browserName: 'MiniBrowser',
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': { binary: located.webkit.minibrowser, args: ['--automation'] },
    },
  });
  await driver.setWindowSize(1280, 900).catch(() => undefined);
  return {
    page: webDriverPage(driver),
    // Classic WebDriver shows neither the console nor the responses: what the page itself saw.
    problems: () => driver.execute(() => window.__problems ?? []).catch(() => []),
    async close() {
      await driver.deleteSession().catch(() => undefined);
      server.stop();
    },
  };
}

/** A fresh page in `engine` ("chromium", "firefox" or "webkit"), with `located` from locateEngines(). */
export function openPage(engine, located) {
  return engine === 'webkit' ? webKitPage(located) : puppeteerPage(engine, located);
}
