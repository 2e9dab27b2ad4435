import { CallElementsError } from '../internal/errors.js';
import {
  AircallConfigSchema,
  AircallScopeSchema,
  PublicAircallConfigSchema,
  type AircallConfig,
  type AircallScope,
  type PublicAircallConfig,
} from '../schema/aircall-config.js';
import { count, describeIssues, identifier } from '../schema/common.js';
import type { SaveConfigOptions } from './types.js';
import '../locales/on-demand-errors.js';

/*
 * Validation and shaping of Aircall configurations shared by every storage adapter and by
 * `src/calls/aircall-config.ts`. It lives apart from those so that an adapter's subpath export does
 * not pull in the outbox or the stores.
 */

/** Keys shorter than this get no `apiKeyLast4`: four characters of a short key would reveal too much of it. */
export const LAST4_MIN_KEY_LENGTH = 8;

export function validateAircallScope(scope: unknown): AircallScope {
  const result = AircallScopeSchema.safeParse(scope);
  if (result.success) return result.data;
  throw new CallElementsError('invalid-options', {
    params: { detail: `Aircall scope: ${describeIssues(result.error).join('; ')}` },
    permanent: true,
  });
}

/**
 * The configuration as it will be saved, or a permanent `config-invalid`. An empty `apiKey` means
 * "keep the saved key" (a form's untouched password field) and is removed. The detail lists paths
 * and rules only, never values, so the key cannot end up in a message.
 */
export function validateAircallConfig(config: unknown): AircallConfig {
  const result = AircallConfigSchema.safeParse(config);
  if (!result.success) {
    throw new CallElementsError('config-invalid', { params: { detail: describeIssues(result.error).join('; ') }, permanent: true });
  }
  const valid = result.data;
  if (valid.apiKey === '') delete valid.apiKey;
  return valid;
}

export function validateSaveOptions(options: unknown): SaveConfigOptions {
  const given = (options ?? {}) as { expectedVersion?: unknown; updatedBy?: unknown };
  const problems: string[] = [];
  if (typeof options !== 'object' || options === null) problems.push('options must be { expectedVersion, updatedBy? }');
  const version = count.safeParse(given.expectedVersion);
  if (!version.success) problems.push(`expectedVersion ${version.error.issues[0]?.message ?? 'is invalid'} (0 when nothing was saved yet)`);
  const who = given.updatedBy === undefined ? undefined : identifier.safeParse(given.updatedBy);
  if (who && !who.success) problems.push(`updatedBy ${who.error.issues[0]?.message ?? 'is invalid'}`);
  if (problems.length > 0 || !version.success) {
    throw new CallElementsError('invalid-options', { params: { detail: problems.join('; ') }, permanent: true });
  }
  return { expectedVersion: version.data, ...(who?.success ? { updatedBy: who.data } : {}) };
}

/**
 * Checks what a storage returned before it reaches the page. A configuration that carries `apiKey`
 * is refused as a storage bug, and the detail never quotes the value.
 */
export function validatePublicAircallConfig(value: unknown, origin: string): PublicAircallConfig {
  if (value && typeof value === 'object' && 'apiKey' in value) {
    throw new CallElementsError('storage-failed', {
      params: { detail: `${origin} sent the Aircall API key back; the key is write-only, so the response was refused` },
      permanent: true,
    });
  }
  const result = PublicAircallConfigSchema.safeParse(value);
  if (result.success) return result.data;
  throw new CallElementsError('storage-failed', {
    params: { detail: `${origin} returned an invalid Aircall configuration: ${describeIssues(result.error).join('; ')}` },
    permanent: true,
  });
}

export function apiKeyLast4(apiKey: string | undefined): string | undefined {
  return apiKey && apiKey.length >= LAST4_MIN_KEY_LENGTH ? apiKey.slice(-4) : undefined;
}

export interface ConfigMeta {
  /** Whether a key is saved (after this save), and its last four characters when it is long enough. */
  apiKeySet: boolean;
  apiKeyLast4?: string;
  version: number;
  updatedAt: string;
  updatedBy?: string;
}

/** What a read returns: the saved configuration without `apiKey`, plus the metadata. */
export function publicAircallConfig(config: AircallConfig, meta: ConfigMeta): PublicAircallConfig {
  const { apiKey: _secret, ...rest } = config;
  const result: PublicAircallConfig = { ...rest, apiKeySet: meta.apiKeySet, version: meta.version, updatedAt: meta.updatedAt };
  if (meta.apiKeyLast4 !== undefined) result.apiKeyLast4 = meta.apiKeyLast4;
  if (meta.updatedBy !== undefined) result.updatedBy = meta.updatedBy;
  return result;
}

export function configConflict(expectedVersion: number, version: number): CallElementsError {
  return new CallElementsError('config-conflict', { params: { expectedVersion, version }, permanent: true });
}

/** One string per scope; country codes are two letters, so the last ":" always separates the parts. */
export function configKey(scope: AircallScope): string {
  return `${scope.organizationId}:${scope.countryCode}`;
}
