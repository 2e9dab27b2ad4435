import { expect } from '@open-wc/testing';
// The page entry's API, as `import { … } from 'call-elements'` gives it (the engine downloads on first use).
import * as root from '../../src/index.js';
import { pageRuntime, resetPageRuntime } from '../../src/calls/page-runtime.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { $call as writableCall } from '../../src/store/call.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import { createManualProvider, until, type ManualProvider } from '../helpers/manual-provider.js';
import { isolatedOutbox } from '../helpers/reset.js';

describe('the root API (call-elements)', () => {
  let manual: ManualProvider;
  let storage: ReturnType<typeof createMemoryStorage>;
  beforeEach(async () => {
    await resetPageRuntime();
    manual = createManualProvider();
    storage = createMemoryStorage();
    // No engine attached: the root API downloads it, as on a page's first call.
    root.configure({ providers: { manual }, storage, outbox: isolatedOutbox() });
  });
  afterEach(() => resetPageRuntime());

  it('is the deliberate list: no factory, store mutator, schema or test hook', () => {
    const names = Object.keys(root);
    for (const name of ['createDemoProvider', 'createMemoryStorage', 'createHttpStorage', 'setCall', 'updateOutbox', 'pushNotification', 'CallRecordSchema', 'getOutbox', 'defineElement', 'StoreController', 'Outbox', 'CallSession', 'CallControls', 'AircallSettings', 'CallHistory']) {
      expect(names, name).not.to.include(name);
    }
    for (const name of ['configure', 'placeCall', 'currentCall', 'logCallAction', 'storeCall', 'onCallStored', 'CallElementsError', 'CallEndEvent', '$call', 'CallButton', 'CallNotificationElement']) {
      expect(names, name).to.include(name);
    }
    expect(names.length).to.be.within(40, 50);
  });

  it('gives the stores themselves (read-only in the types)', () => {
    expect(root.$call).to.equal(writableCall);
  });

  it('placeCall downloads the engine, then the call is captured and stored once, with the events on document', async () => {
    expect(pageRuntime().engine(), 'no engine before the first call').to.equal(undefined);
    const heard: string[] = [];
    const listen = (event: Event) => heard.push(event.type);
    const types = ['call-start', 'call-connect', 'call-end', 'call-stored'];
    types.forEach((type) => document.addEventListener(type, listen));
    const stored: string[] = [];
    const stop = root.onCallStored((id) => stored.push(id));
    try {
      const placing = root.placeCall({ provider: 'manual', number: '+33 1 23 45 67 89', leadId: 'lead-1' });
      expect(placing).to.be.instanceOf(Promise);
      const call = await placing;
      expect(root.currentCall()).to.equal(call);
      manual.emit({ type: 'ringing', callSid: 'CA-root' });
      manual.emit({ type: 'connected' });
      call.hangup();
      const record = await call.record;
      await until(() => stored.includes(record.id), 'onCallStored');
      expect(heard).to.deep.equal(['call-start', 'call-connect', 'call-end', 'call-stored']);
      expect((await storage.listCalls()).filter((saved) => saved.id === record.id)).to.have.length(1);
      expect(record.leadId).to.equal('lead-1');
    } finally {
      stop();
      types.forEach((type) => document.removeEventListener(type, listen));
    }
  });

  it('placeCall rejects (never throws) with a CallElementsError before dialling', async () => {
    const placing = root.placeCall({ provider: 'manual', number: '06 12' });
    expect(placing).to.be.instanceOf(Promise);
    const error = await placing.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).to.be.instanceOf(CallElementsError);
    expect((error as CallElementsError).code).to.equal('number-invalid');
    expect(manual.requests).to.have.length(0);
  });

  it('onCallStored stops before the engine has arrived when asked to', async () => {
    const stored: string[] = [];
    root.onCallStored((id) => stored.push(id))();
    const call = await root.placeCall({ provider: 'manual', number: '+33123456789' });
    call.hangup();
    const record = await call.record;
    await until(async () => (await storage.listCalls()).some((saved) => saved.id === record.id), 'stored');
    expect(stored).to.deep.equal([]);
  });

  it('logCallAction goes through the queue once the engine has downloaded', async () => {
    const action = await root.logCallAction({ requestId: 'req-1', notes: 'called back' });
    expect(action.type).to.equal('note');
    await until(async () => (await storage.listActions()).filter((stored) => stored.requestId === 'req-1').length === 1, 'the action stored');
  });
});
