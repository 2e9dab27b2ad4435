import { TwilioError } from '@twilio/voice-sdk';
import type { TwilioSdkModule } from '../../src/providers/twilio/index.js';
import type { ProviderEvent, ProviderSink } from '../../src/providers/types.js';

/**
 * A fake `@twilio/voice-sdk` module for the paths that need Twilio's servers (ringing, answer, busy,
 * incoming calls...). It mirrors the public surface of the real package, read in node_modules:
 *
 * - Device: es5/twilio/device.d.ts (constructor(token, options), static isSupported, connect({ params })
 *   → Promise<Call>, register/unregister → Promise<void>, destroy, updateToken, state, events "error",
 *   "incoming", "destroyed", "unregistered", "registering", "registered", "tokenWillExpire");
 *   behaviour from esm/twilio/device.js (register() throws unless "unregistered", unregister() unless
 *   "registered", updateToken() throws once destroyed, destroy() rejects pending incoming calls,
 *   disconnects the others and removes every Device listener).
 * - Call: es5/twilio/call.d.ts (parameters, outboundConnectionId "TJ…", accept, reject, disconnect,
 *   ignore, mute, isMuted, sendDigits, status; events accept, cancel, disconnect, error, mute, reconnected,
 *   reconnecting, reject, ringing, warning, warning-cleared); behaviour from esm/twilio/call.js
 *   (CallSid set from the gateway at ringing/answer, "mute" only on a change, sendDigits throws on
 *   characters outside 0-9*#w, a hang-up with an error emits "error" then "disconnect", a microphone
 *   refused while accepting emits "disconnect" then "error").
 * - Errors are the real SDK's TwilioError classes (esm/twilio/errors/generated.js).
 * - device.audio: es5/twilio/audiohelper.d.ts and outputdevicecollection.d.ts (availableInputDevices,
 *   availableOutputDevices, inputDevice, inputStream, isOutputSelectionSupported, isVolumeSupported,
 *   speakerDevices / ringtoneDevices get/set/test/delete, setInputDevice, unsetInputDevice, events
 *   "deviceChange" (lost active devices) and "inputVolume"); behaviour from esm/twilio/audiohelper.js
 *   and outputdevicecollection.js: the lists are filled after the constructor, then "deviceChange";
 *   setInputDevice rejects "Device not found: <id>", set() rejects "Devices not found: <ids>" or when
 *   output selection is not supported; an output lost falls back to "default"; inputStream exists only
 *   once setInputDevice opened the microphone; `device.audio` is null once the Device is destroyed.
 * - Device.runPreflight(token, options) → PreflightTest: preflight/preflight.d.ts (status, stop, events
 *   connected, completed(report), failed(error), warning); behaviour from esm/twilio/preflight/preflight.js
 *   ("warning" carries one { name, description } object, stop() fails the test with CallCancelledError 31008).
 *
 * Emitters count their listeners like Node's EventEmitter (`listenerCount`), so tests can check
 * that the provider removes what it adds.
 */

type Listener = (...args: unknown[]) => void;

export class FakeEmitter {
  private readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  addListener(event: string, listener: Listener): this {
    return this.on(event, listener);
  }

  once(event: string, listener: Listener): this {
    const wrapper: Listener = (...args) => {
      this.removeListener(event, wrapper);
      listener(...args);
    };
    return this.on(event, wrapper);
  }

  removeListener(event: string, listener: Listener): this {
    const list = this.listeners.get(event) ?? [];
    const index = list.lastIndexOf(listener);
    if (index >= 0) this.listeners.set(event, [...list.slice(0, index), ...list.slice(index + 1)]);
    return this;
  }

  off(event: string, listener: Listener): this {
    return this.removeListener(event, listener);
  }

