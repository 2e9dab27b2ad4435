import { atom } from 'nanostores';
import type { AircallScope, PublicAircallConfig } from '../schema/aircall-config.js';

/** "organizationId:countryCode", the key of a configuration in {@link $aircallConfigs}. */
export function scopeKey(scope: AircallScope): string {
  return `${scope.organizationId}:${scope.countryCode}`;
}

/**
 * Aircall configurations known to this page, by scope key: the public configuration, or null when the
 * storage has none. `<aircall-settings>` writes here after loading and saving, and `<call-button
 * provider="aircall">` reads here first, so a save drives the buttons on the same page at once.
 */
export const $aircallConfigs = atom<Readonly<Record<string, PublicAircallConfig | null>>>({});

export function setAircallConfig(scope: AircallScope, config: PublicAircallConfig | null): void {
  $aircallConfigs.set({ ...$aircallConfigs.get(), [scopeKey(scope)]: config });
}

export function getAircallConfig(scope: AircallScope): PublicAircallConfig | null | undefined {
  return $aircallConfigs.get()[scopeKey(scope)];
}

export function resetAircallConfigs(): void {
  $aircallConfigs.set({});
}
