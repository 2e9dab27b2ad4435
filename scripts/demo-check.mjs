// End-to-end check of the demo as a newcomer uses it (`npm run test:demo`, run by CI after the build):
// serves the demo as `npm start` does — with the reference server under /api, on PGlite in a temporary
// folder — opens it in each engine (Chromium, Firefox, WebKit; CALL_ELEMENTS_ENGINES narrows it) under its
// strict CSP, and goes through it: one whole call (states, running timer, the record of call-end, the call
// in the server's database and in the stored-calls table), a call stored while the server is stopped
// (unreachable: 503; retried, then stored exactly once when it is back), a dead letter retried by hand,
// the language switch, the settings role switcher (the role reaches the server: an admin's save is stored
// there, an agent's is refused) and a save that shows the Aircall button, and the theme. At the end, the
// server is started again on the same folder: the calls are still there.
// Fails on any console error, failed request (but those the switches cause) or CSP violation (in WebKit,
// whose WebDriver shows neither the console nor the responses: on uncaught errors and CSP violations).
// Pass --screenshot FILE to keep pictures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPage } from './browser-pages.mjs';
import { ENGINE_NAMES, locateEngines, selectedEngines } from './engines.mjs';
import { startServer } from './serve.mjs';

const screenshotIndex = process.argv.indexOf('--screenshot');
const screenshot = screenshotIndex > 0 ? process.argv[screenshotIndex + 1] : undefined;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Requests to the demo server from here, as the page's role switcher would send them. */
function serverClient(origin) {
  const api = async (path, { role = 'ADMIN', ...init } = {}) => {
    const response = await fetch(`${origin}/api${path}`, { ...init, headers: { 'X-Demo-Role': role, 'Content-Type': 'application/json', ...init.headers } });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const control = async (path, body) =>
    (await fetch(`${origin}/demo-control/${path}`, body === undefined ? undefined : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
  /** What /api answered to the PUTs of one call id (the server's own log, not the page's). */
  const puts = async (id) =>
    (await control('events')).events.filter((event) => event.method === 'PUT' && decodeURIComponent(event.path) === `/api/calls/${id}`).map((event) => event.status);
  return { api, control, puts };
}

/** Answers the switches cause on purpose (the stopped server's 503s, the refusal's 422) and the contract's "not there yet" (no recording, Aircall not configured). */
const EXPECTED_FAILURE = /^HTTP (?:503 for \S+\/api\/|422 for \S+\/api\/calls\/|404 for \S+\/api\/calls\/[^/]+\/recording$|404 for \S+\/api\/organizations\/demo-org\/aircall-config\/FR(?:\/versions)?$)/;

/** Goes through the demo at `url` in `page`; returns what passed. Throws at the first thing that does not. */
async function checkDemo(page, url, engine, server, { clearData }) {
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
  const inDatabase = await server.api(`/calls/${encodeURIComponent(record.id)}`);
  check(inDatabase.status === 200 && inDatabase.body.leadId === 'lead-42' && inDatabase.body.durationSec === record.durationSec, `the server's database does not hold the call: ${JSON.stringify(inDatabase)}`);
  passed.push(`call ${[...seen].join(' → ')} → ended, ${record.durationSec} s, stored in the server's database and listed`);

  // Shorter rings for the next calls.
  await page.$eval('#answer-after', (input) => {
    input.value = '0.5';
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });

  /** Flips a switch of the development server and waits until the server has done it. */
  /** Clicks a control of the storage card, scrolled to the top of the window as a reader would: the notifications' toasts sit in its bottom corner. */
  const clickInView = async (selector) => {
    await page.$eval(selector, (control) => control.scrollIntoView({ block: 'start' }));
    await page.click(selector);
  };
  const flip = async (selector, on) => {
    await clickInView(selector);
    await until(`${selector} was not switched ${on ? 'on' : 'off'}`, (s, wanted) => {
      const toggle = document.querySelector(s);
      return !toggle.disabled && toggle.checked === wanted;
    }, [selector, on]);
  };

  // 2. Backend down: the server is really stopped; the outbox keeps the call and retries; started again, the next retry stores it once.
  await flip('#backend-down', true);
  const unreachable = await server.api('/calls?limit=1');
  check(unreachable.status === 503, `the stopped server still answers: ${JSON.stringify(unreachable)}`);
  const down = await callAndHangUp('#lead-ada');
  check(down.leadId === 'lead-43' && down.requestId === 'req-124', `lead-ada record: ${down.leadId} ${down.requestId}`);
  await until('the outbox never retried while the backend was down', (id) =>
    [...document.querySelectorAll('#backend-log li')].filter((li) => li.dataset.callId === id && li.dataset.status === '503').length >= 2,
    [down.id], 15_000);
  check((await figure('#outbox', 'pending')) === '1', `pending while down: ${await figure('#outbox', 'pending')}`);
  check((await figure('#outbox', 'last-error')).startsWith('storage-failed: '), `last error while down: ${await figure('#outbox', 'last-error')}`);
  check(/^in \d+ s$|^now$/.test(await figure('#outbox', 'next-attempt')), `next attempt while down: ${await figure('#outbox', 'next-attempt')}`);
  check((await rowCells(down.id)) == null, 'a call was listed as stored while the backend was down'); // undefined, or null through WebDriver
  check(!(await page.evaluate((id) => window.__stored.includes(id), down.id)), 'call-stored came while the backend was down');
  const answeredWhileDown = await server.puts(down.id);
  check(answeredWhileDown.length >= 2 && answeredWhileDown.every((status) => status === 503), `the server's answers while stopped: ${answeredWhileDown.join(', ')}`);
  await flip('#backend-down', false);
  await until('the call was not stored after the backend came back', (id) => window.__stored.includes(id), [down.id], 20_000);
  await until('the recovered call is not in the table', (id) => [...document.querySelectorAll('#stored-calls tbody tr')].some((tr) => tr.dataset.callId === id), [down.id]);
  await until('the outbox did not empty', () => document.querySelector('#outbox dd[data-figure="pending"]').textContent === '0');
  check((await backendLines(down.id, 'ok')) === 1, 'the page did not see the recovered call stored exactly once');
  const answeredAfter = await server.puts(down.id);
  check(answeredAfter.filter((status) => status === 200).length === 1, `the server did not store the recovered call exactly once: ${answeredAfter.join(', ')}`);
  check((await figure('#outbox', 'last-error')) === '—', `last error after recovery: ${await figure('#outbox', 'last-error')}`);
  const noErrorColour = await page.$eval('#outbox dd[data-figure="last-error"]', (dd) => getComputedStyle(dd).color);
  check(noErrorColour !== 'rgb(155, 28, 28)', `"—" (no error) is drawn in the error colour: ${noErrorColour}`);
  // The server was closed and opened again on its folder: what it held before is read back from disk.
  const listed = (await server.api('/calls?limit=20')).body.items.map((item) => item.id);
  check(listed.filter((id) => id === down.id).length === 1 && listed.includes(record.id), `the server's list after the restart: ${listed.join(', ')}`);
  passed.push(`backend down: the server answered 503 to ${answeredWhileDown.length} attempts, then stored the call once when it was back`);

  // 3. A permanent refusal makes a dead letter; its Retry button sends it again.
  await flip('#backend-refuses', true);
  const refused = await callAndHangUp('#lead-marie');
  const deadSelector = `#dead-letters li[data-call-id="${refused.id}"]`;
  await until('no dead letter for a refused call', (s) => document.querySelector(s) !== null, [deadSelector]);
  check((await text(deadSelector)).includes('the demo backend refuses this record'), `dead letter: ${await text(deadSelector)}`);
  check((await server.puts(refused.id)).join() === '422', `the server's answers to the refused call: ${(await server.puts(refused.id)).join(', ')}`);
  await flip('#backend-refuses', false);
  await clickInView(`${deadSelector} button`);
  await until('the retried dead letter was not stored', (id) => window.__stored.includes(id), [refused.id]);
  await until('the retried call is not in the table', (id) => [...document.querySelectorAll('#stored-calls tbody tr')].some((tr) => tr.dataset.callId === id), [refused.id]);
  await until('the dead letter did not go away', (s) => document.querySelector(s) === null, [deadSelector]);
  check((await server.api(`/calls/${encodeURIComponent(refused.id)}`)).status === 200, 'the retried dead letter is not in the server\'s database');
  passed.push('dead letter (422 from the server) retried and stored');

  // 4. Language switch: the page and the elements speak French, then English again. A status line said in
  // English first (the simulated caller finds no button that takes it: the reception is set aside meanwhile).
  await page.evaluate(() => {
    const reception = document.querySelector('#reception');
    window.__reception = { node: reception, parent: reception.parentNode, next: reception.nextSibling };
    reception.remove();
  });
  await page.click('#simulate-incoming');
  check((await text('#incoming-status')).startsWith('Nobody took the call'), `incoming status: ${await text('#incoming-status')}`);
  await page.evaluate(() => {
    const { node, parent, next } = window.__reception;
    parent.insertBefore(node, next);
  });
  await page.select('#lang', 'fr');
  check((await page.evaluate(() => document.documentElement.lang)) === 'fr', '<html lang> is not fr');
  check((await text('#stored-title')) === 'Historique des appels', `heading in French: ${await text('#stored-title')}`);
  await until('the call button did not switch to French', () =>
    document.querySelector('#lead-ada').shadowRoot.querySelector('[part~="call-button"]').textContent.includes('Appeler'));
  check((await rowCells(record.id))[3] === 'Appel terminé', `status in French: ${(await rowCells(record.id))[3]}`);
  // No status line stays in English: "nobody took the call" (the simulate button with a call... none live here)
  // was said in English before the switch.
  check((await text('#incoming-status')).startsWith('Personne n’a pris l’appel'), `incoming status in French: ${await text('#incoming-status')}`);
  check((await page.$eval('#stored-calls tbody td', (td) => td.dataset.label)) === 'Heure', 'the table cells are not labelled in French');
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
  const configPath = '/organizations/demo-org/aircall-config/FR';
  const stored = await server.api(configPath);
  check(stored.status === 200 && stored.body.enabled === true && stored.body.apiKeySet === true && !JSON.stringify(stored.body).includes('demo-key-1234'), `the server's configuration: ${JSON.stringify(stored)}`);
  const savedAs = (await server.control('events')).events.filter((event) => event.method === 'PUT' && event.path === `/api${configPath}`);
  check(savedAs.length === 1 && savedAs[0].role === 'ADMIN' && savedAs[0].status === 200, `the save did not reach the server as ADMIN: ${JSON.stringify(savedAs)}`);
  const agentSave = await server.api(configPath, { role: 'AGENT', method: 'PUT', headers: { 'If-Match': String(stored.body.version) }, body: JSON.stringify({ enabled: false }) });
  check(agentSave.status === 403, `the server let an AGENT save: ${JSON.stringify(agentSave)}`);
  await until('the Aircall button did not appear after the save', () =>
    !document.querySelector('#aircall-call').hasAttribute('unavailable') && document.querySelector('#aircall-status').dataset.state === 'shown');
  await until('the Aircall button is not usable after the save', () =>
    document.querySelector('#aircall-call').shadowRoot.querySelector('[part~="call-button"]')?.disabled === false);
  passed.push('roles ADMIN → AGENT (read-only) → MANAGER → ADMIN, the save stored on the server as ADMIN (an AGENT\'s refused), shows the Aircall button');

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
  // Announced by its number, or by the name the page's lookupCaller gives it when that answered first.
  check(/\+14155550123|Grace Hopper/.test(alert), `incoming call not announced: "${alert}"`);
  await until('the caller was not looked up', () => document.querySelector('#reception').shadowRoot.querySelector('[part~="name"]')?.textContent === 'Grace Hopper');
  await clickPart('#reception', 'answer-button');
  await until('the incoming call never connected', () => document.querySelector('#reception').getAttribute('state') === 'connected');
  await clickPart('#reception', 'hangup-button');
  await until('the incoming call was not stored', (before) => window.__stored.length > before, [storedBefore]);
  const inbound = await page.evaluate(() => window.__ends.at(-1));
  check(inbound?.direction === 'inbound' && inbound?.from === '+14155550123' && inbound?.status === 'completed' && inbound?.leadId === 'lead-47' && inbound?.displayName === 'Grace Hopper', `incoming record: ${JSON.stringify(inbound)}`);
  passed.push('incoming call rang, answered, stored as inbound');

  // 7b. The dialler: a number typed in, a demo call, then the wrap-up (outcome, note, rating) in the same record on the server.
  const endsBeforeDial = await page.evaluate(() => window.__ends.length);
  await page.evaluate(() => {
    const input = document.querySelector('#dialler').shadowRoot.querySelector('[part~="dialler"]');
    input.value = '+33 6 12 34 56 78';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  });
  await clickPart('#dialler', 'call-button');
  await until('the dialled call never connected', () => document.querySelector('#dialler').getAttribute('state') === 'connected');
  await clickPart('#dialler', 'hangup-button');
  await until('the dialled call did not end', (n) => window.__ends.length === n + 1, [endsBeforeDial]);
  const dialled = await page.evaluate(() => window.__ends.at(-1));
  check(dialled?.to === '+33612345678' && dialled?.direction === 'outbound', `dialled record: ${JSON.stringify(dialled)}`);
  await until('the wrap-up did not open', () => document.querySelector('#dialler').shadowRoot.querySelector('[part~="wrap-up"]') !== null);
  await page.evaluate(() => {
    const root = document.querySelector('#dialler').shadowRoot;
    root.querySelector('[part~="wrap-up-outcome"]').value = 'call back';
    root.querySelector('[part~="wrap-up-notes"]').value = 'Demo note';
    root.querySelector('input[name="score"][value="4"]').click();
  });
  await clickPart('#dialler', 'wrap-up-save');
  let wrapped;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    wrapped = (await server.api(`/calls/${encodeURIComponent(dialled.id)}`)).body;
    if (wrapped?.disposition === 'call back' && wrapped?.metrics?.feedbackScore === 4) break;
  }
  check(wrapped?.disposition === 'call back' && wrapped?.notes === 'Demo note' && wrapped?.metrics?.feedbackScore === 4, `the wrap-up is not in the server's record: ${JSON.stringify(wrapped)}`);
  check((await server.api('/calls?limit=50')).body.items.filter((item) => item.id === dialled.id).length === 1, 'the dialled call is stored more than once');
  passed.push('dialler: a typed number called, the wrap-up (outcome, note, rating) stored in the same record');

  await checkTranslated('at the end');

  // 8. Clear demo data: the server's calls and settings are gone, the page reloads with an empty list (not in the
  // last engine, whose calls the restart at the end reads back).
  if (clearData) {
    check((await server.api('/calls?limit=20')).body.items.length >= 4, 'the server holds fewer calls than were placed');
    await page.evaluate(() => (window.__beforeClear = true));
    await clickInView('#reset-data');
    await until('the page did not reload after clearing the demo data', () => window.__beforeClear === undefined && document.querySelector('#stored-calls tbody tr') !== null);
    await until('the stored-calls list is not empty after clearing the demo data', () => document.querySelector('#stored-calls tbody').textContent.trim().startsWith('No stored call yet'));
    const cleared = await server.api('/calls?limit=20');
    check(cleared.body.items.length === 0 && (await server.api('/organizations/demo-org/aircall-config/FR')).status === 404, 'the server still holds demo data after clearing it');
    passed.push('clear demo data: the server is empty, the page reloaded');
  }

  // 9. A page with nothing but the script tag and the elements (demo/script-tag.html) works on its own.
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

// The demo in every engine agents use (the same selection as npm test: CALL_ELEMENTS_ENGINES), each on an empty database.
const dataDir = mkdtempSync(join(tmpdir(), 'call-elements-demo-'));
let running = await startServer({ port: 0, dataDir });
try {
  const { url } = running;
  const server = serverClient(running.origin);
  const engines = selectedEngines();
  const located = locateEngines(engines);
  for (const [index, engine] of engines.entries()) {
    if (index > 0) {
      await server.control('backend', { down: false, refuses: false });
      await server.control('reset', {});
    }
    const { page, problems: allProblems, close } = await openPage(engine, located);
    const problems = async () => (await allProblems()).filter((problem) => !EXPECTED_FAILURE.test(problem));
    try {
      const passed = await checkDemo(page, url, engine, server, { clearData: index < engines.length - 1 });
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
  // As a second `npm start` on the same folder: the last engine's calls are read back.
  const before = (await server.api('/calls?limit=20')).body.items.map((item) => item.id);
  await running.close();
  running = await startServer({ port: 0, dataDir });
  const after = (await serverClient(running.origin).api('/calls?limit=20')).body.items.map((item) => item.id);
  if (before.length === 0 || after.join() !== before.join()) {
    console.error(`demo check: the calls did not survive a restart of the server (${before.length} before, ${after.length} after)`);
    process.exitCode = 1;
  } else {
    console.log(`demo server restarted on the same folder: its ${after.length} calls read back`);
  }
} catch (error) {
  console.error(`demo check: ${error.message}`);
  process.exitCode = 1;
} finally {
  await running.close();
  rmSync(dataDir, { recursive: true, force: true });
}
