import { debug } from '../internal/debug.js';
import { CallElementsError } from '../internal/errors.js';
import { lazy, type Lazy } from '../internal/lazy.js';
import { DEFAULT_OUTBOX_NAME, type OutboxSettings } from '../outbox/settings.js';
import { ProviderRegistry } from '../providers/registry.js';
import type { ProviderHost } from '../providers/types.js';
import type { CallStorage } from '../storage/types.js';
import { $call } from '../store/call.js';
import { updateSettings } from '../store/config.js';
import { clearNotifications } from '../store/notifications.js';
import type { RecordingResolver, TraceableAction } from './config-options.js';
import type { CallerLookup } from './caller-lookup.js';
import type { CallEngine } from './engine-types.js';
import { IdentityResolver } from './identity.js';
import { hasQueuedRecords } from './resume.js';

/** How long to wait before each look for a recording (ms): about two minutes in all, then give up. */
export const DEFAULT_RECORDING_DELAYS_MS: readonly number[] = [2000, 4000, 8000, 16_000, 30_000, 60_000];

/** What `configure()` and the `storage-url` attribute say about keeping calls. */
export interface PersistenceSettings {
  storage?: CallStorage;
  /** The backend of the `storage-url` attribute (normalised), used when the host chose no storage. */
  storageUrl?: string;
  /** True when the host chose the storage (configure), so that HTML attributes do not override it. */
  chosenByHost: boolean;
  outbox: OutboxSettings;
  recording?: RecordingResolver | false;
  recordingDelaysMs: readonly number[];
}

/** The module with the rest of the runtime (calls/engine.ts), downloaded on first use. */
export interface EngineModule {
  createEngine(runtime: CallRuntime): CallEngine;
}

/**
 * One page's call runtime: it owns everything about calls on the page — the providers, the identity,
 * the storage settings and, once downloaded, the engine that runs the live call and the durable queue.
 * Elements and the JavaScript API are views of it: removing, re-creating or moving an element never
 * touches a call. Tests create and dispose one instead of resetting page-wide variables.
 *
 * It needs no DOM; in a browser it also resumes the queue when the network comes back or the page
 * becomes visible, whenever records wait.
 */
export class CallRuntime {
  readonly identity = new IdentityResolver();
  readonly providers: ProviderRegistry;
  readonly persistence: PersistenceSettings = { chosenByHost: false, outbox: {}, recordingDelaysMs: DEFAULT_RECORDING_DELAYS_MS };
  traceActions: ReadonlySet<TraceableAction> = new Set();
  /** The host's caller lookup for incoming calls (`configure({ lookupCaller, lookupCallerTimeoutMs })`). */
  callerLookup: { lookup?: CallerLookup; timeoutMs?: number } = {};
  /** `configure({ notifyIncoming })`: alert the agent while a call rings in a background tab. */
  notifyIncoming = false;
  #loaded?: CallEngine;
  #resumeScheduled = false;
  #disposed = false;
  readonly #cleanups: (() => void)[] = [];

  /** What providers get from the runtime (`attach(host)`), instead of reaching for page-wide state. */
  readonly host: ProviderHost = {
    loadAircallConfig: async (scope) => (await (await this.loadEngine()).aircallConfigs()).load(scope),
    logAction: (action) => {
      this.loadEngine()
        .then((engine) => engine.logAction(action))
        .catch((error: unknown) => debug('runtime', 'action-not-queued', { type: action.type, error: String(error) }));
    },
    amendCall: (recordId, patch) => this.#loaded?.amendCall(recordId, patch),
  };

  readonly #engineModule: Lazy<EngineModule>;
  /** The HTTP storage's URL rule, downloaded when the page first gives a `storage-url`. */
  readonly #storageUrlRule = lazy(() => import('./storage-url.js'));
  /** The `storage-url` checks under way: the engine waits for them (see loadEngine). */
  readonly #storageUrlChecks = new Set<Promise<CallElementsError | undefined>>();

  constructor(engineModule: () => Promise<EngineModule>) {
    this.#engineModule = lazy(engineModule);
    this.providers = new ProviderRegistry(this.host);
    if (typeof window !== 'undefined') {
      const onOnline = () => this.resume();
      const onVisible = () => document.visibilityState === 'visible' && this.resume();
      window.addEventListener('online', onOnline);
      document.addEventListener('visibilitychange', onVisible);
      this.#cleanups.push(() => window.removeEventListener('online', onOnline), () => document.removeEventListener('visibilitychange', onVisible));
    }
  }

  /** Starts the queue again with the persistence settings as they are now (`configure()` changed them). */
  restartQueue(): void {
    this.#loaded?.restartQueue();
  }

