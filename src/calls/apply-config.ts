import { updateSettings } from '../store/config.js';
import type { CallElementsConfig } from './config-options.js';
import type { CallRuntime } from './runtime.js';

/**
 * Applies a configuration `checkConfig()` accepted to the page's runtime (`configure()` checks it first):
 * each call changes only the keys it names. Apart from the runtime, so that pages that never configure
 * carry neither the checks nor this.
 */
export function applyConfig(runtime: CallRuntime, config: CallElementsConfig): void {
  if (config.identity !== undefined) runtime.identity.set(config.identity);
  for (const [name, provider] of Object.entries(config.providers ?? {})) runtime.providers.register(provider, name);
  const persistence = runtime.persistence;
  let restart = false;
  if (config.storage && config.storage !== persistence.storage) {
    Object.assign(persistence, { storage: config.storage, chosenByHost: true });
    restart = true;
  }
  if (config.outbox) {
    persistence.outbox = { ...persistence.outbox, ...config.outbox };
    restart = true;
  }
  if (config.recording !== undefined) {
    persistence.recording = config.recording;
    restart = true;
  }
  if (config.recordingDelaysMs) {
    persistence.recordingDelaysMs = [...config.recordingDelaysMs];
    restart = true;
  }
  if (config.traceActions) runtime.traceActions = new Set(config.traceActions);
  if (config.lookupCaller !== undefined) runtime.callerLookup = { ...runtime.callerLookup, lookup: config.lookupCaller };
  if (config.lookupCallerTimeoutMs !== undefined) runtime.callerLookup = { ...runtime.callerLookup, timeoutMs: config.lookupCallerTimeoutMs };
  if (config.notifyIncoming !== undefined) runtime.notifyIncoming = config.notifyIncoming;
  const settings: Parameters<typeof updateSettings>[0] = {};
  if (config.locale !== undefined) settings.locale = config.locale;
  if (config.notify !== undefined) settings.notify = config.notify;
  if (Object.keys(settings).length) updateSettings(settings);
  if (restart) runtime.restartQueue();
  runtime.resume();
}
