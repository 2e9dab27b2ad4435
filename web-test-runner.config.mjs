import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import * as puppeteer from 'puppeteer-core';
import { ENGINE_NAMES, locateEngines, selectedEngines, withViewportOnOlderFirefox } from './scripts/engines.mjs';
import { CHROME_ARGS } from './scripts/find-chrome.mjs';
import { testBackend } from './scripts/test-backend.mjs';
import { testCallServer } from './scripts/test-call-server.mjs';
import { startWebKitDriver } from './scripts/webkit-driver.mjs';
import { vendorPlugin } from './scripts/vendor-plugin.mjs';
import { forcedColorsPlugin, screenshotsPlugin } from './scripts/visual-plugins.mjs';

// Every test runs in the three engines agents use. One that is missing stops the run, saying which and how
// to install it, unless CALL_ELEMENTS_ENGINES lists the others (README, "Browsers").
let engines;
let located;
try {
  engines = selectedEngines();
  located = locateEngines(engines);
} catch (error) {
  console.error(`npm test: ${error.message}`);
  process.exit(1);
}
if (engines.length < 3) console.warn(`npm test: running in ${engines.map((e) => ENGINE_NAMES[e]).join(' and ')} only (CALL_ELEMENTS_ENGINES).`);

/** WebKit is driven through its WebDriver server, started here (with Xvfb when there is no display). */
const webkit = located.webkit ? await startWebKitDriver(located.webkit) : undefined;

/** The test runner names a WebDriver browser after its browserName ("MiniBrowser"): call it what it is. */
class WebKitLauncher extends WebdriverLauncher {
  async initialize(config) {
    await super.initialize(config);
    this.name = ENGINE_NAMES.webkit;
  }
}

const chromium = (extraArgs = []) =>
  chromeLauncher({
    puppeteer,
    launchOptions: { browser: 'chrome', executablePath: located.chromium.executablePath, headless: true, args: [...CHROME_ARGS, ...extraArgs], timeout: 120_000 },
  });

/**
 * Files named *.fake-media.test.ts run in Chromium only, with its fake microphone and speakers and
 * the permission prompt answered yes (the other engines have no such switch; their tests use the fake SDK's lists).
 */
const FAKE_MEDIA_FILES = 'test/**/*.fake-media.test.ts';
const FAKE_MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'];

/**
 * The group runs with every full run; a run of named test files (`npx web-test-runner test/x.test.ts`)
 * leaves it out unless it names none (`--group chromium-fake-media` runs it alone). A fake-media file named
 * on the command line would run without the fake devices, and time out: that is refused with the command to use.
 */
function fakeMediaGroup() {
  const named = process.argv.slice(2).filter((arg) => /\.test\.ts$/.test(arg));
  const fakeMedia = named.filter((arg) => /\.fake-media\.test\.ts$/.test(arg));
  if (fakeMedia.length > 0) {
    console.error(`${fakeMedia.join(', ')} need(s) Chromium's fake microphone and speakers: run npx web-test-runner --group chromium-fake-media`);
    process.exit(1);
  }
  if (!engines.includes('chromium') || named.length > 0) return [];
  return [{ name: 'chromium-fake-media', files: FAKE_MEDIA_FILES, browsers: [chromium(FAKE_MEDIA_ARGS)] }];
}

