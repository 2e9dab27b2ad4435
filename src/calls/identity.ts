/** Who is using the page. Comes from the host's authentication; the library never invents it. */
export interface Identity {
  userId: string;
  displayName?: string;
}

export type IdentitySource = Identity | (() => Identity | Promise<Identity>);

/** How long a call, a settings save or a traced action waits for the host's identity function (ms). */
export const IDENTITY_TIMEOUT_MS = 10_000;

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

function isIdentity(value: unknown): value is Identity {
  return typeof value === 'object' && value !== null && typeof (value as Identity).userId === 'string' && (value as Identity).userId !== '';
}

/**
 * The host's identity (`configure({ identity })`): an object, or a function asked when a call starts,
 * so that its answer is there when the call ends. The last answer is kept for the page's actions.
 */
export class IdentityResolver {
  private source?: IdentitySource;
  private lastKnown?: Identity;

  set(source: IdentitySource | undefined): void {
    this.source = source;
    this.lastKnown = isIdentity(source) ? source : undefined;
  }

  get configured(): boolean {
    return this.source !== undefined;
  }

  /** The last identity the host gave, without asking (undefined before its first answer). */
  known(): Identity | undefined {
    return this.lastKnown;
  }

  /** The current user, or undefined when the host configured none. Rejects if the host's function fails. */
  async resolve(): Promise<Identity | undefined> {
    const source = this.source;
    if (source === undefined) return undefined;
    const identity = typeof source === 'function' ? await source() : source;
    if (!isIdentity(identity)) throw new TypeError('the identity function did not return { userId }');
    if (this.source === source) this.lastKnown = identity;
    return identity;
  }

  /** Starts asking, with a time limit; the result can be read synchronously once settled. */
  ask(timeoutMs: number = IDENTITY_TIMEOUT_MS): PendingIdentity {
    const pending = { settled: false, value: undefined as Identity | undefined, error: undefined as unknown } as {
      promise: Promise<Identity | undefined>;
      settled: boolean;
      value: Identity | undefined;
      error: unknown;
    };
    pending.promise = new Promise<Identity | undefined>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer after ${timeoutMs} ms`)), timeoutMs);
      this.resolve().then(
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
}
