import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME_ARGS, findChrome } from './scripts/find-chrome.mjs';
import { testBackend } from './scripts/test-backend.mjs';
import { vendorPlugin } from './scripts/vendor-plugin.mjs';

let executablePath;
try {
  executablePath = findChrome();
} catch (error) {
  console.error(`npm test: ${error.message}`);
  process.exit(1);
}

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

export default {
  // test/server runs in Node (npm run test:server), not in the browser.
  files: ['test/**/*.test.ts', '!test/server/**'],
  middleware: [failDownloads, testBackend],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 1,
  concurrentBrowsers: 1,
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
    mswWorkerPlugin(),
    vendorPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath, headless: true, args: CHROME_ARGS },
    }),
  ],
};
