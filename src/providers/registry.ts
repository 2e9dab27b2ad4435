import { atom } from 'nanostores';
import { debug } from '../internal/debug.js';
import { CallElementsError } from '../internal/errors.js';
import { lazy } from '../internal/lazy.js';
import type { BuiltInProviderHints } from './built-in-providers.js';
import type { CallProvider, ProviderHost } from './types.js';

export type { BuiltInProviderHints };

/** Whether the registry can set up `name` by itself, from these hints (Twilio needs its token URL). */
const isBuiltInProvider = (name: string, hints: BuiltInProviderHints): boolean =>
  name === 'demo' || name === 'aircall' || (name === 'twilio' && !!hints.tokenUrl);

/** How the built-in providers are set up, downloaded when a page first uses one by name without configuring it. */
const builtInProviders = lazy(() => import('./built-in-providers.js'));

/** Changes whenever a provider is registered or removed, so that elements re-read theirs. */
export const $providers = atom(0);

/**
 * The providers of one page's call runtime, by name. Each is given the runtime's host object when
 * registered; replacing one disposes the old one. "demo" exists with its default options once its
 * code is on the page (the engine brings it; an element asking for it downloads it).
 */
export class ProviderRegistry {
  readonly #providers = new Map<string, CallProvider>();
  readonly #builtIns = new Map<string, Promise<void>>();
  /** Providers created with their default options the first time their name is asked for. */
  readonly #defaults = new Map<string, () => CallProvider>();

  constructor(private readonly host: ProviderHost) {}

  register(provider: CallProvider, name: string = provider?.name): void {
    if (!provider || typeof provider.start !== 'function' || typeof provider.hangup !== 'function' || typeof provider.dispose !== 'function') {
      throw new CallElementsError('invalid-options', {
        params: { detail: `provider "${String(name)}" must implement start(), hangup() and dispose()` },
        permanent: true,
      });
    }
    const previous = this.#providers.get(name);
    if (previous && previous !== provider) previous.dispose();
    this.#providers.set(name, provider);
    provider.attach?.(this.host);
    $providers.set($providers.get() + 1);
  }

  get(name: string): CallProvider | undefined {
    const create = this.#defaults.get(name);
    if (!this.#providers.has(name) && create) this.register(create(), name);
    return this.#providers.get(name);
  }

  /** Makes `name` available with its default options, created on first use (unless one is registered). */
  provideDefault(name: string, create: () => CallProvider): void {
    if (this.#defaults.has(name)) return;
    this.#defaults.set(name, create);
    if (!this.#providers.has(name)) $providers.set($providers.get() + 1);
  }

  unregister(name: string): void {
    this.#providers.get(name)?.dispose();
    if (this.#providers.delete(name)) $providers.set($providers.get() + 1);
  }

  /**
   * Registers a built-in provider that the page uses by name without having configured it, so that a
   * host writing only HTML can use Twilio (given a `token-url`) and Aircall. The provider's code is
   * loaded on demand; a provider the host registered always wins.
   */
  ensureBuiltIn(name: string, hints: BuiltInProviderHints): Promise<void> | undefined {
    if (this.#providers.has(name)) return undefined;
    const pending = this.#builtIns.get(name);
    if (pending) return pending;
    if (!isBuiltInProvider(name, hints)) return undefined;
    const loading = builtInProviders()
      .then(({ loadBuiltInProvider }) => loadBuiltInProvider(name, hints))
      .then((builtIn) => {
        if (!builtIn) return;
        if (builtIn.onFirstUse) this.provideDefault(name, builtIn.create);
        else if (!this.#providers.has(name)) this.register(builtIn.create(), name);
      });
    const settled = loading.finally(() => this.#builtIns.delete(name));
    settled.catch((error: unknown) => debug('providers', 'built-in-failed', { provider: name, error: String(error) }));
    this.#builtIns.set(name, settled);
    return settled;
  }

  /** Resolves once the built-in providers being registered are. */
  async builtInsSettled(): Promise<void> {
    await Promise.allSettled(this.#builtIns.values());
  }

  /** Disposes every provider (the page's runtime is being replaced). */
  dispose(): void {
    for (const provider of this.#providers.values()) provider.dispose();
    this.#providers.clear();
    this.#builtIns.clear();
    this.#defaults.clear();
    $providers.set($providers.get() + 1);
  }
}