  /**
   * HTML-only configuration (`storage-url` attribute): uses the HTTP storage at `url` unless the host
   * chose a storage with `configure()`, which always wins. The URL is checked by the HTTP storage's rule,
   * whose code downloads with the page's first `storage-url` (then the check is synchronous); resolves
   * with what is wrong (`invalid-options`, or `load-failed`), or undefined. Never rejects. Until the first
   * check is done, a call waits for it (`engineForCall()` is undefined, `loadEngine()` waits): no call placed
   * starts its queue without the storage its element names.
   */
  useStorageUrl(url: string): Promise<CallElementsError | undefined> {
    const rule = this.#storageUrlRule.value;
    if (rule) return Promise.resolve(this.#setStorageUrl(rule.checkStorageUrl(url)));
    const check = this.#storageUrlRule().then(
      ({ checkStorageUrl }) => this.#setStorageUrl(checkStorageUrl(url)),
      (error: unknown) => new CallElementsError('load-failed', { cause: error }),
    );
    this.#storageUrlChecks.add(check);
    void check.then(() => this.#storageUrlChecks.delete(check));
    return check;
  }

  /** Uses the checked `storage-url` (a base URL), unless the host chose a storage; returns what was wrong with it. */
  #setStorageUrl(baseUrl: string | CallElementsError): CallElementsError | undefined {
    if (typeof baseUrl !== 'string') return baseUrl;
    if (this.persistence.chosenByHost) {
      debug('runtime', 'storage-url-ignored', { url: baseUrl, reason: 'configure({ storage }) was called' });
    } else if (this.persistence.storageUrl !== baseUrl && !this.#disposed) {
      Object.assign(this.persistence, { storageUrl: baseUrl, storage: undefined });
      this.#loaded?.restartQueue();
    }
    return undefined;
  }

  /** The engine when its code is there already, for elements to use synchronously. */
  engine(): CallEngine | undefined {
    return this.#loaded;
  }

  /**
   * The engine when a call can start on it at once: there already, and no `storage-url` being checked (the
   * call's queue starts with the storage that URL names). Otherwise {@link loadEngine} waits for both.
   */
  engineForCall(): CallEngine | undefined {
    return this.#storageUrlChecks.size ? undefined : this.#loaded;
  }

  /**
   * The engine, downloaded on first use. A failed download is tried again on the next use; Firefox
   * and Safari then fetch it again, Chromium replays the failure until the page reloads (whatwg/html#6768).
   */
  loadEngine(): Promise<CallEngine> {
    const checks = [...this.#storageUrlChecks];
    if (this.#loaded && !checks.length) return Promise.resolve(this.#loaded);
    // A `storage-url` being checked names the storage the engine's queue starts with.
    return Promise.all([this.#engineModule(), ...checks]).then(([module]) => this.attachEngine(module));
  }

  /** Creates the engine from its module when the page has it already (the full API imports it). */
  attachEngine(module: EngineModule): CallEngine {
    this.#loaded ??= module.createEngine(this);
    return this.#loaded;
  }

  /**
   * Starts sending what waits in the queue: at once when the queue runs, otherwise after a look at its
   * database (which neither creates it nor downloads anything when it is empty). Called by
   * `configure()`, by every element as it connects, and when the network or the page comes back.
   * Deferred by one task, so that a host's `configure()` in the same script runs first.
   */
  resume(): void {
    if (this.#disposed || this.#resumeScheduled || this.#loaded?.queueStarted) return;
    this.#resumeScheduled = true;
    setTimeout(() => {
      this.#resumeScheduled = false;
      if (this.#disposed || this.#loaded?.queueStarted) return;
      const dbName = this.persistence.outbox.dbName ?? DEFAULT_OUTBOX_NAME;
      void hasQueuedRecords(dbName)
        .then(async (queued) => {
          if (queued && !this.#disposed) (await this.loadEngine()).outbox();
        })
        .catch((error: unknown) => debug('runtime', 'resume-failed', { error: String(error) }));
    }, 0);
  }

  /**
   * Ends everything this runtime started — the queue (its database stays), listening for calls, the
   * providers — and puts the page's stores back as a fresh page has them. For tests and sign-out.
   */
  async dispose(): Promise<void> {
    this.#disposed = true;
    this.#cleanups.splice(0).forEach((cleanup) => cleanup());
    const engine = this.#loaded;
    this.#loaded = undefined;
    // Everything but the wait for a send in progress happens at once: the page's stores are fresh
    // when this returns its promise, and nothing of this runtime reaches them afterwards.
    const stopping = engine?.dispose();
    this.providers.dispose();
    this.identity.set(undefined);
    this.callerLookup = {};
    this.notifyIncoming = false;
    $call.set(null);
    clearNotifications();
    updateSettings({ locale: undefined, notify: 'errors' });
    await stopping;
  }
}
