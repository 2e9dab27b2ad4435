import { CallConnectEvent, CallEndEvent, CallErrorEvent, CallStartEvent, CallStoredEvent, type CallElementsEventMap } from '../events/events.js';
import { debug } from '../internal/debug.js';
import { CallElementsError, providerFailure, toCallElementsError } from '../internal/errors.js';
import { lazy } from '../internal/lazy.js';
import '../locales/engine-messages.js';
import { resolveLocale, translate } from '../internal/localize.js';
import { Outbox } from '../outbox/outbox.js';
import type { CallActionInput, CallFeedback, CallProvider, IncomingCallInfo, ProviderEvent } from '../providers/types.js';
import { CALL_ACTION_TYPES, type CallAction } from '../schema/call-action.js';
import type { CallRecord } from '../schema/call-record.js';
import { checkCallRecord } from '../schema/check.js';
import { createDemoProvider } from '../providers/demo/demo-provider.js';
import { createLazyHttpStorage } from '../storage/http/lazy-http-storage.js';
import { createIndexedDbStorage } from '../storage/indexeddb/indexeddb-storage.js';
import type { CallStorage } from '../storage/types.js';
import { $call, isCallActive, setCall } from '../store/call.js';
import { pushNotification } from '../store/push-notification.js';
import { resetOutbox } from '../store/outbox.js';
import { resetStats } from '../store/stats.js';
import type { AircallConfigs } from './aircall-config.js';
import { checkFeedback } from './feedback.js';
import { alertWhileRinging } from './incoming-alert.js';
import { LOOKUP_CALLER_TIMEOUT_MS, lookUpCaller, type CallerInfo, type CallerLookup } from './caller-lookup.js';
import { dispatchCallEvent } from './call-events.js';
import type { TraceableAction } from './config-options.js';
import type { CallEngine, StoredKind } from './engine-types.js';
import { askIdentity } from './identity-request.js';
import { IncomingRouter, type IncomingOwner } from './incoming.js';
import { checkCallContext, dial, outboundSession, trackCall, type CallContext, type CallHandle, type PlaceCallOptions, type ReceiveCallOptions } from './live-call.js';
import { dueActions, tracedAction } from './traced-actions.js';
import { showQueueNotices } from './queue-notices.js';
import { checkWrapUp, wrapUpNote, type CallWrapUp } from './wrap-up.js';
import type { CallRuntime } from './runtime.js';
import { CallSession } from './session.js';

/** Records of the latest calls, so that a provider's late detail can be added to the same record. */
const RECENT_RECORDS = 20;

function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const localeOf = (owner: EventTarget | undefined) => resolveLocale(owner instanceof Element && owner.isConnected ? owner : undefined);

/**
 * The rest of a page's call runtime, downloaded when the page places or receives its first call (or
 * finds records left by an earlier page): the live call, incoming calls, the durable queue and its
 * storage, traced actions. Between a call's end and its durable write nothing here downloads anything
 * or waits for the network or the host.
 */
class Engine implements CallEngine {
  /** The Aircall configurations' code (and their storage), downloaded with the first configuration call. */
  private readonly configs = lazy(() => import('./aircall-config.js').then(({ AircallConfigs }) => new AircallConfigs(() => this.storage())));
  private queue?: Outbox;
  private stopNotices?: () => void;
  private defaultStorage?: CallStorage;
  private live?: CallHandle;
  private readonly router: IncomingRouter;
  private readonly recent = new Map<string, CallRecord>();
  /**
   * Calls whose `call-stored` event is still to come, by record id. It follows `call-end` (which may
   * wait for a slow identity) even when the backend was quicker.
   */
  private readonly awaitingStored = new Map<string, { call: CallHandle; ended: boolean; stored: boolean }>();
  private readonly storedListeners = new Set<(kind: StoredKind, id: string) => void>();
  private disposed = false;
  /** Traced actions already queued for a session (an action is traced once). */
  private readonly traced = new WeakMap<CallSession, Set<TraceableAction>>();
  /** Calls whose end was reported (call-end): a problem found after it is reported on its own. */
  private readonly finishedCalls = new WeakSet<CallHandle>();
  /**
   * The record of the call each provider ended last, with that provider: the only call it can still rate (Twilio
   * keeps that call a while). One entry per provider.
   */
  private readonly lastRecords = new Map<string, CallProvider>();
  /** Stops the background-tab alert of the call ringing now (it also stops by itself once the call stops ringing). */
  private stopAlert?: () => void;

