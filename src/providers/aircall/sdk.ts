import type { AircallWorkspaceConstructor } from './sdk-types.js';
import { lazy } from '../../internal/lazy.js';

export type { AircallWorkspace, AircallWorkspaceConstructor, AircallWorkspaceSettings } from './sdk-types.js';

/**
 * Loads aircall-everywhere on first use (recorded as the performance measure "call-elements:aircall-sdk";
 * a failed load is tried again next time). The package is a CommonJS webpack bundle whose class sits
 * on `default`, one or two levels down depending on the bundler's interop, hence the unwrapping.
 */
export const loadAircallSdk: () => Promise<AircallWorkspaceConstructor> = lazy(
  async () => {
    let mod: unknown = await import('aircall-everywhere');
    for (let depth = 0; depth < 3 && typeof mod !== 'function'; depth++) {
      mod = (mod as { default?: unknown } | null)?.default;
    }
    if (typeof mod !== 'function') throw new TypeError('aircall-everywhere did not export the AircallWorkspace class');
    return mod as AircallWorkspaceConstructor;
  },
  { measure: 'call-elements:aircall-sdk' },
);
