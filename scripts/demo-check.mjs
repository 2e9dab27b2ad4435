// End-to-end check of the demo as a newcomer uses it (`npm run test:demo`, run by CI after the build):
// serves the demo, opens it in headless Chromium under its strict CSP, clicks the call button, waits
// for the call to connect and the timer to run, hangs up and checks the record carried by call-end.
// Fails on any console error or CSP violation. Pass --screenshot FILE to keep a picture.
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from './find-chrome.mjs';
import { startServer } from './serve.mjs';

const screenshotIndex = process.argv.indexOf('--screenshot');
const screenshot = screenshotIndex > 0 ? process.argv[screenshotIndex + 1] : undefined;

const { server, url } = await startServer(0);
const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
const problems = [];
try {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      // zod probes whether eval is allowed (and falls back when it is not): that probe is expected.
      if (event.violatedDirective.startsWith('script-src') && event.blockedURI === 'eval') return;
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
    window.__ends = [];
    document.addEventListener('call-end', (event) => window.__ends.push(event.detail));
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => customElements.get('call-button') !== undefined);

  const state = () => page.$eval('#main-call', (el) => el.getAttribute('state'));
  const seen = new Set([await state()]);
  await page.evaluate(() => document.querySelector('#main-call').shadowRoot.querySelector('[part~="call-button"]').click());
  const deadline = Date.now() + 15_000;
  while (!seen.has('connected')) {
    if (Date.now() > deadline) throw new Error(`never connected; states seen: ${[...seen].join(', ')}`);
    seen.add(await state());
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const expected of ['idle', 'connecting', 'ringing', 'connected']) {
    if (!seen.has(expected)) throw new Error(`state ${expected} was never shown (saw ${[...seen].join(', ')})`);
  }
  const timer = () => page.$eval('#main-call', (el) => el.shadowRoot.querySelector('[part~="timer"]')?.textContent.trim());
  const firstTick = await timer();
  await new Promise((r) => setTimeout(r, 2200));
  const laterTick = await timer();
  if (!firstTick || firstTick === laterTick) throw new Error(`the timer does not run (${firstTick} then ${laterTick})`);
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });

  await page.evaluate(() => document.querySelector('#main-call').shadowRoot.querySelector('[part~="hangup-button"]').click());
  await page.waitForFunction(() => window.__ends.length === 1, { timeout: 5000 });
  await new Promise((r) => setTimeout(r, 300));
  const ends = await page.evaluate(() => window.__ends);
  if (ends.length !== 1) throw new Error(`expected one call-end, got ${ends.length}`);
  const record = ends[0];
  const expected = { provider: 'demo', direction: 'outbound', status: 'completed', to: '+33123456789', agentId: 'agent-7', leadId: 'lead-42', requestId: 'req-123', userId: 'demo-user', endedBy: 'agent' };
  for (const [key, value] of Object.entries(expected)) {
    if (record[key] !== value) throw new Error(`record.${key} is ${JSON.stringify(record[key])}, expected ${JSON.stringify(value)}`);
  }
  if (!/^DM[0-9a-f]{32}$/.test(record.callSid) || record.id !== `demo:${record.callSid}`) throw new Error(`bad ids ${record.id}`);
  if (!(record.durationSec >= 2)) throw new Error(`duration ${record.durationSec}`);
  if (await state() !== 'ended') throw new Error(`final state ${await state()}`);
  if (problems.length) throw new Error(problems.join('\n'));
  console.log(`demo check passed: ${[...seen].join(' → ')} → ended; record ${record.id}, ${record.durationSec} s`);
} catch (error) {
  console.error(`demo check failed: ${error.message}`);
  if (problems.length) console.error(problems.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
