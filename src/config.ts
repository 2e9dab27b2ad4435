import { CallElementsError } from './internal/errors.js';
import { registerProvider } from './providers/registry.js';
import type { CallProvider } from './providers/types.js';
import { updateSettings, type NotifyLevel } from './store/config.js';

/** Who is using the page. Comes from the host's authentication; the library never invents it. */
export interface Identity {
  userId: string;
  displayName?: string;
}

export type IdentitySource = Identity | (() => Identity | Promise<Identity>);

export interface CallElementsConfig {
  /** Providers by name, e.g. `{ twilio: createTwilioProvider({...}) }`. "demo" exists by default. */
  providers?: Record<string, CallProvider>;
  /** The current user, or an (async) function that returns it; asked once per call. */
  identity?: IdentitySource;
  /** Language when no `lang` attribute says otherwise ("en", "fr", or one added with registerLocale). */
  locale?: string;
  /** What `<call-notification>` shows: everything, errors only (default), or nothing. */
  notify?: NotifyLevel;
}

let identitySource: IdentitySource | undefined;

const NOTIFY_LEVELS: readonly NotifyLevel[] = ['all', 'errors', 'none'];

/**
 * Configures the library for this page. Can be called again: each call changes only the keys it
 * names. Throws `invalid-options` (synchronously, to the developer) for values it cannot use.
 */
export function configure(config: CallElementsConfig): void {
  if (config.notify !== undefined && !NOTIFY_LEVELS.includes(config.notify)) {
    throw new CallElementsError('invalid-options', {
      params: { detail: `notify must be one of ${NOTIFY_LEVELS.join(', ')}` },
      permanent: true,
    });
  }
  if (config.identity !== undefined) {
    const ok =
      typeof config.identity === 'function' ||
      (typeof config.identity === 'object' && config.identity !== null && typeof config.identity.userId === 'string' && config.identity.userId !== '');
    if (!ok) {
      throw new CallElementsError('invalid-options', {
        params: { detail: 'identity must be { userId: string } or a function returning it' },
        permanent: true,
      });
    }
    identitySource = config.identity;
  }
  for (const [name, provider] of Object.entries(config.providers ?? {})) registerProvider(provider, name);
  const settings: Parameters<typeof updateSettings>[0] = {};
  if (config.locale !== undefined) settings.locale = config.locale;
  if (config.notify !== undefined) settings.notify = config.notify;
  if (Object.keys(settings).length) updateSettings(settings);
}

/** The current user, or undefined when the host configured none. Rejects if the host's function fails. */
export async function resolveIdentity(): Promise<Identity | undefined> {
  const source = identitySource;
  if (source === undefined) return undefined;
  const identity = typeof source === 'function' ? await source() : source;
  if (!identity || typeof identity.userId !== 'string' || identity.userId === '') {
    throw new TypeError('the identity function did not return { userId }');
  }
  return identity;
}

/** Forgets the identity (for tests and sign-out). */
export function clearIdentity(): void {
  identitySource = undefined;
}
