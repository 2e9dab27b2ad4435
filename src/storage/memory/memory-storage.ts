import { validateCallAction, validateCallRecord } from '../../schema/validate.js';
import type { PublicAircallConfig } from '../../schema/aircall-config.js';
import type { CallAction } from '../../schema/call-action.js';
import type { CallRecord } from '../../schema/call-record.js';
import { applyActionQuery, applyCallQuery } from '../query.js';
import type { ActionQuery, AircallConfigVersion, CallQuery, ConfigStorage } from '../types.js';
import {
  apiKeyLast4,
  configConflict,
  configKey,
  publicAircallConfig,
  validateAircallConfig,
  validateAircallScope,
  validateSaveOptions,
} from '../aircall-config-values.js';
import '../../locales/engine-messages.js';

export interface MemoryStorage extends ConfigStorage {
  logAction(action: CallAction): Promise<void>;
  listActions(query?: ActionQuery): Promise<CallAction[]>;
  dispose(): Promise<void>;
}

interface SavedConfig {
  current: PublicAircallConfig;
  /** Held in this page's memory only, like any variable; never returned. */
  apiKey?: string;
  /** Newest first. */
  versions: AircallConfigVersion[];
}

/**
 * Keeps calls (and Aircall configurations) in this page's memory: for tests, and for hosts that
 * persist elsewhere (they listen to `call-end`). Nothing survives a reload. Values are copied in and
 * out so callers cannot mutate what is stored.
 */
export function createMemoryStorage(): MemoryStorage {
  const calls = new Map<string, CallRecord>();
  const actions = new Map<string, CallAction>();
  const configs = new Map<string, SavedConfig>();
  return {
    name: 'memory',
    async saveCall(record) {
      const valid = validateCallRecord(record);
      calls.set(valid.id, structuredClone(valid));
    },
    async listCalls(query?: CallQuery) {
      return applyCallQuery(calls.values(), query).map((record) => structuredClone(record));
    },
    async logAction(action) {
      const valid = validateCallAction(action);
      actions.set(valid.id, structuredClone(valid));
    },
    async listActions(query?: ActionQuery) {
      return applyActionQuery(actions.values(), query).map((action) => structuredClone(action));
    },
    async getConfig(scope) {
      const saved = configs.get(configKey(validateAircallScope(scope)));
      return saved && structuredClone(saved.current);
    },
    async saveConfig(scope, config, options) {
      const key = configKey(validateAircallScope(scope));
      const valid = validateAircallConfig(config);
      const { expectedVersion, updatedBy } = validateSaveOptions(options);
      const saved = configs.get(key);
      const version = saved?.current.version ?? 0;
      if (expectedVersion !== version) throw configConflict(expectedVersion, version);
      const apiKey = valid.apiKey ?? saved?.apiKey;
      const updatedAt = new Date().toISOString();
      const current = publicAircallConfig(valid, {
        apiKeySet: apiKey !== undefined,
        apiKeyLast4: apiKeyLast4(apiKey),
        version: version + 1,
        updatedAt,
        updatedBy,
      });
      const entry: AircallConfigVersion = { version: current.version, updatedAt, config: current };
      if (updatedBy !== undefined) entry.updatedBy = updatedBy;
      configs.set(key, { current, apiKey, versions: [entry, ...(saved?.versions ?? [])] });
      return structuredClone(current);
    },
    async listConfigVersions(scope) {
      return structuredClone(configs.get(configKey(validateAircallScope(scope)))?.versions ?? []);
    },
    async dispose() {
      calls.clear();
      actions.clear();
      configs.clear();
    },
  };
}