  constructor(private readonly runtime: CallRuntime) {
    runtime.providers.provideDefault('demo', createDemoProvider);
    this.router = new IncomingRouter({
      provider: (name) => runtime.providers.get(name),
      receive: (provider, incoming, options, owner) => this.receiveCall(provider, incoming, options, owner),
      liveCall: () => this.currentCall(),
    });
  }

  aircallConfigs(): Promise<AircallConfigs> {
    return this.configs().catch((error: unknown) => {
      throw new CallElementsError('load-failed', { cause: error });
    });
  }

  get queueStarted(): boolean {
    return !!this.queue;
  }

  storage(): CallStorage {
    const { persistence } = this.runtime;
    if (persistence.storage) return persistence.storage;
    if (persistence.storageUrl) {
      persistence.storage = createLazyHttpStorage(persistence.storageUrl);
      return persistence.storage;
    }
    this.defaultStorage ??= createIndexedDbStorage();
    return this.defaultStorage;
  }

  outbox(): Outbox {
    if (!this.queue) {
      const storage = this.storage();
      const { persistence } = this.runtime;
      const recording = persistence.recording;
      const findRecording =
        recording === false ? undefined : recording ?? (storage.getRecordingUrl ? (record: CallRecord) => storage.getRecordingUrl!(record.id) : undefined);
      this.queue = new Outbox({ storage, ...persistence.outbox, findRecording, recordingDelaysMs: persistence.recordingDelaysMs });
      // A call that ended as the runtime was disposed (sign-out, a test's reset) is still recorded, through a
      // queue of its own, but tells the page nothing: no toast or event of the old runtime in the new one.
      if (this.disposed) return this.queue;
      this.stopNotices = showQueueNotices(this.queue);
      this.queue.subscribe((event) => {
        if (event.type !== 'stored' || event.kind === 'recording') return;
        const { kind, id } = event;
        this.storedListeners.forEach((listener) => listener(kind, id));
        if (kind !== 'call') return;
        const waiting = this.awaitingStored.get(event.id);
        if (!waiting) return;
        waiting.stored = true;
        if (waiting.ended) this.stored(event.id);
      });
    }
    return this.queue;
  }

  restartQueue(): void {
    const queue = this.queue;
    if (!queue) return;
    this.queue = undefined;
    this.stopNotices?.();
    void queue.stop().then(() => this.outbox());
  }

  placeCall(options: PlaceCallOptions, owner?: EventTarget): CallHandle {
    if (typeof options !== 'object' || options === null) {
      throw new CallElementsError('invalid-options', { params: { detail: 'placeCall() takes { provider, number, ... }' }, permanent: true });
    }
    const context = checkCallContext(options);
    if (isCallActive($call.get())) throw new CallElementsError('call-in-progress');
    const provider = this.runtime.providers.get(String(options.provider));
    if (!provider) throw new CallElementsError('provider-unknown', { params: { provider: String(options.provider) }, permanent: true });
    const { session, to } = outboundSession(provider, options, context);
    const call = this.track(session, provider, context, options.identityTimeoutMs, owner);
    this.started(call, context);
    dial(call, { to, ...context, params: options.params });
    return call;
  }

