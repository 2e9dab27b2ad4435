import { expect } from '@open-wc/testing';
import { configure } from '../../src/config.js';
import { retryDeadLetters, storeCall } from '../../src/calls/api.js';
import { getOutbox, onCallStored } from '../../src/calls/engine-api.js';
import { persistCall, reloadPage } from '../helpers/calls.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { $notifications } from '../../src/store/notifications.js';
import { $outbox } from '../../src/store/outbox.js';
import { createFlakyStorage } from '../helpers/flaky-storage.js';
import { until, wait } from '../helpers/manual-provider.js';
import { sampleRecord } from '../helpers/records.js';
import { isolatedOutbox, resetLibrary } from '../helpers/reset.js';
import { rejectionOf } from '../helpers/errors.js';

const kinds = () => $notifications.get().map((n) => `${n.kind}:${n.messageKey}`);

describe('persistence pipeline', () => {
  beforeEach(resetLibrary);
  afterEach(resetLibrary);

  it('tells the person "logging", then "logged", and reports the stored id', async () => {
    const storage = createFlakyStorage();
    configure({ storage, outbox: isolatedOutbox() });
    const stored: string[] = [];
    onCallStored((id) => stored.push(id));
    const record = sampleRecord();
    await persistCall(record);
    expect(kinds()).to.deep.equal(['info:notify.saving']);
    await until(() => stored.length === 1, 'stored');
    expect(stored).to.deep.equal([record.id]);
    // Neutral, whatever the call's outcome: the record is logged (a failed call too), nothing more is claimed.
    expect(kinds()).to.deep.equal(['info:notify.saved']);
    expect($notifications.get()[0]!.callId).to.equal(record.id);
  });

  it('says "not logged yet — will retry" once, as a warning (polite: nothing to do), then "logged"', async () => {
    const storage = createFlakyStorage();
    storage.faults.push({ status: 500 }, { status: 500 });
    configure({ storage, outbox: isolatedOutbox() });
    const seen: string[] = [];
    const unsubscribe = $notifications.listen((list) => seen.push(list.map((n) => `${n.kind}:${n.messageKey}`).join(',')));
    await persistCall(sampleRecord());
    await until(() => kinds().includes('info:notify.saved'), 'saved');
    unsubscribe();
    expect(seen.filter((s) => s === 'warning:notify.retrying')).to.have.length(1);
    expect(seen.some((s) => s.includes('error:'))).to.equal(false);
  });

  it('shows a dead letter with a working Retry action', async () => {
    const storage = createFlakyStorage();
    storage.faults.push({ permanent: true, status: 400 });
    configure({ storage, outbox: isolatedOutbox() });
    const record = sampleRecord();
    await persistCall(record);
    const dead = await until(() => $notifications.get().find((n) => n.messageKey === 'notify.dead'), 'dead letter notification');
    expect(dead.kind).to.equal('error');
    expect(String(dead.params!.detail)).to.contain('injected 400');
    await until(() => $outbox.get().deadLetters.length === 1, 'dead letter in $outbox');
    dead.action!.run();
    await until(async () => (await storage.inner.listCalls()).length === 1, 'stored after retry');
  });

  it('retryDeadLetters() resends every dead letter', async () => {
    const storage = createFlakyStorage();
    storage.faults.push({ permanent: true }, { permanent: true });
    configure({ storage, outbox: isolatedOutbox({ concurrency: 1 }) });
    await persistCall(sampleRecord());
    await persistCall(sampleRecord());
    await until(() => $outbox.get().deadLetters.length === 2, 'two dead letters');
    await retryDeadLetters();
    await until(async () => (await storage.inner.listCalls()).length === 2, 'both stored');
  });

  it('storeCall() refuses an invalid (poison) record with a clear error before it reaches the queue', async () => {
    const storage = createFlakyStorage();
    configure({ storage, outbox: isolatedOutbox() });
    const error = await rejectionOf(storeCall({ ...sampleRecord(), to: '06 12 34 56 78', leadID: 'typo' }));
    expect(error).to.be.instanceOf(CallElementsError);
    expect((error as CallElementsError).code).to.equal('invalid-record');
    expect((error as CallElementsError).message).to.contain('to: must be an international phone number');
    expect((error as CallElementsError).message).to.contain('Unrecognized key: "leadID"');
    expect(kinds()).to.deep.equal(['error:error.invalid-record']);
    await wait(30);
    expect(storage.attempts).to.deep.equal([]);
  });

  it('storeCall() stores a valid record through the same outbox', async () => {
    const storage = createFlakyStorage();
    configure({ storage, outbox: isolatedOutbox() });
    const record = sampleRecord();
    await storeCall(record);
    await until(async () => (await storage.inner.listCalls()).length === 1, 'stored');
    expect((await storage.inner.listCalls())[0]).to.deep.equal(record);
  });

  it('looks for the recording with growing delays and upserts recordingUrl when it appears', async () => {
    const storage = createFlakyStorage();
    let asked = 0;
    configure({
      storage,
      outbox: isolatedOutbox(),
      recordingDelaysMs: [5, 10, 20],
      recording: async () => (++asked >= 3 ? 'https://rec.example/found.mp3' : undefined),
    });
    const record = sampleRecord();
    await persistCall(record);
    await until(async () => (await storage.inner.listCalls())[0]?.recordingUrl === 'https://rec.example/found.mp3', 'recording upserted');
    expect(asked).to.equal(3);
    expect(await storage.inner.listCalls()).to.have.length(1);
  });

  it('gives up on the recording after the last delay, and never asks for unanswered calls or with recording: false', async () => {
    const storage = createFlakyStorage();
    let asked = 0;
    configure({ storage, outbox: isolatedOutbox(), recordingDelaysMs: [5, 5], recording: () => void asked++ as undefined });
    await persistCall(sampleRecord());
    await persistCall(sampleRecord({ status: 'busy', answeredAt: undefined, durationSec: 0 }));
    await until(() => asked === 2, 'the two looks');
    await until(async () => (await getOutbox().entries()).length === 0, 'given up');
    expect(asked).to.equal(2);
    configure({ recording: false });
    await persistCall(sampleRecord());
    await wait(50);
    expect(asked).to.equal(2);
  });

  it('a look for a recording goes on after a reload, through the queue, with its remaining delays', async () => {
    const storage = createFlakyStorage();
    const outbox = isolatedOutbox();
    configure({ storage, outbox, recordingDelaysMs: [10, 400, 400], recording: () => undefined });
    const record = sampleRecord();
    await persistCall(record);
    await until(async () => (await getOutbox().entries()).some((entry) => entry.kind === 'recording' && entry.attempts === 1), 'one look done');
    const [lookup] = await getOutbox().entries();
    // The page reloads before the next look; the next page's resolver finds it.
    await reloadPage({ storage, outbox, recordingDelaysMs: [10, 400, 400], recording: (r) => (r.id === record.id ? 'https://rec.example/after-reload.mp3' : undefined) });
    getOutbox();
    await until(async () => (await storage.inner.listCalls())[0]?.recordingUrl === 'https://rec.example/after-reload.mp3', 'found by the next page');
    expect(Date.now(), 'it waited for the remaining delay').to.be.at.least(lookup!.nextAttemptAt);
    expect(await getOutbox().entries()).to.deep.equal([]);
    expect(await storage.inner.listCalls()).to.have.length(1);
  });

  it('ignores a recording URL that is not http(s)', async () => {
    const storage = createFlakyStorage();
    configure({ storage, outbox: isolatedOutbox(), recordingDelaysMs: [5], recording: () => 'javascript:alert(1)' });
    await persistCall(sampleRecord());
    await wait(60);
    expect((await storage.inner.listCalls())[0]!.recordingUrl).to.equal(undefined);
  });

  it('rejects storage and recording options it cannot use', () => {
    expect(() => configure({ storage: {} as never })).to.throw(CallElementsError, /storage must implement saveCall\(\) and listCalls\(\)/);
    expect(() => configure({ recording: 'yes' as never })).to.throw(CallElementsError, /recording must be a function or false/);
    expect(() => configure({ recordingDelaysMs: [-1] })).to.throw(CallElementsError, /recordingDelaysMs/);
  });
});
