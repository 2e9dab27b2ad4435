/** Who is using the page. Comes from the host's authentication; the library never invents it. */
export interface Identity {
  userId: string;
  displayName?: string;
}

export type IdentitySource = Identity | (() => Identity | Promise<Identity>);

/** How long a call, a settings save or a traced action waits for the host's identity function (ms). */
export const IDENTITY_TIMEOUT_MS = 10_000;

export function isIdentity(value: unknown): value is Identity {
  return typeof value === 'object' && value !== null && typeof (value as Identity).userId === 'string' && (value as Identity).userId !== '';
}

/**
 * The host's identity (`configure({ identity })`): an object, or a function asked when a call starts
 * (identity-request.ts, with the engine), so that its answer is there when the call ends. The last answer
 * is kept for the page's actions.
 */
export class IdentityResolver {
  #source?: IdentitySource;
  #lastKnown?: Identity;

  set(source: IdentitySource | undefined): void {
    this.#source = source;
    this.#lastKnown = isIdentity(source) ? source : undefined;
  }

  get configured(): boolean {
    return this.#source !== undefined;
  }

  /** The last identity the host gave, without asking (undefined before its first answer). */
  known(): Identity | undefined {
    return this.#lastKnown;
  }

  /** The host's identity source, as `configure({ identity })` gave it. */
  get current(): IdentitySource | undefined {
    return this.#source;
  }

  /** Keeps the answer `source` gave, unless the host has changed its identity meanwhile. */
  remember(source: IdentitySource, identity: Identity): void {
    if (this.#source === source) this.#lastKnown = identity;
  }
}