  receiveCall(provider: CallProvider, incoming: IncomingCallInfo, options: ReceiveCallOptions = {}, owner?: EventTarget) {
    if (isCallActive($call.get())) return undefined;
    const context = checkCallContext(options);
    const session = new CallSession({ provider: provider.name, direction: 'inbound', displayName: context.displayName });
    const call = this.track(session, provider, context, options.identityTimeoutMs, owner);
    session.dispatch({ type: 'incoming', ...incoming });
    this.started(call, context);
    if (options.notifyIncoming ?? this.runtime.notifyIncoming) {
      this.stopAlert?.();
      this.stopAlert = alertWhileRinging(session, () => {
        const locale = localeOf(call.owner);
        const number = session.from ?? translate(locale, 'alert.unknown');
        const name = session.displayName ?? number;
        return { title: translate(locale, 'alert.title'), body: session.displayName ? `${session.displayName}\n${number}` : number, flash: translate(locale, 'alert.flash', { name }) };
      });
    }
    const { lookup, timeoutMs = LOOKUP_CALLER_TIMEOUT_MS } = this.runtime.callerLookup;
    if (lookup) void this.identifyCaller(call, context, lookup, timeoutMs);
    return { call, sink: (event: ProviderEvent) => session.dispatch(event) };
  }

  /**
   * Asks the host's lookup who is calling, while the call rings: what it finds names the caller in the
   * ringing UI (`$call`'s displayName) and goes into the record — at once when it answers before the
   * call ends, else by capturing the same record again with it. A lookup that fails is reported as a
   * `call-error` (caller-lookup-failed); the call goes on.
   */
  private async identifyCaller(call: CallHandle, context: CallContext, lookup: CallerLookup, timeoutMs: number): Promise<void> {
    const { session } = call;
    const found = await lookUpCaller(lookup, { from: session.from, provider: session.provider }, timeoutMs);
    if (this.disposed) return;
    if (found instanceof CallElementsError) {
      debug('incoming', 'caller-lookup-failed', { session: session.id, message: found.message });
      if (this.finishedCalls.has(call)) this.report(call, found);
      else call.warnings.push(found);
      return;
    }
    const fields = Object.keys(found) as (keyof CallerInfo)[];
    if (!fields.length) return;
    // For an incoming call, who calls is the lookup's to say, over the receiving element's own context.
    Object.assign(context, found);
    if (found.displayName) {
      session.displayName = found.displayName;
      if ($call.get()?.sessionId === session.id) setCall(session.snapshot());
    }
    const record = await call.record;
    if (this.disposed || fields.every((field) => record[field] === found[field])) return;
    const identified = { ...record, ...found };
    this.remember(identified);
    await this.outbox().capture({ kind: 'call', record: identified }, { silent: true });
  }

  currentCall(): CallHandle | undefined {
    return this.live?.session.isActive ? this.live : undefined;
  }

  callOf(sessionId: string): CallHandle | undefined {
    return this.live?.session.id === sessionId ? this.live : undefined;
  }

  onCallStored(listener: (id: string) => void): () => void {
    return this.onStored((kind, id) => kind === 'call' && listener(id));
  }

  onStored(listener: (kind: StoredKind, id: string) => void): () => void {
    this.storedListeners.add(listener);
    this.outbox();
    return () => this.storedListeners.delete(listener);
  }

  listen(providerName: string, owner: IncomingOwner): () => void {
    return this.router.listen(providerName, owner);
  }

  async logAction(input: CallActionInput): Promise<CallAction> {
    if (typeof input !== 'object' || input === null) {
      throw new CallElementsError('invalid-options', { params: { detail: 'an action is an object such as { type: "note", notes }' }, permanent: true });
    }
    const type = input.type ?? 'note';
    if (!CALL_ACTION_TYPES.includes(type)) {
      throw new CallElementsError('invalid-options', { params: { detail: `type must be one of ${CALL_ACTION_TYPES.join(', ')}` }, permanent: true });
    }
    const notText = Object.entries(input).find(([, value]) => value !== undefined && typeof value !== 'string');
    if (notText) throw new CallElementsError('invalid-options', { params: { detail: `the action's ${notText[0]} must be a string` }, permanent: true });
    const known = this.runtime.identity.known();
    const action = Object.fromEntries(
      Object.entries({ ...input, type, id: input.id ?? `${type}:${randomId()}`, at: input.at ?? new Date().toISOString(), userId: input.userId ?? known?.userId }).filter(
        ([, value]) => value !== undefined && value !== '',
      ),
    ) as CallAction;
    await this.outbox().capture({ kind: 'action', action });
    // The identity is never waited for before the action is safe; when it answers later, the same
    // action (same id) is queued again with it.
    if (!action.userId && this.runtime.identity.configured) {
      askIdentity(this.runtime.identity).promise.then(
        (identity) => identity && this.outbox().capture({ kind: 'action', action: { ...action, userId: identity.userId } }, { silent: true }),
        (error: unknown) => debug('actions', 'identity-failed', { id: action.id, error: String(error) }),
      );
    }
    return action;
  }

