// First render of 100 <call-button> against 100 plain Lit buttons in the same page.
import { assertClean, openBenchPage } from './lib/browser.mjs';
import { PAGES } from './lib/paths.mjs';
import { median } from './lib/stats.mjs';

export const RENDER = { count: 100, runs: 21, warmup: 3 };

export async function renderBench({ browser, server, plainBundle }) {
  await plainBundle();
  const page = await openBenchPage(browser, `${server.origin}${PAGES}/render.html`);
  try {
    const results = await page.evaluate((options) => window.bench.run(options), RENDER);
    assertClean(page, 'render');
    const summary = (list) => ({
      renderMs: median(list.map((r) => r.renderMs)),
      layoutMs: median(list.map((r) => r.layoutMs)),
      runs: list,
    });
    const button = summary(results['call-button']);
    const plain = summary(results['plain-button']);
    const label = `${RENDER.count} elements, median of ${RENDER.runs}`;
    return {
      rows: [
        {
          name: `render: ${RENDER.count} <call-button>, to updateComplete`,
          figure: button.renderMs,
          unit: 'ms',
          reference: `plain Lit ×${RENDER.count} ${plain.renderMs.toFixed(1)} ms`,
          ratio: button.renderMs / plain.renderMs,
          note: label,
        },
        {
          name: `render: ${RENDER.count} <call-button>, to layout`,
          figure: button.layoutMs,
          unit: 'ms',
          reference: `plain Lit ×${RENDER.count} ${plain.layoutMs.toFixed(1)} ms`,
          ratio: button.layoutMs / plain.layoutMs,
          note: label,
        },
      ],
      data: { options: RENDER, callButton: button, plainButton: plain },
    };
  } finally {
    await page.close();
  }
}
