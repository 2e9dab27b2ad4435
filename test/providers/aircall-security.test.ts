import { expect } from '@open-wc/testing';
import { placeCall } from '../../src/calls/engine-api.js';
import { configure } from '../../src/config.js';
import type { CallElementsError } from '../../src/internal/errors.js';
import { createAircallProvider, loadAircallSdk, type AircallWorkspaceConstructor } from '../../src/providers/aircall/index.js';
import { until, wait } from '../helpers/manual-provider.js';
import { NUMBER, PARAMS, dialledNumbers, fakeWorkspace, resetAircall, useConfig, workspaceUrl } from '../fixtures/aircall-workspace-helpers.js';

interface Forger {
  frame: HTMLIFrameElement;
  /** Makes the frame post `{ name, value }` to this page, as the workspace would. */
  forge(name: string, value?: unknown): void;
}

/** Every message a forging frame received from this page (it reports them all). */
const forgerSaw: unknown[] = [];
const onForgerReport = (event: MessageEvent) => {
  if (event.data && typeof event.data === 'object' && 'forgerSaw' in event.data) forgerSaw.push(event.data);
};

/** A frame that forges workspace messages: same origin as the workspace, or sandboxed (opaque origin). */
async function addForger(kind: 'same-origin' | 'sandboxed'): Promise<Forger> {
  const frame = document.createElement('iframe');
  if (kind === 'sandboxed') frame.sandbox.add('allow-scripts');
  frame.src = workspaceUrl('aircall-workspace-forger.html', `?${kind}`);
  const ready = new Promise<void>((resolve) => {
    const onReady = (event: MessageEvent) => {
      if (event.source === frame.contentWindow && event.data?.forgerReady !== undefined) {
        window.removeEventListener('message', onReady);
        resolve();
      }
    };
    window.addEventListener('message', onReady);
  });
  document.body.append(frame);
  await ready;
  return { frame, forge: (name, value) => frame.contentWindow!.postMessage({ forge: { name, value } }, '*') };
}

/** Lets messages already posted by other frames arrive (cross-frame messages have no common order). */
const settle = () => wait(150);

