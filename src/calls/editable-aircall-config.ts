import type { AircallConfig, PublicAircallConfig } from '../schema/aircall-config.js';

/**
 * The editable part of a public configuration, ready to change and pass to
 * {@link saveAircallConfig} (which refuses the read-only fields). It has no `apiKey`: saving it
 * keeps the saved key.
 */
export function editableAircallConfig(config: PublicAircallConfig): AircallConfig {
  const { apiKeySet: _set, apiKeyLast4: _last4, version: _version, updatedAt: _at, updatedBy: _by, apiKey: _never, ...editable } = config;
  return structuredClone(editable);
}
