import type { AircallWorkspaceConstructor } from './sdk-types.js';
import { measured } from '../../internal/perf.js';

export type { AircallWorkspace, AircallWorkspaceConstructor, AircallWorkspaceSettings } from './sdk-types.js';

let pending: Promise<AircallWorkspaceConstructor> | undefined;

/**
 * Loads aircall-everywhere on first use. The package is a CommonJS webpack bundle whose class sits
 * on `default`, one or two levels down depending on the bundler's interop, hence the unwrapping.
 */
export function loadAircallSdk(): Promise<AircallWorkspaceConstructor> {
  pending ??= measured('call-elements:aircall-sdk', async () => {
    let mod: unknown = await import('aircall-everywhere');
    for (let depth = 0; depth < 3 && typeof mod !== 'function'; depth++) {
      mod = (mod as { default?: unknown } | null)?.default;
    }
    if (typeof mod !== 'function') throw new TypeError('aircall-everywhere did not export the AircallWorkspace class');
    return mod as AircallWorkspaceConstructor;
  }).catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}