describe('Aircall: only the workspace frame, at the workspace origin, is heard and told anything', function () {
  this.timeout(15_000);
  let forgers: Forger[] = [];

  beforeEach(async () => {
    await resetAircall();
    forgerSaw.length = 0;
    window.addEventListener('message', onForgerReport);
    forgers = [await addForger('same-origin'), await addForger('sandboxed')];
  });

  afterEach(() => {
    window.removeEventListener('message', onForgerReport);
    forgers.forEach((forger) => forger.frame.remove());
  });

  const forgeAll = (name: string, value?: unknown) => {
    forgers.forEach((forger) => forger.forge(name, value));
    // The page itself is not the workspace frame either.
    window.postMessage({ name, value }, '*');
  };

  it('control: the bare SDK believes a forged handshake and sends the dialled number to the forger', async () => {
    // Guards the test itself: without the provider's gate the forging frames do receive the number.
    const Sdk = await loadAircallSdk();
    let listener: ((event: MessageEvent) => void) | undefined;
    const window_ = { addEventListener: (_type: string, l: (event: MessageEvent) => void) => window.addEventListener('message', (listener = l)) };
    let loggedIn = 0;
    const sdk = new Sdk({ window: window_, onLogin: () => (loggedIn += 1), debug: false } as unknown as ConstructorParameters<AircallWorkspaceConstructor>[0]);
    try {
      // The same-origin forger: the SDK cannot even post to an opaque origin ("null" is no target origin).
      forgers[0]!.forge('apm_phone_loaded', { email: 'mallory@example.com' });
      await until(() => loggedIn, 'the forged login');
      sdk.send('dial_number', { phone_number: NUMBER });
      await until(() => JSON.stringify(forgerSaw).includes(NUMBER), 'the number to reach the forger');
      expect(forgerSaw.map((m) => (m as { forgerSaw: { name: string } }).forgerSaw.name)).to.deep.equal(['apm_app_isready', 'apm_app_dial_number']);
    } finally {
      window.removeEventListener('message', listener!);
    }
  });

  it('ignores forged login, dial answers, call events and logout from other frames, which never receive the number', async () => {
    useConfig();
    configure({ providers: { aircall: createAircallProvider({ workspaceUrl: workspaceUrl('aircall-workspace.html', '?login=manual&dial=none') }) } });
    const placed = placeCall({ provider: 'aircall', number: NUMBER, params: PARAMS });
    const fake = await fakeWorkspace();

    // A forged handshake would make the SDK take the forger for the workspace and send it the number.
    forgeAll('apm_phone_loaded', { email: 'mallory@example.com' });
    await settle();
    expect(dialledNumbers(fake), 'a forged login does not start the dial').to.deep.equal([]);
    expect(placed.session.state).to.equal('connecting');

    fake.login();
    await until(() => dialledNumbers(fake).length, 'the dial');
    // The workspace does not answer the dial (dial=none): a forged success must not stand in for it.
    forgeAll('apm_phone_dial_number_response', { success: true, data: {} });
    forgeAll('apm_phone_outgoing_call', { from: '+33100000000', to: NUMBER, call_id: 666 });
    await settle();
    expect(placed.session.state).to.equal('connecting');
    expect(placed.session.callSid).to.equal(undefined);

    const failed = await placed.record;
    expect(failed.error?.code, 'only the SDK’s own timeout answered').to.equal('aircall-no-answer');
    expect(forgerSaw, 'the forging frames were never sent anything').to.deep.equal([]);
  });

  it('keeps a live call when other frames forge its end or a logout', async () => {
    useConfig();
    configure({ providers: { aircall: createAircallProvider({ workspaceUrl: workspaceUrl() }) } });
    const placed = placeCall({ provider: 'aircall', number: NUMBER, params: PARAMS });
    const fake = await fakeWorkspace();
    await until(() => dialledNumbers(fake).length, 'the dial');
    fake.emit('outgoing_call', { to: NUMBER, call_id: 21 });
    fake.emit('outgoing_answered', { call_id: 21 });
    await until(() => placed.session.state === 'connected', 'connected');

    forgeAll('apm_phone_call_ended', { duration: 1, call_id: 21 });
    forgeAll('apm_phone_comment_saved', { comment: 'forged', call_id: 21 });
    forgeAll('apm_phone_logout');
    await settle();
    expect(placed.session.state).to.equal('connected');

    fake.emit('call_ended', { duration: 40, call_id: 21 });
    const record = await placed.record;
    expect(record.details).to.deep.equal({ durationSec: 40 });
    expect(record.notes).to.equal(undefined);
    expect(forgerSaw).to.deep.equal([]);
  });

  it('ignores the workspace frame itself once it shows a page of another origin', async () => {
    useConfig();
    configure({ providers: { aircall: createAircallProvider({ workspaceUrl: workspaceUrl('aircall-workspace.html', '?login=manual') }) } });
    const placed = placeCall({ provider: 'aircall', number: NUMBER, params: PARAMS });
    const fake = await fakeWorkspace();
    const frame = document.querySelector('call-aircall-workspace')!.shadowRoot!.querySelector('iframe')!;
    // Same server, other origin: the page there signs in at once, from the right frame but the wrong origin.
    const elsewhere = new URL(workspaceUrl());
    elsewhere.hostname = '127.0.0.1';
    const fromElsewhere: unknown[] = [];
    const onMessage = (event: MessageEvent) => {
      if (event.origin === elsewhere.origin && event.source === frame.contentWindow) fromElsewhere.push(event.data);
    };
    window.addEventListener('message', onMessage);
    try {
      frame.contentWindow!.location.href = elsewhere.href;
      await until(() => fromElsewhere.some((data) => (data as { name?: string }).name === 'apm_phone_loaded'), 'the login from the other origin');
      await settle();
      const status = document.querySelector('call-aircall-workspace')!.shadowRoot!.querySelector('[part=status]')!.textContent;
      expect(status, 'still waiting for a login from the workspace origin').to.contain('Sign in');
      expect(placed.session.state).to.equal('connecting');
      expect(fake.received.filter((m) => m.name === 'apm_app_dial_number')).to.deep.equal([]);
    } finally {
      window.removeEventListener('message', onMessage);
      placed.hangup();
    }
  });

  it('refuses an SDK that would listen to every frame (no way to put the gate in front of it)', async () => {
    const Sdk = await loadAircallSdk();
    // An SDK version that ignores the `window` it is given and listens elsewhere.
    const Unfiltered = class extends Sdk {
      constructor(settings: ConstructorParameters<AircallWorkspaceConstructor>[0]) {
        super({ ...settings, window: new EventTarget() } as unknown as ConstructorParameters<AircallWorkspaceConstructor>[0]);
      }
    };
    useConfig();
    configure({ providers: { aircall: createAircallProvider({ workspaceUrl: workspaceUrl(), sdk: async () => Unfiltered }) } });
    const record = await placeCall({ provider: 'aircall', number: NUMBER, params: PARAMS }).record;
    const error = record.error as Pick<CallElementsError, 'code' | 'message'>;
    expect(error.code).to.equal('sdk-load-failed');
    expect(error.message).to.contain('cannot be limited to the workspace frame');
    expect(document.querySelector('call-aircall-workspace')?.shadowRoot?.querySelector('iframe') ?? null).to.equal(null);
  });
});

describe('Aircall under a strict Content-Security-Policy with Trusted Types', function () {
  this.timeout(15_000);

  it('places a whole call without a single violation (the SDK’s own iframe creation would be refused)', async () => {
    const frame = document.createElement('iframe');
    frame.src = workspaceUrl('aircall-workspace-csp.html');
    document.body.append(frame);
    try {
      type Result = {
        done: boolean;
        error?: string;
        record?: { status: string; callSid: string };
        dialled?: unknown;
        violationsDuringCall?: string[];
        sdkOwnFrame?: boolean;
        trustedTypes?: boolean;
        violationsFromSdk?: string[];
      };
      const result = await until(() => {
        const current = (frame.contentWindow as (Window & { cspResult?: Result }) | null)?.cspResult;
        return current?.done ? current : undefined;
      }, 'the call in the CSP page', 10_000);
      expect(result.error).to.equal(undefined);
      expect(result.dialled).to.deep.equal({ phone_number: NUMBER });
      expect(result.record).to.include({ status: 'completed', callSid: '900' });
      expect(result.violationsDuringCall).to.deep.equal([]);
      // The contrast with the SDK's own way of loading the workspace (innerHTML) shows only where the engine
      // enforces Trusted Types; Firefox ESR 140 does not, and lets it through.
      if (result.trustedTypes) {
        expect(result.sdkOwnFrame).to.equal(false);
        expect(result.violationsFromSdk!.some((v) => v.startsWith('require-trusted-types-for'))).to.equal(true);
      } else {
        expect(result.violationsFromSdk!.some((v) => v.startsWith('require-trusted-types-for'))).to.equal(false);
      }
    } finally {
      frame.remove();
    }
  });
});