  removeAllListeners(event?: string): this {
    if (event === undefined) this.listeners.clear();
    else this.listeners.delete(event);
    return this;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  /** Every listener of every event: the number the leak test watches. */
  totalListeners(): number {
    let total = 0;
    for (const list of this.listeners.values()) total += list.length;
    return total;
  }

  emit(event: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(event) ?? [];
    for (const listener of list) listener(...args);
    return list.length > 0;
  }
}

/** The real SDK's error for a code of its catalogue, e.g. `twilioError(31486)` is a BusyHere. */
export function twilioError(code: number, originalError?: object): InstanceType<typeof TwilioError.TwilioError> {
  const ErrorClass = TwilioError.getErrorByCode(code);
  return originalError ? new ErrorClass(originalError) : new ErrorClass();
}

/** What the SDK emits for a gateway code it does not know (e.g. 31408): a ConnectionError wrapping it. */
export function wrappedGatewayError(code: number, message: string): InstanceType<typeof TwilioError.TwilioError> {
  return new TwilioError.GeneralErrors.ConnectionError('Error sent from gateway in HANGUP', { code, message });
}

/** A MediaDeviceInfo as enumerateDevices gives it. */
export function mediaDevice(kind: 'audioinput' | 'audiooutput', deviceId: string, label = ''): MediaDeviceInfo {
  const info = { kind, deviceId, label, groupId: `group-${deviceId}` };
  return { ...info, toJSON: () => info } as MediaDeviceInfo;
}

/** The devices a fresh fake helper lists, like a machine with a headset plugged in. */
export const DEFAULT_AUDIO_DEVICES: readonly MediaDeviceInfo[] = [
  mediaDevice('audioinput', 'default', 'Default - Built-in Microphone'),
  mediaDevice('audioinput', 'mic-builtin', 'Built-in Microphone'),
  mediaDevice('audioinput', 'mic-headset', 'Headset Microphone'),
  mediaDevice('audiooutput', 'default', 'Default - Built-in Speakers'),
  mediaDevice('audiooutput', 'out-builtin', 'Built-in Speakers'),
  mediaDevice('audiooutput', 'out-headset', 'Headset Earphones'),
];

export class FakeOutputDeviceCollection {
  readonly tests: (string | undefined)[] = [];
  /** What the browser's setSinkId rejects with (the SDK's set() passes it on), when the test says so. */
  failure?: Error;
  private active = new Set<MediaDeviceInfo>();

  constructor(
    private readonly available: Map<string, MediaDeviceInfo>,
    private readonly supported: boolean,
  ) {}

  get(): Set<MediaDeviceInfo> {
    return this.active;
  }

  async set(deviceIdOrIds: string | string[]): Promise<void> {
    if (!this.supported) throw new TwilioError.NotSupportedError('This browser does not support audio output selection');
    const ids = Array.isArray(deviceIdOrIds) ? deviceIdOrIds : [deviceIdOrIds];
    if (!ids.length) throw new TwilioError.InvalidArgumentError('Must specify at least one device to set');
    const missing = ids.filter((id) => !this.available.has(id));
    if (missing.length) throw new TwilioError.InvalidArgumentError(`Devices not found: ${missing.join(', ')}`);
    if (this.failure) throw this.failure;
    this.active = new Set(ids.map((id) => this.available.get(id)!));
  }

  async test(soundUrl?: string): Promise<unknown> {
    if (!this.supported) throw new TwilioError.NotSupportedError('This browser does not support audio output selection');
    if (!this.active.size) throw new TwilioError.InvalidStateError('No active output devices to test');
    this.tests.push(soundUrl);
    return [];
  }

  delete(device: MediaDeviceInfo): boolean {
    const was = [...this.active].some((active) => active.deviceId === device.deviceId);
    this.active = new Set([...this.active].filter((active) => active.deviceId !== device.deviceId));
    if (!this.active.size && this.supported) {
      const fallback = this.available.get('default') ?? this.available.values().next().value;
      if (fallback) this.active.add(fallback);
    }
    return was;
  }
}

export class FakeAudioHelper extends FakeEmitter {
  readonly availableInputDevices = new Map<string, MediaDeviceInfo>();
  readonly availableOutputDevices = new Map<string, MediaDeviceInfo>();
  readonly isOutputSelectionSupported: boolean;
  readonly isVolumeSupported = true;
  readonly speakerDevices: FakeOutputDeviceCollection;
  readonly ringtoneDevices: FakeOutputDeviceCollection;
  /** Every setInputDevice id, in order. */
  readonly inputChoices: string[] = [];
  unsetInputCalls = 0;
  private input: MediaDeviceInfo | null = null;
  private stream: MediaStream | null = null;

