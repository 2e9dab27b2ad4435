import { CallRuntime } from './runtime.js';

/** The page's one call runtime; the only page-wide variable of the library. */
let current: CallRuntime | undefined;

/** The page's call runtime, created on first use. */
export function pageRuntime(): CallRuntime {
  current ??= new CallRuntime(() => import('./engine.js'));
  return current;
}

/**
 * Disposes the page's runtime (its queue stops, its database stays; providers are disposed; the stores
 * are as on a fresh page); the next use creates a new one. For tests, and hosts that sign the user out.
 */
export async function resetPageRuntime(): Promise<void> {
  const old = current;
  current = undefined;
  await old?.dispose();
}
