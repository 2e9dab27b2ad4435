// First render of N <call-button> (the script-tag bundle) against N <plain-button> (a plain Lit
// element with the same visible structure, in its own small bundle), in the same page.
import '/dist/bundle/call-elements.js';
import '/bench-results/build/plain/plain-button.js';

const stage = document.getElementById('stage');
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Inserts `count` elements at once; times until every one has rendered, then until layout is done. */
async function renderOnce(tag, count) {
  const host = document.createElement('div');
  const elements = [];
  const start = performance.now();
  for (let i = 0; i < count; i += 1) {
    const element = document.createElement(tag);
    element.setAttribute('number', `+3312345${String(i).padStart(4, '0')}`);
    element.setAttribute('display-name', `Lead ${i}`);
    elements.push(element);
    host.append(element);
  }
  stage.append(host);
  await Promise.all(elements.map((element) => element.updateComplete));
  const rendered = performance.now();
  // Reading a geometry forces style and layout of what was just rendered.
  host.getBoundingClientRect();
  const laidOut = performance.now();
  const ok = elements.every((element) => element.shadowRoot?.querySelector('button'));
  host.remove();
  if (!ok) throw new Error(`<${tag}> did not render a button`);
  return { renderMs: rendered - start, layoutMs: laidOut - start };
}

window.bench = {
  /** `runs` measured rounds (after `warmup`), each tag once per round, the order alternating. */
  async run({ count, runs, warmup }) {
    const results = { 'call-button': [], 'plain-button': [] };
    for (let round = 0; round < warmup + runs; round += 1) {
      const order = round % 2 ? ['plain-button', 'call-button'] : ['call-button', 'plain-button'];
      for (const tag of order) {
        await nextFrame();
        const result = await renderOnce(tag, count);
        if (round >= warmup) results[tag].push(result);
      }
    }
    return results;
  },
};
