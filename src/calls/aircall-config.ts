import { CallElementsError, toCallElementsError } from '../internal/errors.js';
import type { AircallConfig, AircallScope, PublicAircallConfig } from '../schema/aircall-config.js';
import {
  validateAircallConfig,
  validateAircallScope,
  validatePublicAircallConfig,
  validateSaveOptions,
} from '../storage/aircall-config-values.js';
import type { AircallConfigVersion, CallStorage, SaveConfigOptions } from '../storage/types.js';
import { getAircallConfig, resetAircallConfigs, scopeKey, setAircallConfig } from '../store/aircall.js';
import '../locales/on-demand-errors.js';
import '../locales/engine-messages.js';

function unsupported(storage: CallStorage): CallElementsError {
  return new CallElementsError('config-unsupported', { params: { storage: storage.name }, permanent: true });
}

/**
 * The Aircall configurations of a page, read and saved through its storage, and published in
 * `$aircallConfigs` so that every element of the page sees a save at once.
 */
export class AircallConfigs {
  /** Loads in flight, per storage then scope, so that concurrent loads share one request. */
  private readonly loading = new WeakMap<CallStorage, Map<string, Promise<PublicAircallConfig | null>>>();
  /**
   * Bumped by every save of a scope. A load that started before a save must not put its older answer
   * in the store over the saved one.
   */
  private readonly generations = new Map<string, number>();

  constructor(private readonly storage: () => CallStorage) {}

  /** Forgets the configurations read or saved on this page (`$aircallConfigs` as a fresh page has it): the engine's dispose. */
  reset(): void {
    resetAircallConfigs();
  }

  /**
   * The organisation's Aircall configuration without its secret, or null when none was saved.
   * Answers from `$aircallConfigs` when this page already knows the scope, unless `refresh`; otherwise
   * asks the storage and remembers the answer there. Rejects with a CallElementsError:
   * `invalid-options` (bad scope), `config-unsupported`, `permission-denied`, `organization-not-found`,
   * `storage-*`.
   */
  async load(scope: AircallScope, options: { refresh?: boolean } = {}): Promise<PublicAircallConfig | null> {
    try {
      const valid = validateAircallScope(scope);
      const known = getAircallConfig(valid);
      if (known !== undefined && !options.refresh) return known;
      const storage = this.storage();
      const getConfig = storage.getConfig?.bind(storage);
      if (!getConfig) throw unsupported(storage);
      const key = scopeKey(valid);
      let pending = this.loading.get(storage);
      if (!pending) this.loading.set(storage, (pending = new Map()));
      const shared = pending.get(key);
      if (shared) return await shared;
      const startedAt = this.generations.get(key) ?? 0;
      const request = (async () => {
        const found = await getConfig(valid);
        const config = found === undefined || found === null ? null : validatePublicAircallConfig(found, `storage "${storage.name}"`);
        if ((this.generations.get(key) ?? 0) !== startedAt) return getAircallConfig(valid) ?? config;
        setAircallConfig(valid, config);
        return config;
      })();
      pending.set(key, request);
      const forget = () => {
        if (pending.get(key) === request) pending.delete(key);
      };
      request.then(forget, forget);
      return await request;
    } catch (error) {
      throw toCallElementsError(error, 'storage-failed');
    }
  }

  /**
   * Saves a configuration and puts the saved public version in `$aircallConfigs`, so that every
   * element of the page sees it at once. `config.apiKey` omitted or empty keeps the saved key.
   * Rejects with `config-invalid` (permanent; the detail names fields and rules, never values),
   * `invalid-options`, `config-conflict` (someone saved since `expectedVersion`), `permission-denied`,
   * `organization-not-found`, `config-unsupported` or `storage-*`.
   */
  async save(scope: AircallScope, config: AircallConfig, options: SaveConfigOptions): Promise<PublicAircallConfig> {
    try {
      const validScope = validateAircallScope(scope);
      const validConfig = validateAircallConfig(config);
      const validOptions = validateSaveOptions(options);
      const storage = this.storage();
      if (!storage.saveConfig) throw unsupported(storage);
      const saved = validatePublicAircallConfig(
        await storage.saveConfig(validScope, validConfig, validOptions),
        `storage "${storage.name}"`,
      );
      const key = scopeKey(validScope);
      this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
      // Loads started before the save may answer with the old version: later loads must not join them.
      this.loading.get(storage)?.delete(key);
      setAircallConfig(validScope, saved);
      return saved;
    } catch (error) {
      throw toCallElementsError(error, 'storage-failed');
    }
  }

  /** Saved versions of a scope's configuration, newest first, without secrets. */
  async versions(scope: AircallScope): Promise<AircallConfigVersion[]> {
    try {
      const valid = validateAircallScope(scope);
      const storage = this.storage();
      if (!storage.listConfigVersions) throw unsupported(storage);
      const versions = await storage.listConfigVersions(valid);
      const origin = `storage "${storage.name}"`;
      return versions.map((entry) => ({ ...entry, config: validatePublicAircallConfig(entry.config, origin) }));
    } catch (error) {
      throw toCallElementsError(error, 'storage-failed');
    }
  }
}