const LAUNCHERS = {
  chromium: () => chromium(),
  firefox: () =>
    chromeLauncher({
      puppeteer,
      launchOptions: {
        browser: 'firefox',
        executablePath: located.firefox.executablePath,
        headless: true,
        // A loaded machine can take a while to start an engine: 120 s, not 30 s, before giving up.
        timeout: 120_000,
        // No network but localhost here: nothing to update, report or prefetch.
        extraPrefsFirefox: { 'app.update.enabled': false, 'datareporting.policy.dataSubmissionEnabled': false, 'network.prefetch-next': false },
      },
      createPage: async ({ context }) => withViewportOnOlderFirefox(await context.newPage()),
    }),
  webkit: () =>
    new WebKitLauncher({
      automationProtocol: 'webdriver',
      hostname: '127.0.0.1',
      port: webkit.port,
      path: '/',
      connectionRetryTimeout: 120_000,
      capabilities: {
        browserName: 'MiniBrowser',
        // WebKitGTK's driver speaks classic WebDriver only (no BiDi).
        'wdio:enforceWebDriverClassic': true,
        // The runner navigates only to open a test page (then waits for the page itself to connect, within
        // testsStartTimeout) and to leave it for about:blank: neither needs the driver to wait for a load event.
        // With the default ("normal"), WebKitGTK's driver once never answered the navigation to about:blank
        // after a test file had passed (in CI: UND_ERR_HEADERS_TIMEOUT after 120 s, and the next files ran
        // fine), which failed the run. A page that really hangs still fails: the next file cannot start.
        pageLoadStrategy: 'none',
        'webkitgtk:browserOptions': { binary: located.webkit.minibrowser, args: ['--automation'] },
      },
    }),
};

const require = createRequire(import.meta.url);
const mswWorker = require.resolve('msw/mockServiceWorker.js');

/** msw's service worker must be served from the origin root to intercept the test pages' requests. */
function mswWorkerPlugin() {
  return {
    name: 'msw-worker',
    serve(context) {
      if (context.path === '/mockServiceWorker.js') {
        return { body: readFileSync(mswWorker, 'utf8'), type: 'js', headers: { 'Service-Worker-Allowed': '/' } };
      }
      return undefined;
    },
  };
}

/**
 * Modules a test may make unavailable; served uncached and varying by cookie, or Chromium's memory cache
 * would give a later test page the copy an earlier page downloaded.
 */
const FAILABLE = new Set(['/src/calls/engine.ts', '/src/locales/fr.ts']);

/**
 * Lets a test make the download of one of the library's modules fail, as a network outage would: with
 * the cookie `call-elements-fail=<path>` set, that path (one of FAILABLE) answers 503
 * (test/elements/first-call-offline.test.ts).
 */
async function failDownloads(context, next) {
  if (!FAILABLE.has(context.path)) return next();
  const match = /(?:^|;\s*)call-elements-fail=([^;]+)/.exec(context.get('cookie') ?? '');
  if (match && context.path === decodeURIComponent(match[1])) {
    context.status = 503;
    context.body = 'unavailable';
  } else {
    await next();
  }
  context.set('Cache-Control', 'no-store');
  context.set('Vary', 'Cookie');
}

/** call-elements/server for the suites that also run against it (test/helpers/call-server.ts). */
const callServer = testCallServer();
callServer.start();

export default {
  // test/server runs in Node (npm run test:server), test/frameworks builds apps (npm run test:frameworks).
  files: ['test/**/*.test.ts', '!test/server/**', '!test/frameworks/**', `!${FAKE_MEDIA_FILES}`],
  groups: fakeMediaGroup(),
  middleware: [callServer.middleware, failDownloads, testBackend],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  // Starting an engine and its first page on a loaded machine (2 cores, three engines) can exceed 30 s.
  browserStartTimeout: 120_000,
  testsStartTimeout: 120_000,
  testsFinishTimeout: 5 * 60_000,
  // nanostores reads process.env.NODE_ENV, which bundlers replace; the test pages have no bundler.
  testRunnerHtml: (testFramework) => `<!doctype html>
<html>
  <head><script>window.process = { env: { NODE_ENV: 'development' } };</script></head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`,
  testFramework: {
    config: { timeout: 10_000, ...(process.env.GREP && { grep: process.env.GREP }) },
  },
  plugins: [
    { name: 'call-server', serverStop: () => callServer.stop() },
    mswWorkerPlugin(),
    vendorPlugin(),
    // Screenshots against test/screenshots/baseline (test/elements/visual.test.ts; docs/contributing.md).
    screenshotsPlugin(),
    forcedColorsPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
  ],
  browsers: engines.map((engine) => LAUNCHERS[engine]()),
};
