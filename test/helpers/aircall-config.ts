import { defaultAircallConfig, type AircallConfig } from '../../src/schema/aircall-config.js';

/** A complete, enabled Aircall configuration (the defaults plus what enabling requires), with overrides. */
export const enabledAircallConfig = (overrides: Partial<AircallConfig> = {}): AircallConfig => ({
  ...defaultAircallConfig(),
  enabled: true,
  apiId: 'api-1',
  integrationName: 'consulat-fr',
  ...overrides,
});
