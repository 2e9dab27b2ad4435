import { IDENTITY_TIMEOUT_MS, isIdentity, type Identity, type IdentityResolver } from './identity.js';

/** An identity being asked for, readable synchronously once it has answered. */
export interface PendingIdentity {
  readonly promise: Promise<Identity | undefined>;
  /** True once the host answered, failed or ran out of time. */
  readonly settled: boolean;
  /** The answer, once settled (undefined when there is no identity or it failed). */
  readonly value: Identity | undefined;
  /** Why it failed, once settled. */
  readonly error: unknown;
}

/**
 * Asks the host who the current user is (`configure({ identity })`): undefined when it configured none.
 * Rejects if the host's function fails or answers something that is not `{ userId }`.
 */
export async function requestIdentity(identities: IdentityResolver): Promise<Identity | undefined> {
  const source = identities.current;
  if (source === undefined) return undefined;
  const identity = typeof source === 'function' ? await source() : source;
  if (!isIdentity(identity)) throw new TypeError('the identity function did not return { userId }');
  identities.remember(source, identity);
  return identity;
}

/** Starts asking, with a time limit; the result can be read synchronously once settled. */
export function askIdentity(identities: IdentityResolver, timeoutMs: number = IDENTITY_TIMEOUT_MS): PendingIdentity {
  // Filled in as the answer comes: what the caller reads is PendingIdentity, read-only.
  const pending = { settled: false, value: undefined, error: undefined } as { -readonly [K in keyof PendingIdentity]: PendingIdentity[K] };
  pending.promise = new Promise<Identity | undefined>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer after ${timeoutMs} ms`)), timeoutMs);
    requestIdentity(identities).then(
      (identity) => (clearTimeout(timer), resolve(identity)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  }).then(
    (identity) => {
      Object.assign(pending, { settled: true, value: identity });
      return identity;
    },
    (error: unknown) => {
      Object.assign(pending, { settled: true, error });
      throw error;
    },
  );
  // The caller reads `error`; an identity nobody waits for must not be an unhandled rejection.
  pending.promise.catch(() => undefined);
  return pending;
}
