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

/**
 * The seed's `AircallConfig`, field for field. `apiKey` is write-only: it is sent when it is set or
 * replaced and never comes back (see {@link PublicAircallConfigSchema}).
 */
export const AircallConfigSchema = z
  .strictObject({
    enabled: flag,
    apiKey: optionalText(200),
    apiId: optionalText(200),
    integrationName: z.optional(
      z.string({ error: 'must be a string' }).check(
        z.trim(),
        z.regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u, {
          error: 'must be 1 to 64 letters, digits, spaces, dots, dashes or underscores (e.g. "consulat-ga")',
        }),
      ),
    ),
    workspaceSize: z.enum(WORKSPACE_SIZES, { error: 'must be "small", "medium" or "big"' }),
    events: AircallEventsSchema,
    permissions: AircallPermissionsSchema,
  })
  .check(
    z.superRefine((config, ctx) => {
      if (!config.enabled) return;
      if (!config.apiId) {
        ctx.addIssue({ code: 'custom', path: ['apiId'], message: 'is required when Aircall is enabled', input: config.apiId });
      }
      if (!config.integrationName) {
        ctx.addIssue({ code: 'custom', path: ['integrationName'], message: 'is required when Aircall is enabled', input: config.integrationName });
      }
    }),
  );

/** Where a configuration belongs: one per organisation and country. */
export const AircallScopeSchema = strictObject({
  organizationId: identifier,
  countryCode: z
    .string({ error: 'must be a string' })
    .check(z.regex(/^[A-Z]{2}$/, { error: 'must be a two-letter ISO 3166-1 country code in capitals, such as "FR"' })),
});

/** What a read returns: the configuration without its secret, with its version. */
export const PublicAircallConfigSchema = strictObject({
  ...AircallConfigSchema.def.shape,
  apiKey: z.optional(z.never({ error: 'must never be returned by a read (the API key is write-only)' })),
  apiKeySet: flag,
  apiKeyLast4: z.optional(z.string().check(z.regex(/^.{1,4}$/, { error: 'must be at most the last 4 characters' }))),
  version: count,
  updatedAt: z.optional(isoDateTime),
  updatedBy: z.optional(identifier),
});

export type WorkspaceSize = (typeof WORKSPACE_SIZES)[number];
export type AircallConfig = z.infer<typeof AircallConfigSchema>;
export type AircallScope = z.infer<typeof AircallScopeSchema>;
export type PublicAircallConfig = z.infer<typeof PublicAircallConfigSchema>;

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