  constructor(devices: readonly MediaDeviceInfo[], outputSelection: boolean, outputFailure?: Error) {
    super();
    this.isOutputSelectionSupported = outputSelection;
    this.speakerDevices = new FakeOutputDeviceCollection(this.availableOutputDevices, outputSelection);
    this.ringtoneDevices = new FakeOutputDeviceCollection(this.availableOutputDevices, outputSelection);
    // Like _initializeEnumeration: the lists arrive after the constructor, with a "deviceChange".
    queueMicrotask(() => {
      for (const device of devices) this.listFor(device).set(device.deviceId, device);
      for (const outputs of [this.speakerDevices, this.ringtoneDevices]) {
        const fallback = this.availableOutputDevices.get('default');
        if (outputSelection && fallback && !outputs.get().size) void outputs.set('default');
        outputs.failure = outputFailure;
      }
      this.emit('deviceChange', []);
    });
  }

  get inputDevice(): MediaDeviceInfo | null {
    return this.input;
  }

  get inputStream(): MediaStream | null {
    return this.stream;
  }

  async setInputDevice(deviceId: string): Promise<void> {
    if (typeof deviceId !== 'string') throw new TwilioError.InvalidArgumentError('Must specify the device to set');
    const device = this.availableInputDevices.get(deviceId);
    if (!device) throw new TwilioError.InvalidArgumentError(`Device not found: ${deviceId}`);
    this.inputChoices.push(deviceId);
    this.input = device;
    this.stream ??= new MediaStream();
  }

  async unsetInputDevice(): Promise<void> {
    this.unsetInputCalls += 1;
    this.input = null;
    this.stream = null;
  }

  // — what the browser does, driven by the test —

  /** A device plugged in: listed, then "deviceChange" with no lost device. */
  plug(device: MediaDeviceInfo): void {
    this.listFor(device).set(device.deviceId, device);
    this.emit('deviceChange', []);
  }

  /** A device unplugged: unlisted, dropped where it was active, then "deviceChange" with the active ones lost. */
  unplug(deviceId: string, kind: 'audioinput' | 'audiooutput'): void {
    const list = kind === 'audioinput' ? this.availableInputDevices : this.availableOutputDevices;
    const device = list.get(deviceId);
    if (!device) return;
    list.delete(deviceId);
    let lostActive = false;
    if (kind === 'audioinput' && this.input?.deviceId === deviceId) {
      lostActive = true;
      this.input = null;
      this.stream = null;
    }
    if (kind === 'audiooutput') lostActive = [this.speakerDevices.delete(device), this.ringtoneDevices.delete(device)].some(Boolean);
    this.emit('deviceChange', lostActive ? [device] : []);
  }

  /** The polled input volume, 0 to 1 (emitted on animation frames while a stream is open). */
  volume(level: number): void {
    this.emit('inputVolume', level);
  }

  private listFor(device: MediaDeviceInfo): Map<string, MediaDeviceInfo> {
    return device.kind === 'audioinput' ? this.availableInputDevices : this.availableOutputDevices;
  }
}

type CallState = 'pending' | 'connecting' | 'ringing' | 'open' | 'reconnecting' | 'closed';

let sidCounter = 0;
const hex = (n: number) => n.toString(16).padStart(32, '0');

export class FakeCall extends FakeEmitter {
  parameters: Record<string, string>;
  readonly customParameters: Map<string, string>;
  readonly outboundConnectionId?: string;
  readonly direction: 'INCOMING' | 'OUTGOING';
  readonly sentDigits: string[] = [];
  acceptCount = 0;
  private state: CallState;
  private muted = false;

  constructor(direction: 'INCOMING' | 'OUTGOING', parameters: Record<string, string>, customParameters: Record<string, string> = {}) {
    super();
    this.direction = direction;
    this.parameters = { ...parameters };
    this.customParameters = new Map(Object.entries(customParameters));
    this.state = direction === 'INCOMING' ? 'pending' : 'connecting';
    if (direction === 'OUTGOING') {
      sidCounter += 1;
      this.outboundConnectionId = `TJ${hex(sidCounter)}`;
    }
  }

