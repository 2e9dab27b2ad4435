import path from 'node:path';
import { visualRegressionPlugin } from '@web/test-runner-visual-regression/plugin';

/**
 * Screenshots of the elements compared with committed baselines (test/elements/visual.test.ts).
 * Baselines: test/screenshots/baseline/<engine>/<name>.png, one set per engine (each renders fonts its own
 * way); a failing run writes the new screenshot and a diff image to test/screenshots/failed/<engine>/ (git-ignored).
 * `npx web-test-runner test/elements/visual.test.ts --update-visual-baseline` writes new baselines instead.
 *
 * Tolerance: pixelmatch's per-pixel colour threshold 0.1 (0 exact, 1 anything; anti-aliasing is not counted),
 * and a test fails when more than 0.5 % of the pixels differ beyond it. A moved border or a changed padding
 * shifts whole rows of pixels, far more than that.
 */
export function screenshotsPlugin() {
  const engine = ({ browser }) => browser.toLowerCase();
  return visualRegressionPlugin({
    update: process.argv.includes('--update-visual-baseline'),
    baseDir: 'test/screenshots',
    getBaselineName: (args) => path.join('baseline', engine(args), args.name),
    getDiffName: (args) => path.join('failed', engine(args), `${args.name}-diff`),
    getFailedName: (args) => path.join('failed', engine(args), args.name),
    diffOptions: { threshold: 0.1 },
    failureThreshold: 0.5,
    failureThresholdType: 'percent',
  });
}

/**
 * `executeServerCommand('emulate-forced-colors', { active })`: forced colours (Windows' high-contrast themes) as
 * Chromium's DevTools protocol emulates them. The emulateMedia command of @web/test-runner-commands passes only
 * prefers-color-scheme and prefers-reduced-motion, and puppeteer refuses other features, so this speaks to the
 * protocol itself. Firefox (driven over WebDriver BiDi) and WebKitGTK (classic WebDriver) have no such emulation:
 * the command fails there, and the tests skip the forced-colours screenshots with that reason.
 */
export function forcedColorsPlugin() {
  /** One protocol session per test page: Chromium drops a session's emulation when the session goes. */
  const clients = new Map();
  return {
    name: 'emulate-forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-forced-colors') return undefined;
      if (session.browser.type !== 'puppeteer' || session.browser.name !== 'Chromium') {
        throw new Error(`forced colours cannot be emulated in ${session.browser.name}`);
      }
      if (!clients.has(session.id)) clients.set(session.id, await session.browser.getPage(session.id).createCDPSession());
      await clients.get(session.id).send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: payload?.active ? 'active' : '' }] });
      return true;
    },
  };
}
