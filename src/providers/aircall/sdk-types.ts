/**
 * The part of aircall-everywhere 2.x (which ships no type declarations) that this library uses,
 * read from its dist/index.js and README. Declared here rather than as an ambient module so that
 * the shipped `.d.ts` files never name the untyped package: a consumer type-checking them with
 * `skipLibCheck: false` needs nothing else.
 */

/** The settings of the `AircallWorkspace` constructor. */
export interface AircallWorkspaceSettings {
  /** Called when the agent is signed in to the workspace (Aircall's handshake). */
  onLogin?: (settings: { user: Record<string, unknown>; settings?: Record<string, unknown> }) => void;
  /** Called when the agent signs out. */
  onLogout?: () => void;
  /** The integration the workspace shows. */
  integrationToLoad?: string;
  /** A selector of the element the SDK writes its iframe into (this library creates the frame itself). */
  domToLoadWorkspace?: string;
  size?: 'big' | 'small' | 'auto';
  debug?: boolean;
  /** Where the SDK listens for the workspace's messages (`addEventListener('message', ...)`); default `window`. */
  window?: { addEventListener(type: string, listener: (event: MessageEvent) => void, options?: unknown): void };
}

/** An `AircallWorkspace` instance: the workspace iframe's message channel. */
export interface AircallWorkspace {
  /** Listens to one workspace event (`incoming_call`, `call_end_ringtone`, `outgoing_call`, `call_ended`...); one listener per name. */
  on(event: string, callback: (data: any) => void): void;
  removeListener(event: string): boolean;
  /** Sends a command (`dial_number`...) to the workspace; `callback` gets its answer. */
  send(event: string, data?: unknown, callback?: (success: boolean, data: any) => void): void;
  isLoggedIn(callback: (loggedIn: boolean) => void): void;
}

/** The `AircallWorkspace` class (the package's default export). */
export type AircallWorkspaceConstructor = new (settings: AircallWorkspaceSettings) => AircallWorkspace;