  status(): CallState {
    return this.state;
  }

  /** What postFeedback sent to Insights; `failFeedback` makes the publisher reject (a network failure). */
  readonly feedback: { score: number; issue?: string }[] = [];
  failFeedback?: Error;

  /** call.js `postFeedback`: checks the score and the issue against Call.FeedbackScore/FeedbackIssue, then publishes. */
  async postFeedback(score?: number, issue?: string): Promise<void> {
    if (score === undefined || score === null) return;
    if (![1, 2, 3, 4, 5].includes(score)) throw new Error('Feedback score must be one of: 1,2,3,4,5');
    const issues = ['audio-latency', 'choppy-audio', 'dropped-call', 'echo', 'noisy-call', 'one-way-audio'];
    if (issue !== undefined && issue !== null && !issues.includes(issue)) throw new Error(`Feedback issue must be one of: ${issues}`);
    if (this.failFeedback) throw this.failFeedback;
    this.feedback.push({ score, ...(issue && { issue }) });
  }

  accept(): void {
    this.acceptCount += 1;
    if (this.state !== 'pending') return;
    this.state = 'connecting';
  }

  reject(): void {
    if (this.state !== 'pending') return;
    this.state = 'closed';
    this.emit('reject');
  }

  ignore(): void {
    if (this.state === 'pending') this.state = 'closed';
  }

  disconnect(): void {
    if (!['open', 'connecting', 'reconnecting', 'ringing'].includes(this.state)) return;
    this.state = 'closed';
    this.emit('disconnect', this);
  }

  isMuted(): boolean {
    return this.muted;
  }

  mute(shouldMute = true): void {
    const was = this.muted;
    this.muted = shouldMute;
    if (was !== shouldMute) this.emit('mute', shouldMute, this);
  }

