// End-to-end check of the demo as a newcomer uses it (`npm run test:demo`, run by CI after the build):
// serves the demo, opens it in each engine (Chromium, Firefox, WebKit; CALL_ELEMENTS_ENGINES narrows it)
// under its strict CSP, and goes through it: one whole call
// (states, running timer, the record of call-end, the call in the stored-calls table), a call stored while
// the demo backend is down (retried, then stored once it is back), a dead letter retried by hand, the
// language switch, the settings role switcher (and a save that shows the Aircall button), and the theme.
// Fails on any console error, failed request or CSP violation (in WebKit, whose WebDriver shows neither the
// console nor the responses: on uncaught errors and CSP violations). Pass --screenshot FILE to keep pictures.
import { openPage } from './browser-pages.mjs';
import { ENGINE_NAMES, locateEngines, selectedEngines } from './engines.mjs';
import { startServer } from './serve.mjs';

const screenshotIndex = process.argv.indexOf('--screenshot');
const screenshot = screenshotIndex > 0 ? process.argv[screenshotIndex + 1] : undefined;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Goes through the demo at `url` in `page`; returns what passed. Throws at the first thing that does not. */
async function checkDemo(page, url, engine) {
  const passed = [];
  /** Waits until `fn(...args)` is truthy in the page; fails with `message` (and the last value seen) otherwise. 30 s: on a
   * loaded machine the first load of a lazily downloaded part (the settings form, once) took more than 10 s in Chromium. */
  const until = async (message, fn, args = [], timeout = 30_000) => {
    try {
      await page.waitForFunction(fn, { timeout, polling: 100 }, ...args);
    } catch {
      throw new Error(`${message} (after ${timeout} ms)`);
    }
  };
  const text = (selector) => page.$eval(selector, (el) => el.textContent.trim().replace(/\s+/g, ' '));
  const figure = (list, name) => text(`${list} dd[data-figure="${name}"]`);
  const clickPart = (host, part) =>
    page.evaluate((h, p) => document.querySelector(h).shadowRoot.querySelector(`[part~="${p}"]`).click(), host, part);
  const partText = (host, part) =>
    page.evaluate((h, p) => document.querySelector(h).shadowRoot.querySelector(`[part~="${p}"]`)?.textContent.trim(), host, part);
  const state = (host) => page.$eval(host, (el) => el.getAttribute('state'));
  const rowCells = (id) =>
    page.evaluate((callId) => {
      const row = [...document.querySelectorAll('#stored-calls tbody tr')].find((tr) => tr.dataset.callId === callId);
      return row ? [...row.cells].map((cell) => cell.textContent.trim()) : undefined;
    }, id);
  /** Message keys shown instead of text (a catalogue the bundle lost), in every shadow root and the page. */
  const untranslated = () =>
    page.evaluate(() => {
      const found = [];
      const key = /^(?:[a-z]+\.)+[a-zA-Z-]+$/;
      const walk = (root) => {
        const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = texts.nextNode(); node; node = texts.nextNode()) {
          const value = node.textContent.trim();
          if (key.test(value) && !node.parentElement?.closest('code, pre')) found.push(value);
        }
        for (const element of root.querySelectorAll('*')) {
          for (const name of ['aria-label', 'title', 'placeholder']) {
            const value = element.getAttribute(name);
            if (value && key.test(value.trim())) found.push(`${name}=${value}`);
          }
          if (element.shadowRoot) walk(element.shadowRoot);
        }
      };
      walk(document.body);
      return found;
    });
  const checkTranslated = async (when) => {
    const keys = await untranslated();
    check(keys.length === 0, `message keys shown instead of text ${when}: ${keys.slice(0, 5).join(', ')}`);
  };
  const backendLines = (id, outcome) =>
    page.$$eval('#backend-log li', (items, callId, kind) => items.filter((li) => li.dataset.callId === callId && li.dataset.outcome === kind).length, id, outcome);

  /** Calls from `host`, waits for the answer, hangs up, and returns the record of call-end. */
  async function callAndHangUp(host) {
    const endsBefore = await page.evaluate(() => window.__ends.length);
    await clickPart(host, 'call-button');
    await until(`${host} never connected`, (h) => document.querySelector(h).getAttribute('state') === 'connected', [host]);
    await clickPart(host, 'hangup-button');
    await until(`${host}: no call-end`, (n) => window.__ends.length === n + 1, [endsBefore]);
    return page.evaluate(() => window.__ends.at(-1));
  }

  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => customElements.get('call-button') !== undefined);
  await until('the stored-calls table never rendered', () => document.querySelector('#stored-calls tbody tr') !== null);
  check((await text('#stored-calls tbody')).startsWith('No stored call yet'), `a fresh profile shows stored calls: ${await text('#stored-calls tbody')}`);
  await until('the settings form did not load', () => document.querySelector('#settings').shadowRoot.querySelector('[part~="save-button"]') !== null);
  await checkTranslated('on load');

  // 1. One whole call, as before: every state, a running timer, one record, then stored and listed.
  const seen = new Set([await state('#main-call')]);
  await clickPart('#main-call', 'call-button');
  const deadline = Date.now() + 15_000;
  while (!seen.has('connected')) {
    if (Date.now() > deadline) throw new Error(`never connected; states seen: ${[...seen].join(', ')}`);
    seen.add(await state('#main-call'));
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const expected of ['idle', 'connecting', 'ringing', 'connected']) {
    check(seen.has(expected), `state ${expected} was never shown (saw ${[...seen].join(', ')})`);
  }
  check((await text('#live-call')).includes('Jean Dupont'), `the live call is not shown: ${await text('#live-call')}`);
  const firstTick = await partText('#main-call', 'timer');
  await new Promise((r) => setTimeout(r, 2200));
  const laterTick = await partText('#main-call', 'timer');
  check(firstTick && firstTick !== laterTick, `the timer does not run (${firstTick} then ${laterTick})`);

  check((await partText('#live-controls', 'name')) === 'Jean Dupont', `<call-controls> does not show the live call: ${await partText('#live-controls', 'name')}`);
  // Hang up from the page's live-call controls: the call belongs to the page, not to the button that placed it.
  await clickPart('#live-controls', 'hangup-button');
  await until('no call-end', () => window.__ends.length === 1, [], 5000);
  await new Promise((r) => setTimeout(r, 300));
  const ends = await page.evaluate(() => window.__ends);
  check(ends.length === 1, `expected one call-end, got ${ends.length}`);
  const record = ends[0];
  const expected = { provider: 'demo', direction: 'outbound', status: 'completed', to: '+33123456789', agentId: 'agent-7', leadId: 'lead-42', requestId: 'req-123', userId: 'demo-user', endedBy: 'agent' };
  for (const [key, value] of Object.entries(expected)) {
    check(record[key] === value, `record.${key} is ${JSON.stringify(record[key])}, expected ${JSON.stringify(value)}`);
  }
  check(/^DM[0-9a-f]{32}$/.test(record.callSid) && record.id === `demo:${record.callSid}`, `bad ids ${record.id}`);
  check(record.durationSec >= 2, `duration ${record.durationSec}`);
  check((await state('#main-call')) === 'ended', `final state ${await state('#main-call')}`);
  await until(`call-stored never came for ${record.id}`, (id) => window.__stored.includes(id), [record.id]);
  await until('the stored call is not in the table', (id) => [...document.querySelectorAll('#stored-calls tbody tr')].some((tr) => tr.dataset.callId === id), [record.id]);
  const cells = await rowCells(record.id);
  check(cells[1] === 'Jean Dupont · lead-42' && cells[2] === '+33123456789' && cells[3] === 'Call ended' && cells[5] === record.id, `stored row: ${cells.join(' | ')}`);
  check(/^\d+:\d\d$/.test(cells[4]) && cells[4] !== '0:00' && cells[4] !== '0:01', `stored duration: ${cells[4]}`);
  check((await figure('#stats', 'calls')) === '1' && (await figure('#stats', 'answered')) === '1', 'the $stats figures do not count the call');
  passed.push(`call ${[...seen].join(' → ')} → ended, ${record.durationSec} s, stored and listed`);

  // Shorter rings for the next calls.
  await page.$eval('#answer-after', (input) => {
    input.value = '0.5';
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });

  // 2. Backend down: the outbox keeps the call and retries; switched back, the next retry stores it.
  await page.click('#backend-down');
  const down = await callAndHangUp('#lead-ada');
  check(down.leadId === 'lead-43' && down.requestId === 'req-124', `lead-ada record: ${down.leadId} ${down.requestId}`);
  await until('the outbox never retried while the backend was down', (id) =>
    [...document.querySelectorAll('#backend-log li')].filter((li) => li.dataset.callId === id && li.dataset.outcome === 'refusedDown').length >= 2,
    [down.id], 15_000);
  check((await figure('#outbox', 'pending')) === '1', `pending while down: ${await figure('#outbox', 'pending')}`);
  check((await figure('#outbox', 'last-error')).startsWith('storage-failed: '), `last error while down: ${await figure('#outbox', 'last-error')}`);
  check(/^in \d+ s$|^now$/.test(await figure('#outbox', 'next-attempt')), `next attempt while down: ${await figure('#outbox', 'next-attempt')}`);
  check((await rowCells(down.id)) == null, 'a call was listed as stored while the backend was down'); // undefined, or null through WebDriver
  check(!(await page.evaluate((id) => window.__stored.includes(id), down.id)), 'call-stored came while the backend was down');
  const refusals = await backendLines(down.id, 'refusedDown');
  await page.click('#backend-down');
  await until('the call was not stored after the backend came back', (id) => window.__stored.includes(id), [down.id], 20_000);
  await until('the recovered call is not in the table', (id) => [...document.querySelectorAll('#stored-calls tbody tr')].some((tr) => tr.dataset.callId === id), [down.id]);
  await until('the outbox did not empty', () => document.querySelector('#outbox dd[data-figure="pending"]').textContent === '0');
  check((await backendLines(down.id, 'stored')) === 1, 'the recovered call was not stored exactly once');
  check((await figure('#outbox', 'last-error')) === '—', `last error after recovery: ${await figure('#outbox', 'last-error')}`);
  passed.push(`backend down: ${refusals} refused attempts, then stored on recovery`);

  // 3. A permanent refusal makes a dead letter; its Retry button sends it again.
  await page.click('#backend-refuses');
  const refused = await callAndHangUp('#lead-marie');
  const deadSelector = `#dead-letters li[data-call-id="${refused.id}"]`;
  await until('no dead letter for a refused call', (s) => document.querySelector(s) !== null, [deadSelector]);
  check((await text(deadSelector)).includes('the demo backend refuses this record'), `dead letter: ${await text(deadSelector)}`);
  await page.click('#backend-refuses');
  await page.click(`${deadSelector} button`);
  await until('the retried dead letter was not stored', (id) => window.__stored.includes(id), [refused.id]);
  await until('the retried call is not in the table', (id) => [...document.querySelectorAll('#stored-calls tbody tr')].some((tr) => tr.dataset.callId === id), [refused.id]);
  await until('the dead letter did not go away', (s) => document.querySelector(s) === null, [deadSelector]);
  passed.push('dead letter retried and stored');

  // 4. Language switch: the page and the elements speak French, then English again.
  await page.select('#lang', 'fr');
  check((await page.evaluate(() => document.documentElement.lang)) === 'fr', '<html lang> is not fr');
  check((await text('#stored-title')) === 'Historique des appels', `heading in French: ${await text('#stored-title')}`);
  await until('the call button did not switch to French', () =>
    document.querySelector('#lead-ada').shadowRoot.querySelector('[part~="call-button"]').textContent.includes('Appeler'));
  check((await rowCells(record.id))[3] === 'Appel terminé', `status in French: ${(await rowCells(record.id))[3]}`);
  check((await page.$eval('#outbox dt', (dt) => dt.textContent)) === 'En attente d’enregistrement', 'outbox labels not in French');
  check((await partText('#settings', 'save-button')) === 'Enregistrer', `settings in French: ${await partText('#settings', 'save-button')}`);
  await checkTranslated('in French');
  await page.select('#lang', 'en');
  check((await text('#stored-title')) === 'Call history', `heading back in English: ${await text('#stored-title')}`);
  await until('the call button did not switch back to English', () =>
    document.querySelector('#lead-ada').shadowRoot.querySelector('[part~="call-button"]').textContent.includes('Call'));
  passed.push('language en → fr → en');

  // 5. Settings: the role switcher gives the read-only view to an agent; an admin's save shows the Aircall button.
  const settingsHas = (part) => document.querySelector('#settings').shadowRoot.querySelector(`[part~="${part}"]`) !== null;
  await until('the settings form did not load for ADMIN', settingsHas, ['save-button']);
  await until('the Aircall button is not hidden before Aircall is configured', () =>
    document.querySelector('#aircall-call').hasAttribute('unavailable') && document.querySelector('#aircall-status').dataset.state === 'hidden');
  await page.select('#role', 'AGENT');
  check((await page.$eval('#settings', (el) => el.getAttribute('roles'))) === 'AGENT', 'the role switcher did not set roles');
  await until('an AGENT still gets a Save button', () => {
    const root = document.querySelector('#settings').shadowRoot;
    return root.querySelector('[part~="save-button"]') === null && root.querySelector('#read-only') !== null;
  });
  await page.select('#role', 'MANAGER');
  await until('a MANAGER gets no Save button', settingsHas, ['save-button']);
  await page.select('#role', 'ADMIN');
  await page.evaluate(() => {
    const root = document.querySelector('#settings').shadowRoot;
    root.querySelector('#enabled').click();
  });
  await page.evaluate(() => {
    const root = document.querySelector('#settings').shadowRoot;
    for (const [id, value] of [['apiKey', 'demo-key-1234'], ['apiId', 'demo-api-id'], ['integrationName', 'Demo integration']]) {
      const input = root.querySelector(`#${id}`);
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
  });
  await clickPart('#settings', 'save-button');
  await until('settings-saved never came', () => window.__saved.length === 1);
  const saved = await page.evaluate(() => window.__saved[0]);
  check(saved.organizationId === 'demo-org' && saved.countryCode === 'FR' && saved.config.enabled === true, `settings-saved: ${JSON.stringify(saved)}`);
  check(!JSON.stringify(saved).includes('demo-key-1234'), 'the API key came back in settings-saved');
  await until('the Aircall button did not appear after the save', () =>
    !document.querySelector('#aircall-call').hasAttribute('unavailable') && document.querySelector('#aircall-status').dataset.state === 'shown');
  await until('the Aircall button is not usable after the save', () =>
    document.querySelector('#aircall-call').shadowRoot.querySelector('[part~="call-button"]')?.disabled === false);
  passed.push('roles ADMIN → AGENT (read-only) → MANAGER → ADMIN, save shows the Aircall button');

  // 6. Theme: a class on the page sets the library's custom properties and styles a part.
  const buttonStyle = () =>
    page.evaluate(() => {
      const style = getComputedStyle(document.querySelector('#lead-ada').shadowRoot.querySelector('[part~="call-button"]'));
      return { radius: style.borderTopLeftRadius, transform: style.textTransform };
    });
  const plain = await buttonStyle();
  await page.click('#theme');
  const themed = await buttonStyle();
  check(plain.radius !== '999px' && themed.radius === '999px' && themed.transform === 'uppercase', `theme: ${JSON.stringify({ plain, themed })}`);
  const shownCss = await text('#theme-css');
  check(shownCss.includes('--call-button-radius: 999px') && shownCss.includes('::part(call-button)'), `theme CSS shown to the reader: ${shownCss}`);
  passed.push('theme');

  // 7. An incoming call: the reception button (accept-incoming, no number) rings, is answered, and is stored as inbound.
  const storedBefore = await page.evaluate(() => window.__stored.length);
  await page.click('#simulate-incoming');
  await until('the reception button never rang', () => document.querySelector('#reception').getAttribute('state') === 'incoming');
  const alert = await page.evaluate(() => document.querySelector('#reception').shadowRoot.querySelector('[role="alert"]').textContent.trim());
  check(/\+14155550123/.test(alert), `incoming call not announced: "${alert}"`);
  await clickPart('#reception', 'answer-button');
  await until('the incoming call never connected', () => document.querySelector('#reception').getAttribute('state') === 'connected');
  await clickPart('#reception', 'hangup-button');
  await until('the incoming call was not stored', (before) => window.__stored.length > before, [storedBefore]);
  const inbound = await page.evaluate(() => window.__ends.at(-1));
  check(inbound?.direction === 'inbound' && inbound?.from === '+14155550123' && inbound?.status === 'completed', `incoming record: ${JSON.stringify(inbound)}`);
  passed.push('incoming call rang, answered, stored as inbound');

  await checkTranslated('at the end');

  // 8. A page with nothing but the script tag and the elements (demo/script-tag.html) works on its own.
  await page.goto(new URL('script-tag.html', url).href, { waitUntil: 'load' });
  await until('the script-tag page has no call button', () =>
    document.querySelector('call-button')?.shadowRoot?.querySelector('[part~="call-button"]'));
  await clickPart('call-button', 'call-button');
  await until('the script-tag page call never connected', () => document.querySelector('call-button').getAttribute('state') === 'connected');
  await clickPart('call-button', 'hangup-button');
  await until('the script-tag page call was not stored', () => window.__stored.length === 1);
  const [scriptTagRecord] = await page.evaluate(() => window.__ends);
  check(
    scriptTagRecord?.leadId === 'lead-html' && scriptTagRecord?.userId === 'agent-html' && scriptTagRecord?.status === 'completed',
    `script-tag page record: ${JSON.stringify(scriptTagRecord)}`,
  );
  passed.push('script tag only: one call placed, ended and stored');
  if (screenshot) await page.screenshot({ path: screenshot.replace(/(\.png)?$/, `-${engine}.png`), fullPage: true });
  return passed;
}

// The demo in every engine agents use (the same selection as npm test: CALL_ELEMENTS_ENGINES).
const { server, url } = await startServer(0);
try {
  const engines = selectedEngines();
  const located = locateEngines(engines);
  for (const engine of engines) {
    const { page, problems, close } = await openPage(engine, located);
    try {
      const passed = await checkDemo(page, url, engine);
      const seen = await problems();
      if (seen.length) throw new Error(seen.join('\n'));
      console.log(`demo check passed in ${ENGINE_NAMES[engine]}:\n  ${passed.join('\n  ')}`);
    } catch (error) {
      console.error(`demo check failed in ${ENGINE_NAMES[engine]}: ${error.message}`);
      for (const problem of await problems()) console.error(problem);
      process.exitCode = 1;
    } finally {
      await close();
    }
  }
} catch (error) {
  console.error(`demo check: ${error.message}`);
  process.exitCode = 1;
} finally {
  server.close();
}