  async storeCall(input: unknown): Promise<void> {
    let record: CallRecord;
    try {
      record = await checkCallRecord(input);
    } catch (error) {
      const invalid = toCallElementsError(error, 'invalid-record');
      pushNotification({ kind: 'error', messageKey: `error.${invalid.code}`, params: invalid.params, code: invalid.code, key: `store-call:${invalid.code}:${String(invalid.params.detail ?? '')}` });
      throw invalid;
    }
    await this.outbox().capture({ kind: 'call', record });
  }

  amendCall(recordId: string, patch: Parameters<CallEngine['amendCall']>[1]): void {
    const record = this.recent.get(recordId);
    if (!record) {
      debug('engine', 'amend-unknown-record', { id: recordId });
      return;
    }
    const amended: CallRecord = { ...record, ...patch, ...(patch.details && { details: { ...record.details, ...patch.details } }) };
    this.remember(amended);
    void this.outbox().capture({ kind: 'call', record: amended }, { silent: true });
  }

  async rateCall(recordId: string, feedback: CallFeedback): Promise<void> {
    const checked = checkFeedback(feedback);
    const record = this.recent.get(recordId);
    if (!record) {
      throw new CallElementsError('invalid-options', { params: { detail: `no call "${String(recordId).slice(0, 80)}" ended on this page` }, permanent: true });
    }
    // A new rating replaces the last one whole: an issue it does not name is not kept.
    const { feedbackIssue: _previous, ...metrics } = record.metrics;
    const rated: CallRecord = { ...record, metrics: { ...metrics, feedbackScore: checked.score, ...(checked.issue && { feedbackIssue: checked.issue }) } };
    this.remember(rated);
    await this.outbox().capture({ kind: 'call', record: rated }, { silent: true });
    const provider = this.lastRecords.get(recordId);
    if (provider?.postFeedback) await provider.postFeedback(checked);
  }

  async wrapUpCall(recordId: string, wrapUp: CallWrapUp): Promise<CallWrapUp> {
    const checked = checkWrapUp(wrapUp);
    const record = typeof recordId === 'string' ? this.recent.get(recordId) : undefined;
    if (!record) {
      throw new CallElementsError('invalid-options', { params: { detail: `no call of this page has the record id "${String(recordId)}"` }, permanent: true });
    }
    if (!checked.disposition && !checked.notes) return checked;
    // The same record again, with the agent's words: the queue merges it into the entry of its id.
    const wrapped: CallRecord = { ...record, ...checked };
    this.remember(wrapped);
    await this.outbox().capture({ kind: 'call', record: wrapped }, { silent: true });
    if (checked.notes) await this.logAction(wrapUpNote(wrapped, checked.notes));
    return checked;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.router.stopAll();
    this.stopAlert?.();
    this.storedListeners.clear();
    this.stopNotices?.();
    const queue = this.queue;
    this.queue = undefined;
    const stopping = queue?.stop();
    // The page's stores only the engine writes go back as a fresh page has them (the runtime resets the
    // others), at once: nothing of this engine reaches them afterwards.
    resetOutbox();
    resetStats();
    this.configs.value?.reset();
    await stopping;
  }

