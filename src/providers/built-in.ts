import { debug } from '../internal/debug.js';
import { getProvider, registerProvider } from './registry.js';

/** What an element's attributes say about a built-in provider (HTML-only configuration). */
export interface BuiltInProviderHints {
  /** `token-url`: where the Twilio provider gets its access token. */
  tokenUrl?: string;
}

const pending = new Map<string, Promise<void>>();

/**
 * Registers a built-in provider that the page uses by name without having configured it, so that a
 * host writing only HTML can use Twilio (given a `token-url`) and Aircall. The provider's code is
 * loaded on demand; a provider the host registered always wins.
 */
export function ensureBuiltInProvider(name: string, hints: BuiltInProviderHints): Promise<void> | undefined {
  if (getProvider(name)) return undefined;
  if (pending.has(name)) return pending.get(name);
  let loading: Promise<void> | undefined;
  if (name === 'twilio' && hints.tokenUrl) {
    const tokenUrl = hints.tokenUrl;
    loading = import('./twilio/twilio-provider.js').then(({ createTwilioProvider }) => {
      if (!getProvider(name)) registerProvider(createTwilioProvider({ tokenUrl, incoming: true }), name);
    });
  } else if (name === 'aircall') {
    loading = import('./aircall/aircall-provider.js').then(({ createAircallProvider }) => {
      if (!getProvider(name)) registerProvider(createAircallProvider(), name);
    });
  }
  if (!loading) return undefined;
  const settled = loading.finally(() => pending.delete(name));
  settled.catch((error: unknown) => debug('providers', 'built-in-failed', { provider: name, error: String(error) }));
  pending.set(name, settled);
  return settled;
}

/** Resolves once the built-in providers being registered are (tests). */
export async function builtInProvidersSettled(): Promise<void> {
  await Promise.allSettled(pending.values());
}