  sendDigits(digits: string): void {
    if (/[^0-9*#w]/.test(digits)) throw new TypeError('Illegal character passed into sendDigits');
    this.sentDigits.push(digits);
  }

  // — what Twilio's gateway and the browser do, driven by the test —

  /** The gateway's RINGING: the real CallSid arrives with it (call.js `_onRinging` → `_setCallSid`). */
  ring(callSid?: string): void {
    if (callSid) this.parameters.CallSid = callSid;
    this.state = 'ringing';
    this.emit('ringing', false);
  }

  /** The gateway's answer plus open media: "accept" (call.js `_maybeTransitionToOpen`). */
  answer(callSid?: string): void {
    if (callSid) this.parameters.CallSid = callSid;
    this.state = 'open';
    this.emit('accept', this);
  }

  /** The gateway's HANGUP, with an error for busy/declined/...: "error" first, then "disconnect". */
  remoteHangup(error?: unknown): void {
    if (this.state === 'closed') return;
    if (error) this.emit('error', error);
    this.state = 'closed';
    this.emit('disconnect', this);
  }

  /** The caller hung up before the call was answered. */
  cancel(): void {
    this.state = 'closed';
    this.emit('cancel');
  }

  /** getUserMedia failed during accept: "disconnect" first, then the error (call.js `accept`). */
  microphoneFails(code: 31401 | 31402): void {
    this.state = 'closed';
    this.emit('disconnect', this);
    this.emit('error', twilioError(code));
  }
}

export class FakePreflightTest extends FakeEmitter {
  status: 'connecting' | 'connected' | 'completed' | 'failed' = 'connecting';
  stopCalls = 0;

  constructor(
    readonly token: string,
    readonly options: Record<string, unknown>,
  ) {
    super();
  }

  stop(): void {
    this.stopCalls += 1;
    this.fail(new TwilioError.GeneralErrors.CallCancelledError());
  }

  // — what Twilio does, driven by the test —

  connect(): void {
    this.status = 'connected';
    this.emit('connected');
  }

  warn(name: string, description: string): void {
    this.emit('warning', { name, description });
  }

  complete(report: Record<string, unknown>): void {
    this.status = 'completed';
    this.emit('completed', report);
  }

  fail(error: unknown): void {
    if (this.status === 'completed' || this.status === 'failed') return;
    this.status = 'failed';
    this.emit('failed', error);
  }
}

/** A report as preflight.js builds it (`_getReport`), trimmed to what matters here. */
export const PREFLIGHT_REPORT = {
  callSid: 'CA-preflight',
  edge: 'dublin',
  selectedEdge: 'roaming',
  isTurnRequired: false,
  callQuality: 'great',
  networkTiming: { signaling: { start: 1, end: 181, duration: 180 }, ice: { start: 200, end: 240, duration: 40 }, dtls: { start: 240, duration: 12 } },
  stats: { rtt: { average: 42.4, min: 30, max: 60 }, jitter: { average: 3.2, min: 1, max: 8 }, mos: { average: 4.15, min: 4, max: 4.3 } },
  testTiming: { start: 0, end: 15_300, duration: 15_300 },
  warnings: [{ name: 'high-rtt', description: 'Round trip time is high' }],
  samples: [],
  iceCandidateStats: [],
};

export type ConnectMode = 'answer-later' | 'hold' | { reject: unknown };

export interface FakeTwilio {
  /** The module to give `createTwilioProvider({ sdk: () => fake.load() })`. */
  readonly module: TwilioSdkModule & { Device: typeof FakeDevice };
  load(): Promise<TwilioSdkModule>;
  loads: number;
  readonly devices: FakeDevice[];
  /** The newest Device. */
  readonly device: FakeDevice | undefined;
  /** The newest call (outbound or incoming). */
  readonly call: FakeCall | undefined;
  readonly calls: FakeCall[];
  /** What the next `connect()` does: resolve with a call (default), or never settle, or reject. */
  connectMode: ConnectMode;
  /** Resolves the connects held by `connectMode = 'hold'`. */
  releaseHeldConnects(): void;
  isSupported: boolean;
  /** What the next Device's audio helper lists, and whether it can choose outputs (setSinkId). */
  audioDevices: readonly MediaDeviceInfo[];
  outputSelection: boolean;
  /** When set, the outputs' set() of the next Devices rejects with it (setSinkId refused by the browser). */
  outputFailure?: Error;
  /** Every Device.runPreflight test, the newest last. */
  readonly preflights: FakePreflightTest[];
}

export class FakeDevice extends FakeEmitter {
  static fake: FakeTwilio;
  static get isSupported(): boolean {
    return this.fake.isSupported;
  }

  static runPreflight(token: string, options: Record<string, unknown> = {}): FakePreflightTest {
    const test = new FakePreflightTest(token, { ...options });
    this.fake.preflights.push(test);
    return test;
  }

  token: string;
  readonly options: Record<string, unknown>;
  readonly tokenUpdates: string[] = [];
  readonly connects: Array<{ params: Record<string, string> }> = [];
  /** Calls of this Device, as `device.calls` plus the active one in the SDK. */
  readonly ownCalls: FakeCall[] = [];
  registerCalls = 0;
  unregisterCalls = 0;
  audio: FakeAudioHelper | null;
  private currentState: 'destroyed' | 'unregistered' | 'registering' | 'registered' = 'unregistered';
  /** device.js `_shouldReRegister`: registered when the signaling went offline, so registered again when it is back. */
  private shouldReRegister = false;
  private readonly held: Array<() => void> = [];
  private readonly owner: FakeTwilio;

  constructor(token: string, options: object = {}) {
    super();
    if (typeof token !== 'string') throw new TypeError('Parameter "token" must be of type "string".');
    this.owner = (this.constructor as typeof FakeDevice).fake;
    this.token = token;
    this.options = { ...options };
    this.audio = new FakeAudioHelper(this.owner.audioDevices, this.owner.outputSelection, this.owner.outputFailure);
    (this.owner.devices as FakeDevice[]).push(this);
  }

  get state(): string {
    return this.currentState;
  }

  async connect(options: { params?: Record<string, string> } = {}): Promise<FakeCall> {
    if (this.currentState === 'destroyed') throw new Error('Device has been destroyed.');
    const params = { ...(options.params ?? {}) };
    this.connects.push({ params });
    const mode = this.owner.connectMode;
    if (typeof mode === 'object') throw mode.reject;
    if (mode === 'hold') await new Promise<void>((resolve) => this.held.push(resolve));
    const call = new FakeCall('OUTGOING', {}, params);
    this.ownCalls.push(call);
    (this.owner.calls as FakeCall[]).push(call);
    // The SDK accepts its own outbound call right away (device.js `connect` → `activeCall.accept()`).
    call.accept();
    return call;
  }

  releaseHeld(): void {
    for (const resolve of this.held.splice(0)) resolve();
  }

  async register(): Promise<void> {
    this.registerCalls += 1;
    if (this.currentState !== 'unregistered') throw new Error(`Attempt to register when device is in state "${this.currentState}".`);
    this.shouldReRegister = false;
    this.setState('registering');
    await Promise.resolve();
    if (this.state === 'registering') this.setState('registered');
  }

  async unregister(): Promise<void> {
    this.unregisterCalls += 1;
    if (this.currentState !== 'registered') throw new Error(`Attempt to unregister when device is in state "${this.currentState}".`);
    await Promise.resolve();
    if (this.state === 'registered') this.setState('unregistered');
  }

  updateToken(token: string): void {
    if (this.currentState === 'destroyed') throw new Error('Attempt to "updateToken" when device is in state "destroyed".');
    this.token = token;
    this.tokenUpdates.push(token);
  }

  destroy(): void {
    // Like the real Device: a connect still waiting for signaling never settles once the stream is gone.
    this.held.length = 0;
    for (const call of this.ownCalls) {
      if (call.status() === 'pending') call.reject();
      else call.disconnect();
    }
    this.setState('destroyed');
    this.removeAllListeners();
    this.audio?.removeAllListeners();
    this.audio = null;
  }

  // — what Twilio does, driven by the test —

  /** An incoming invite: emits "incoming" with a pending call (device.js `_onSignalingInvite`). */
  ringIn(parameters: { CallSid: string; From?: string; To?: string }): FakeCall {
    const call = new FakeCall('INCOMING', parameters);
    this.ownCalls.push(call);
    (this.owner.calls as FakeCall[]).push(call);
    this.emit('incoming', call);
    return call;
  }

  /** The signaling stream went offline (device.js `_onSignalingOffline`): unregistered, to re-register once back. */
  signalingOffline(): void {
    if (this.currentState === 'destroyed') return;
    this.shouldReRegister = this.currentState !== 'unregistered';
    this.setState('unregistered');
  }

  /**
   * The signaling stream connected again (device.js `_onSignalingConnected`): the SDK registers again by
   * itself when it was registered; `fail` makes that registration fail, as it can (the SDK only logs it).
   */
  signalingConnected(fail = false): void {
    if (!this.shouldReRegister) return;
    if (fail) {
      this.shouldReRegister = false;
      return;
    }
    this.register().catch(() => undefined);
  }

  private setState(state: FakeDevice['currentState']): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.emit(state);
  }
}

/** A fresh fake module: its own Device class, devices and calls, so that tests share nothing. */
export function createFakeTwilio(): FakeTwilio {
  const devices: FakeDevice[] = [];
  const calls: FakeCall[] = [];
  const fake: FakeTwilio = {
    module: undefined as unknown as FakeTwilio['module'],
    loads: 0,
    devices,
    calls,
    get device() {
      return devices.at(-1);
    },
    get call() {
      return calls.at(-1);
    },
    connectMode: 'answer-later',
    isSupported: true,
    audioDevices: DEFAULT_AUDIO_DEVICES,
    outputSelection: true,
    preflights: [],
    async load() {
      fake.loads += 1;
      return fake.module;
    },
    releaseHeldConnects() {
      for (const device of devices) device.releaseHeld();
    },
  };
  class Device extends FakeDevice {
    static override fake = fake;
  }
  (fake as { module: FakeTwilio['module'] }).module = { Device };
  return fake;
}

/** A sink that keeps what a provider reports, for tests that talk to the provider directly. */
export function collectEvents(): { sink: ProviderSink; events: ProviderEvent[]; ends: () => ProviderEvent[] } {
  const events: ProviderEvent[] = [];
  return {
    sink: (event) => events.push(event),
    events,
    ends: () => events.filter((event) => event.type === 'ended' || event.type === 'failed'),
  };
}
