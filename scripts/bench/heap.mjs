// Heap growth after 1,000 demo calls through <call-button>, against creating, rendering and
// removing 1,000 plain Lit elements; both after a warm-up, each in a fresh page. Two readings:
// V8's used heap (everything, compiled code included) and a heap snapshot without compiled code
// (what a leak of library objects would show in).
import { assertClean, openBenchPage } from './lib/browser.mjs';
import { PAGES } from './lib/paths.mjs';

export const HEAP = { warmup: 100, count: 1000 };

async function collect(cdp) {
  // Several collections: the first ones may only finalize what the next can free.
  for (let i = 0; i < 3; i += 1) await cdp.send('HeapProfiler.collectGarbage');
}

async function usedHeap(cdp) {
  await collect(cdp);
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/** Bytes of the heap snapshot's nodes, without V8's compiled code (which grows as functions get optimised). */
async function snapshotObjects(cdp) {
  await collect(cdp);
  const chunks = [];
  const onChunk = (event) => chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const { snapshot, nodes } = JSON.parse(chunks.join(''));
  const fields = snapshot.meta.node_fields;
  const typeNames = snapshot.meta.node_types[0];
  const type = fields.indexOf('type');
  const size = fields.indexOf('self_size');
  let bytes = 0;
  for (let i = 0; i < nodes.length; i += fields.length) {
    if (typeNames[nodes[i + type]] !== 'code') bytes += nodes[i + size];
  }
  return bytes;
}

async function measure(browser, server, kind) {
  const page = await openBenchPage(browser, `${server.origin}${PAGES}/heap.html`);
  try {
    const cdp = await page.createCDPSession();
    await page.evaluate((k, n) => window.bench.run(k, n), kind, HEAP.warmup);
    const before = await usedHeap(cdp);
    const objectsBefore = await snapshotObjects(cdp);
    const ms = await page.evaluate((k, n) => window.bench.run(k, n), kind, HEAP.count);
    const after = await usedHeap(cdp);
    const objectsAfter = await snapshotObjects(cdp);
    assertClean(page, `heap (${kind})`);
    await cdp.detach();
    return {
      before,
      after,
      perItem: (after - before) / HEAP.count,
      objectsBefore,
      objectsAfter,
      objectsPerItem: (objectsAfter - objectsBefore) / HEAP.count,
      msPerItem: ms / HEAP.count,
    };
  } finally {
    await page.close();
  }
}

export async function heapBench({ browser, server, plainBundle }) {
  await plainBundle();
  const calls = await measure(browser, server, 'calls');
  const plain = await measure(browser, server, 'plain');
  const note = `${HEAP.count} calls after ${HEAP.warmup}`;
  return {
    rows: [
      {
        name: 'heap: growth per demo call, used heap',
        figure: calls.perItem,
        unit: 'bytes/call',
        reference: `plain element ${Math.round(plain.perItem)} B`,
        ratio: plain.perItem > 0 ? calls.perItem / plain.perItem : null,
        note: `${note}: ${(calls.before / 1e6).toFixed(2)} → ${(calls.after / 1e6).toFixed(2)} MB, ${calls.msPerItem.toFixed(1)} ms/call`,
      },
      {
        name: 'heap: growth per demo call, objects',
        figure: calls.objectsPerItem,
        unit: 'bytes/call',
        reference: `plain element ${Math.round(plain.objectsPerItem)} B`,
        ratio: plain.objectsPerItem > 0 ? calls.objectsPerItem / plain.objectsPerItem : null,
        note: `${note}: heap snapshot without compiled code`,
      },
    ],
    data: { options: HEAP, calls, plain },
  };
}
