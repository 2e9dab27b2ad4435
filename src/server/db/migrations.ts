import type { Database } from './types.js';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The schema, one step per version, applied in order and recorded in `call_elements_migrations`.
 * Published steps never change: a new need is a new step.
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'calls, actions, aircall configurations',
    sql: `
      CREATE TABLE call_elements_calls (
        id text PRIMARY KEY,
        -- The CallRecord as its writer last stored it (null while only a provider's webhook knows the call).
        client_record jsonb,
        -- What the provider's webhooks reported (Twilio, Aircall), merged into the record when it is read.
        provider_facts jsonb NOT NULL DEFAULT '{}',
        owner_user_id text,
        organization_ids text[] NOT NULL DEFAULT '{}',
        lead_id text,
        request_id text,
        agent_id text,
        started_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX call_elements_calls_lead ON call_elements_calls (lead_id, started_at DESC);
      CREATE INDEX call_elements_calls_request ON call_elements_calls (request_id, started_at DESC);
      CREATE INDEX call_elements_calls_agent ON call_elements_calls (agent_id, started_at DESC);
      CREATE INDEX call_elements_calls_owner ON call_elements_calls (owner_user_id, started_at DESC);
      CREATE INDEX call_elements_calls_organizations ON call_elements_calls USING gin (organization_ids);

      CREATE TABLE call_elements_actions (
        id text PRIMARY KEY,
        action jsonb NOT NULL,
        owner_user_id text NOT NULL,
        organization_ids text[] NOT NULL DEFAULT '{}',
        lead_id text,
        request_id text,
        call_id text,
        at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX call_elements_actions_lead ON call_elements_actions (lead_id, at DESC);
      CREATE INDEX call_elements_actions_request ON call_elements_actions (request_id, at DESC);
      CREATE INDEX call_elements_actions_call ON call_elements_actions (call_id, at DESC);
      CREATE INDEX call_elements_actions_owner ON call_elements_actions (owner_user_id, at DESC);
      CREATE INDEX call_elements_actions_organizations ON call_elements_actions USING gin (organization_ids);

      CREATE TABLE call_elements_aircall_configs (
        organization_id text NOT NULL,
        country_code text NOT NULL,
        version integer NOT NULL,
        -- The configuration without its API key.
        config jsonb NOT NULL,
        -- AES-256-GCM ciphertext of the API key (see crypto.ts); never leaves the server.
        api_key_encrypted text,
        api_key_last4 text,
        updated_at timestamptz NOT NULL,
        updated_by text,
        PRIMARY KEY (organization_id, country_code)
      );

      CREATE TABLE call_elements_aircall_config_versions (
        organization_id text NOT NULL,
        country_code text NOT NULL,
        version integer NOT NULL,
        -- The public configuration as saved (apiKeySet / apiKeyLast4, never the key).
        config jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text,
        PRIMARY KEY (organization_id, country_code, version)
      );
    `,
  },
];

/**
 * Brings the schema up to date in one transaction. The advisory lock makes instances that start
 * together take turns, so each step runs once however many instances share the database.
 */
export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('call-elements/migrations'))`);
    await tx.exec(`
      CREATE TABLE IF NOT EXISTS call_elements_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    const rows = await tx.query<{ version: number }>('SELECT version FROM call_elements_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const newlyApplied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO call_elements_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      newlyApplied.push(migration.version);
    }
    return newlyApplied;
  });
}