  private track(session: CallSession, provider: CallProvider, context: CallContext, identityTimeoutMs: number | undefined, owner?: EventTarget) {
    const identity = !context.userId && this.runtime.identity.configured ? askIdentity(this.runtime.identity, identityTimeoutMs) : undefined;
    // The queue (and its database) is ready before the call starts, so that the end writes at once; the
    // end writes to the page's queue of that moment (configure() may have replaced it meanwhile).
    this.outbox();
    const call = trackCall(session, provider, context, identity, {
      capture: async (record, late) => {
        this.remember(record);
        if (!late) {
          for (const [id, ranIt] of this.lastRecords) if (ranIt === provider) this.lastRecords.delete(id);
          this.lastRecords.set(record.id, provider);
        }
        if (!this.awaitingStored.has(record.id)) this.awaitingStored.set(record.id, { call, ended: false, stored: false });
        await this.outbox().capture({ kind: 'call', record }, { silent: late });
      },
      onEvent: (handle, event) => this.onEvent(handle, event, context),
    });
    call.owner = owner;
    this.live = call;
    void call.record.then(
      (record) => this.finished(call, record),
      (error: unknown) => this.report(call, toCallElementsError(error, 'storage-unavailable')),
    );
    return call;
  }

  /** A call's event, to its owner or the page; none once the engine is disposed (sign-out, a test's reset). */
  private dispatch<K extends keyof CallElementsEventMap>(owner: EventTarget | undefined, event: CallElementsEventMap[K]): void {
    if (!this.disposed) dispatchCallEvent<K>(owner, event);
  }

  private remember(record: CallRecord): void {
    this.recent.delete(record.id);
    this.recent.set(record.id, record);
    for (const id of this.recent.keys()) if (this.recent.size > RECENT_RECORDS) this.recent.delete(id);
  }

  private started(call: CallHandle, context: CallContext): void {
    const { session } = call;
    const inbound = session.direction === 'inbound';
    this.dispatch<'call-start'>(
      call.owner,
      new CallStartEvent({
        provider: session.provider,
        direction: session.direction,
        ...(session.to && { to: session.to }),
        ...(session.from && { from: session.from }),
        ...(context.displayName && !inbound && { displayName: context.displayName }),
        ...(context.agentId && { agentId: context.agentId }),
        ...(context.leadId && !inbound && { leadId: context.leadId }),
        ...(context.requestId && !inbound && { requestId: context.requestId }),
      }),
    );
  }

  private onEvent(call: CallHandle, event: ProviderEvent, context: CallContext): void {
    const { session } = call;
    if (event.type === 'connected') {
      this.dispatch<'call-connect'>(
        call.owner,
        new CallConnectEvent({ provider: session.provider, callSid: session.ensureCallSid(), to: session.to, from: session.from }),
      );
    } else if (event.type === 'failed' && session.end?.error) {
      this.report(call, providerFailure(session.end.error));
    }
    this.trace(call, event, context);
  }

  private finished(call: CallHandle, record: CallRecord): void {
    this.finishedCalls.add(call);
    call.warnings.forEach((warning) => this.report(call, warning));
    this.dispatch<'call-end'>(call.owner, new CallEndEvent(record));
    const waiting = this.awaitingStored.get(record.id);
    if (!waiting) return;
    waiting.ended = true;
    if (waiting.stored) this.stored(record.id);
  }

  private stored(id: string): void {
    const waiting = this.awaitingStored.get(id);
    this.awaitingStored.delete(id);
    if (waiting) this.dispatch<'call-stored'>(waiting.call.owner, new CallStoredEvent({ id }));
  }

  private report(call: CallHandle, error: CallElementsError): void {
    this.dispatch<'call-error'>(
      call.owner,
      new CallErrorEvent({ code: error.code, message: error.localizedMessage(localeOf(call.owner)), provider: call.session.provider }),
    );
  }

  /** `configure({ traceActions })`: the library logs the call's actions for providers that do not log their own. */
  private trace(call: CallHandle, event: ProviderEvent, context: CallContext): void {
    const wanted = this.runtime.traceActions;
    if (!wanted.size || call.provider.tracesActions) return;
    const done = this.traced.get(call.session) ?? new Set<TraceableAction>();
    this.traced.set(call.session, done);
    for (const type of dueActions(call.session, event, wanted, done)) {
      this.logAction(tracedAction(type, call.session, context)).catch((error: unknown) => debug('actions', 'trace-failed', { type, error: String(error) }));
    }
  }
}

export function createEngine(runtime: CallRuntime): CallEngine {
  return new Engine(runtime);
}
