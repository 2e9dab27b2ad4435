// Heap after many calls: demo calls through <call-button> (instant connect, answer and remote
// hang-up), each awaited until its record is stored; the baseline creates, renders and removes
// plain Lit elements. The runner collects garbage and reads the heap between phases.
import { configure } from '/dist/bundle/index.js';
import { createDemoProvider } from '/dist/bundle/providers/demo.js';
import '/bench-results/build/plain/plain-button.js';

const tag = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
// Keeps nothing: the memory storage would hold every record by design, which is not a leak.
const discard = { name: 'discard', saveCall: async () => {}, listCalls: async () => [] };
configure({
  storage: discard,
  providers: { demo: createDemoProvider({ connectAfterMs: 0, answerAfterMs: 0, hangupAfterMs: 0 }) },
  outbox: { dbName: `bench-heap-${tag}`, lockName: `bench-heap-${tag}`, channelName: `bench-heap-${tag}` },
  recording: false,
});

const button = document.querySelector('call-button');
const stage = document.getElementById('stage');

/** One call, resolved once it ended and its record was confirmed stored. */
function oneCall() {
  return new Promise((resolve, reject) => {
    let ended = false;
    let stored = false;
    const cleanup = () => {
      button.removeEventListener('call-end', onEnd);
      button.removeEventListener('call-stored', onStored);
      button.removeEventListener('call-error', onError);
    };
    const check = () => {
      if (!ended || !stored) return;
      cleanup();
      resolve();
    };
    const onEnd = () => ((ended = true), check());
    const onStored = () => ((stored = true), check());
    const onError = (event) => (cleanup(), reject(new Error(`call-error ${event.detail.code}: ${event.detail.message}`)));
    button.addEventListener('call-end', onEnd);
    button.addEventListener('call-stored', onStored);
    button.addEventListener('call-error', onError);
    button.call();
  });
}

async function onePlain(i) {
  const element = document.createElement('plain-button');
  element.setAttribute('number', `+3312345${String(i % 10_000).padStart(4, '0')}`);
  element.setAttribute('display-name', `Lead ${i}`);
  stage.append(element);
  await element.updateComplete;
  element.remove();
}

window.bench = {
  /** Runs `count` iterations of `kind` ("calls" or "plain"); returns the time they took. */
  async run(kind, count) {
    const start = performance.now();
    for (let i = 0; i < count; i += 1) await (kind === 'calls' ? oneCall() : onePlain(i));
    return performance.now() - start;
  },
};
