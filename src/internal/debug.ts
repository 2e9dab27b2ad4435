/** `localStorage.setItem('call-elements:debug', 'true')` turns logging on; anything else leaves it off. */
export const DEBUG_KEY = 'call-elements:debug';

export function isDebugEnabled(): boolean {
  try {
    return globalThis.localStorage?.getItem(DEBUG_KEY) === 'true';
  } catch {
    // Storage can be blocked (sandboxed iframes, privacy settings): debugging is then simply off.
    return false;
  }
}

export interface DebugEntry {
  scope: string;
  event: string;
  at: string;
  [key: string]: unknown;
}

/**
 * Structured log line: one object per event so that it can be filtered and copied from the console.
 * Callers must not pass secrets (tokens, API keys).
 */
export function debug(scope: string, event: string, data: Record<string, unknown> = {}): void {
  if (!isDebugEnabled()) return;
  const entry: DebugEntry = { ...data, scope, event, at: new Date().toISOString() };
  console.info('[call-elements]', entry);
}
