import * as z from 'zod/mini';
import { count, identifier, isoDateTime, strictObject } from './common.js';

export const WORKSPACE_SIZES = ['small', 'medium', 'big'] as const;

const flag = z.boolean({ error: 'must be true or false' });

export const AircallEventsSchema = strictObject({
  onLogin: flag,
  onLogout: flag,
  onCallStart: flag,
  onCallEnd: flag,
  onCallAnswer: flag,
});

export const AircallPermissionsSchema = strictObject({
  canMakeOutboundCalls: flag,
  canReceiveInboundCalls: flag,
  canTransferCalls: flag,
  canRecordCalls: flag,
});

const optionalText = (max: number) =>
  z.optional(
    z.string({ error: 'must be a string' }).check(
      z.trim(),
      z.maxLength(max, { error: `must be ${max} characters or fewer` }),
    ),
  );

/** The integration name's rule, shared with the form's help text. */
export const INTEGRATION_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u;

const aircallConfigShape = {
  enabled: flag,
  apiKey: optionalText(200),
  apiId: optionalText(200),
  integrationName: z.optional(
    z.string({ error: 'must be a string' }).check(
      z.trim(),
      z.regex(INTEGRATION_NAME_PATTERN, {
        error: 'must be 1 to 64 letters, digits, spaces, dots, dashes or underscores (e.g. "consulat-ga")',
      }),
    ),
  ),
  workspaceSize: z.enum(WORKSPACE_SIZES, { error: 'must be "small", "medium" or "big"' }),
  events: AircallEventsSchema,
  permissions: AircallPermissionsSchema,
};

/** The message of an issue raised for a field that an enabled configuration must have. */
export const REQUIRED_WHEN_ENABLED = 'is required when Aircall is enabled';

type RequirableField = 'apiKey' | 'apiId' | 'integrationName';

/** Disabling Aircall never requires anything; enabling it requires these fields to be non-empty. */
function requiredWhenEnabled(fields: readonly RequirableField[]) {
  return z.superRefine<Partial<Record<RequirableField, string>> & { enabled: boolean }>((config, ctx) => {
    if (!config.enabled) return;
    for (const field of fields) {
      if (!config[field]) {
        ctx.addIssue({ code: 'custom', path: [field], message: REQUIRED_WHEN_ENABLED, input: config[field] });
      }
    }
  });
}

/**
 * An organisation's Aircall configuration (`AircallConfig`), field for field. `apiKey` is write-only: it is sent when it is set or
 * replaced and never comes back (see {@link PublicAircallConfigSchema}). It is not required here,
 * because a save without it keeps the key already saved; {@link aircallConfigSchemaFor} knows
 * whether one is.
 */
export const AircallConfigSchema = strictObject(aircallConfigShape).check(requiredWhenEnabled(['apiId', 'integrationName']));

const AircallConfigNeedingKeySchema = strictObject(aircallConfigShape).check(requiredWhenEnabled(['apiKey', 'apiId', 'integrationName']));

/**
 * The schema of a configuration about to be saved where the storage does (`apiKeySet: true`) or does
 * not yet hold an API key: without one, an enabled configuration must bring its key.
 */
export function aircallConfigSchemaFor(context: { apiKeySet: boolean }) {
  return context.apiKeySet ? AircallConfigSchema : AircallConfigNeedingKeySchema;
}

/** Where a configuration belongs: one per organisation and country. */
export const AircallScopeSchema = strictObject({
  organizationId: identifier,
  countryCode: z
    .string({ error: 'must be a string' })
    .check(z.regex(/^[A-Z]{2}$/, { error: 'must be a two-letter ISO 3166-1 country code in capitals, such as "FR"' })),
});

/** What a read returns: the configuration without its secret, with its version. */
export const PublicAircallConfigSchema = strictObject({
  ...aircallConfigShape,
  apiKey: z.optional(z.never({ error: 'must never be returned by a read (the API key is write-only)' })),
  apiKeySet: flag,
  apiKeyLast4: z.optional(z.string().check(z.regex(/^.{1,4}$/, { error: 'must be at most the last 4 characters' }))),
  version: count,
  updatedAt: z.optional(isoDateTime),
  updatedBy: z.optional(identifier),
});

