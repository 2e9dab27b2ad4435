import type { AircallConfig, AircallScope, PublicAircallConfig } from '../schema/aircall-config.js';
import type { SecretBox } from './crypto.js';
import type { Queryable, Transaction } from './db/types.js';

/** Keys shorter than this get no `apiKeyLast4`: four characters of a short key would give away too much (the browser's rule too). */
const LAST4_MIN_KEY_LENGTH = 8;

export interface ConfigRow {
  version: number;
  config: Omit<AircallConfig, 'apiKey'>;
  api_key_encrypted: string | null;
  api_key_last4: string | null;
  updated_at: Date;
  updated_by: string | null;
}

export interface ConfigVersion {
  version: number;
  updatedAt: string;
  updatedBy?: string;
  config: PublicAircallConfig;
}

/** The sealed key is bound to its scope: copied to another organisation's row, it does not open. */
const associatedData = (scope: AircallScope) => `aircall-config:${scope.organizationId}:${scope.countryCode}`;

const COLUMNS = 'version, config, api_key_encrypted, api_key_last4, updated_at, updated_by';

export function publicConfig(row: ConfigRow): PublicAircallConfig {
  return {
    ...row.config,
    apiKeySet: row.api_key_encrypted !== null,
    ...(row.api_key_last4 !== null && { apiKeyLast4: row.api_key_last4 }),
    version: Number(row.version),
    updatedAt: new Date(row.updated_at).toISOString(),
    ...(row.updated_by !== null && { updatedBy: row.updated_by }),
  };
}

export async function readConfig(db: Queryable, scope: AircallScope): Promise<ConfigRow | undefined> {
  const [row] = await db.query<ConfigRow>(
    `SELECT ${COLUMNS} FROM call_elements_aircall_configs WHERE organization_id = $1 AND country_code = $2`,
    [scope.organizationId, scope.countryCode],
  );
  return row;
}

/** The saved row, locked until the transaction ends, so that check and write see the same version. */
export async function lockConfig(tx: Transaction, scope: AircallScope): Promise<ConfigRow | undefined> {
  const [row] = await tx.query<ConfigRow>(
    `SELECT ${COLUMNS} FROM call_elements_aircall_configs WHERE organization_id = $1 AND country_code = $2 FOR UPDATE`,
    [scope.organizationId, scope.countryCode],
  );
  return row;
}

/**
 * Writes version `previous.version + 1` (or 1) and its history entry. With no previous row, two
 * concurrent first saves both INSERT: the second fails on the primary key (23505), which the
 * route answers as a conflict.
 */
export async function writeConfig(
  tx: Transaction,
  box: SecretBox,
  scope: AircallScope,
  previous: ConfigRow | undefined,
  config: AircallConfig,
  updatedBy: string,
): Promise<PublicAircallConfig> {
  const { apiKey, ...rest } = config;
  const row: ConfigRow = {
    version: (previous ? Number(previous.version) : 0) + 1,
    config: rest,
    api_key_encrypted: apiKey ? box.seal(apiKey, associatedData(scope)) : (previous?.api_key_encrypted ?? null),
    api_key_last4: apiKey ? (apiKey.length >= LAST4_MIN_KEY_LENGTH ? apiKey.slice(-4) : null) : (previous?.api_key_last4 ?? null),
    updated_at: new Date(),
    updated_by: updatedBy,
  };
  const values = [scope.organizationId, scope.countryCode, row.version, JSON.stringify(row.config), row.api_key_encrypted, row.api_key_last4, row.updated_at.toISOString(), row.updated_by];
  await tx.query(
    previous
      ? `UPDATE call_elements_aircall_configs SET version = $3, config = $4::jsonb, api_key_encrypted = $5, api_key_last4 = $6, updated_at = $7::timestamptz, updated_by = $8
         WHERE organization_id = $1 AND country_code = $2`
      : `INSERT INTO call_elements_aircall_configs (organization_id, country_code, version, config, api_key_encrypted, api_key_last4, updated_at, updated_by)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7::timestamptz, $8)`,
    values,
  );
  const saved = publicConfig(row);
  await tx.query(
    `INSERT INTO call_elements_aircall_config_versions (organization_id, country_code, version, config, updated_at, updated_by)
     VALUES ($1, $2, $3, $4::jsonb, $5::timestamptz, $6)`,
    [scope.organizationId, scope.countryCode, row.version, JSON.stringify(saved), row.updated_at.toISOString(), row.updated_by],
  );
  return saved;
}

export async function listConfigVersions(db: Queryable, scope: AircallScope): Promise<ConfigVersion[]> {
  const rows = await db.query<{ version: number; config: PublicAircallConfig; updated_at: Date; updated_by: string | null }>(
    `SELECT version, config, updated_at, updated_by FROM call_elements_aircall_config_versions
     WHERE organization_id = $1 AND country_code = $2 ORDER BY version DESC`,
    [scope.organizationId, scope.countryCode],
  );
  return rows.map((row) => ({
    version: Number(row.version),
    updatedAt: new Date(row.updated_at).toISOString(),
    ...(row.updated_by !== null && { updatedBy: row.updated_by }),
    config: row.config,
  }));
}

/** The key in clear, for the host's own server code (calling Aircall's REST API); undefined when none is saved. */
export async function readApiKey(db: Queryable, box: SecretBox, scope: AircallScope): Promise<string | undefined> {
  const row = await readConfig(db, scope);
  return row?.api_key_encrypted ? box.open(row.api_key_encrypted, associatedData(scope)) : undefined;
}
