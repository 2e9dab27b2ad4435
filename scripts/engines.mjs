// The three browser engines agents use, as this project drives them: Chromium and Firefox through
// puppeteer-core (CDP, WebDriver BiDi), WebKit (Safari's engine) through WebKitGTK's WebDriver server
// under an X display. Used by the test runner's config and the demo check.
import { existsSync } from 'node:fs';
import { findChrome } from './find-chrome.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

/** What the person sees for each engine. */
export const ENGINE_NAMES = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };

const INSTALL = {
  chromium: 'sudo apt-get install -y chromium, or set CHROME_PATH',
  firefox: 'sudo apt-get install -y firefox-esr, or set FIREFOX_PATH',
  webkit: 'sudo apt-get install -y webkit2gtk-driver xvfb, or set WEBKIT_WEBDRIVER and WEBKIT_MINIBROWSER',
};

const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox'];
const WEBDRIVER_CANDIDATES = ['/usr/bin/WebKitWebDriver', '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/WebKitWebDriver', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/WebKitWebDriver'];
const MINIBROWSER_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
];
const XVFB_CANDIDATES = ['/usr/bin/Xvfb'];

function fromEnvOr(name, candidates) {
  const given = process.env[name];
  if (given) {
    if (existsSync(given)) return given;
    throw new Error(`${name} is set to ${given}, which does not exist.`);
  }
  return candidates.find((path) => existsSync(path));
}

/**
 * The engines to run: all three, unless CALL_ELEMENTS_ENGINES lists fewer (e.g. "chromium,firefox", for a
 * contributor's machine that lacks one). Unknown names are refused.
 */
export function selectedEngines() {
  const list = process.env.CALL_ELEMENTS_ENGINES;
  if (!list) return [...ENGINES];
  const chosen = list.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  const unknown = chosen.filter((name) => !ENGINES.includes(name));
  if (unknown.length || chosen.length === 0) {
    throw new Error(`CALL_ELEMENTS_ENGINES="${list}": use a comma-separated list of ${ENGINES.join(', ')}.`);
  }
  return chosen;
}

/** Where each selected engine is on this machine; throws, naming every missing one and how to install it. */
export function locateEngines(engines = selectedEngines()) {
  const found = {};
  const missing = [];
  for (const engine of engines) {
    try {
      if (engine === 'chromium') found.chromium = { executablePath: findChrome() };
      if (engine === 'firefox') {
        const executablePath = fromEnvOr('FIREFOX_PATH', FIREFOX_CANDIDATES);
        if (!executablePath) throw new Error('not found');
        found.firefox = { executablePath };
      }
      if (engine === 'webkit') {
        const webdriver = fromEnvOr('WEBKIT_WEBDRIVER', WEBDRIVER_CANDIDATES);
        const minibrowser = fromEnvOr('WEBKIT_MINIBROWSER', MINIBROWSER_CANDIDATES);
        // MiniBrowser needs an X display, even automated: a real one (DISPLAY), or Xvfb.
        const xvfb = process.env.DISPLAY ? undefined : fromEnvOr('XVFB_PATH', XVFB_CANDIDATES);
        if (!webdriver || !minibrowser || (!process.env.DISPLAY && !xvfb)) throw new Error('not found');
        found.webkit = { webdriver, minibrowser, xvfb };
      }
    } catch (error) {
      missing.push(`${ENGINE_NAMES[engine]} (${error.message === 'not found' ? INSTALL[engine] : error.message})`);
    }
  }
  if (missing.length) {
    throw new Error(
      `missing browser engine${missing.length > 1 ? 's' : ''}: ${missing.join('; ')}. ` +
        `Every test runs in ${ENGINES.map((e) => ENGINE_NAMES[e]).join(', ')}; to run without one on this machine, list the others in ` +
        `CALL_ELEMENTS_ENGINES (e.g. CALL_ELEMENTS_ENGINES=${ENGINES.filter((e) => found[e]).join(',') || 'chromium'}).`,
    );
  }
  return found;
}

const MISSING_ORIENTATION = /unknown command emulation\.setScreenOrientationOverride/;

/**
 * Firefox ESR 140 (Debian 12's) has no WebDriver BiDi `emulation.setScreenOrientationOverride`, which
 * puppeteer-core sends with every `setViewport`, alongside the viewport itself. On that refusal alone, this
 * page's `setViewport` waits until the window has the size asked for, then goes on; any other error, or a
 * size that never comes, still fails. Newer Firefox (153 ESR) has the command and never gets here.
 */
export function withViewportOnOlderFirefox(page) {
  const setViewport = page.setViewport.bind(page);
  page.setViewport = async (viewport) => {
    try {
      await setViewport(viewport);
    } catch (error) {
      if (!viewport || !MISSING_ORIENTATION.test(String(error?.message))) throw error;
      await page.waitForFunction((width, height) => innerWidth === width && innerHeight === height, { timeout: 10_000 }, viewport.width, viewport.height);
    }
  };
  return page;
}