/** The message of the issue raised when an exported or imported file carries an API key. */
export const API_KEY_IN_FILE = 'must not be in a file: the API key is write-only, enter it in the form';

/** A configuration as it travels in files: everything but the API key. */
export const ExportedAircallConfigSchema = strictObject({
  ...aircallConfigShape,
  apiKey: z.optional(z.never({ error: API_KEY_IN_FILE })),
}).check(requiredWhenEnabled(['apiId', 'integrationName']));

/** The `kind` of an export file, so that an import recognises one (and refuses any other JSON). */
export const AIRCALL_CONFIG_EXPORT_KIND = 'call-elements/aircall-config';

/** The export file: a marker, where it came from, and the configuration without its secret. */
export const AircallConfigExportSchema = strictObject({
  kind: z.literal(AIRCALL_CONFIG_EXPORT_KIND, { error: `must be "${AIRCALL_CONFIG_EXPORT_KIND}"` }),
  schemaVersion: z.literal(1, { error: 'must be 1 (the only format version so far)' }),
  exportedAt: z.optional(isoDateTime),
  scope: z.optional(AircallScopeSchema),
  version: z.optional(count),
  config: ExportedAircallConfigSchema,
});

export type WorkspaceSize = (typeof WORKSPACE_SIZES)[number];
export type AircallConfig = z.infer<typeof AircallConfigSchema>;
export type AircallScope = z.infer<typeof AircallScopeSchema>;
export type PublicAircallConfig = z.infer<typeof PublicAircallConfigSchema>;
export type ExportedAircallConfig = z.infer<typeof ExportedAircallConfigSchema>;
export type AircallConfigExport = z.infer<typeof AircallConfigExportSchema>;

/** The configuration a new organisation starts from: disabled, medium workspace, every event traced, outbound only. */
export function defaultAircallConfig(): AircallConfig {
  return {
    enabled: false,
    workspaceSize: 'medium',
    events: { onLogin: true, onLogout: true, onCallStart: true, onCallEnd: true, onCallAnswer: true },
    permissions: {
      canMakeOutboundCalls: true,
      canReceiveInboundCalls: false,
      canTransferCalls: false,
      canRecordCalls: false,
    },
  };
}

/**
 * The fields of a configuration that may leave the storage: picked one by one (an allow-list), so
 * that the key, its hint, or any secret added to the config later can never slip into a file.
 */
export function withoutSecrets(config: AircallConfig | PublicAircallConfig): ExportedAircallConfig {
  return {
    enabled: config.enabled,
    ...(config.apiId && { apiId: config.apiId }),
    ...(config.integrationName && { integrationName: config.integrationName }),
    workspaceSize: config.workspaceSize,
    events: { ...config.events },
    permissions: { ...config.permissions },
  };
}

/** The export file of a saved configuration (no API key, no key hint). */
export function toAircallConfigExport(
  scope: AircallScope,
  config: PublicAircallConfig,
  exportedAt: Date = new Date(),
): AircallConfigExport {
  return {
    kind: AIRCALL_CONFIG_EXPORT_KIND,
    schemaVersion: 1,
    exportedAt: exportedAt.toISOString(),
    scope: { organizationId: scope.organizationId, countryCode: scope.countryCode },
    version: config.version,
    config: withoutSecrets(config),
  };
}

export type AircallConfigImport =
  | { success: true; config: ExportedAircallConfig; scope?: AircallScope; version?: number }
  | { success: false; issues: z.core.$ZodIssue[] };

/**
 * Reads an imported document (already parsed from JSON): an export file (it has `kind`), or a bare
 * configuration such as one kept in an organisation's metadata. Neither may carry the API key.
 * Never throws: whatever the input, the answer is the configuration or the issues found.
 */
export function readAircallConfigImport(input: unknown): AircallConfigImport {
  const isEnvelope = typeof input === 'object' && input !== null && !Array.isArray(input) && 'kind' in input;
  if (isEnvelope) {
    const result = AircallConfigExportSchema.safeParse(input);
    if (!result.success) return { success: false, issues: result.error.issues };
    const { config, scope, version } = result.data;
    return { success: true, config, ...(scope && { scope }), ...(version !== undefined && { version }) };
  }
  const result = ExportedAircallConfigSchema.safeParse(input);
  return result.success ? { success: true, config: result.data } : { success: false, issues: result.error.issues };
}
