import type { CallRecord } from '../schema/call-record.js';
import { accessParams, accessPredicate } from './auth.js';
import type { Queryable } from './db/types.js';
import type { Principal } from './options.js';
import { servedRecord, type ProviderFacts } from './records.js';

export interface CallListQuery {
  leadId?: string | undefined;
  requestId?: string | undefined;
  agentId?: string | undefined;
  limit: number;
}

interface CallRow {
  id: string;
  client_record: CallRecord | null;
  provider_facts: ProviderFacts | Record<string, never>;
}

/*
 * One statement stores any number of records (a PUT is a batch of one), so concurrent writes of an
 * id are settled by the primary key: one row, the last write whole. A new row belongs to its writer
 * and the writer's organisations. An existing row is overwritten only when the writer may reach it
 * (the tenancy rule) or when nobody owns it yet (a webhook arrived first); ids it refuses are not
 * RETURNed. Duplicate ids within one batch are removed before, since one statement cannot update a
 * row twice.
 */
const UPSERT_RECORDS = `
  INSERT INTO call_elements_calls AS calls
    (id, client_record, owner_user_id, organization_ids, lead_id, request_id, agent_id, started_at)
  SELECT r->>'id', r, $2, $3::text[], r->>'leadId', r->>'requestId', r->>'agentId', (r->>'startedAt')::timestamptz
  FROM jsonb_array_elements($1::jsonb) AS r
  ON CONFLICT (id) DO UPDATE SET
    client_record = EXCLUDED.client_record,
    lead_id = EXCLUDED.lead_id,
    request_id = EXCLUDED.request_id,
    agent_id = EXCLUDED.agent_id,
    started_at = EXCLUDED.started_at,
    owner_user_id = COALESCE(calls.owner_user_id, EXCLUDED.owner_user_id),
    organization_ids = CASE WHEN cardinality(calls.organization_ids) = 0 THEN EXCLUDED.organization_ids ELSE calls.organization_ids END,
    updated_at = now()
  WHERE calls.owner_user_id IS NULL OR ${accessPredicate('calls', 2)}
  RETURNING id`;

/** Ids stored; the others were refused by the tenancy rule. */
export async function saveRecords(db: Queryable, records: readonly CallRecord[], principal: Principal): Promise<Set<string>> {
  const unique = [...new Map(records.map((record) => [record.id, record])).values()];
  const rows = await db.query<{ id: string }>(UPSERT_RECORDS, [JSON.stringify(unique), ...accessParams(principal)]);
  return new Set(rows.map((row) => row.id));
}

/*
 * A webhook's facts are merged into what earlier webhooks said (`details` one level deeper), in one
 * statement as well. `owner` is the user the provider names (Twilio's `client:{identity}`), if any.
 */
const UPSERT_FACTS = `
  INSERT INTO call_elements_calls AS calls (id, provider_facts, owner_user_id, started_at)
  VALUES ($1, $2::jsonb, $3, $4::timestamptz)
  ON CONFLICT (id) DO UPDATE SET
    provider_facts = calls.provider_facts || EXCLUDED.provider_facts
      || jsonb_build_object('details', COALESCE(calls.provider_facts->'details', '{}') || COALESCE(EXCLUDED.provider_facts->'details', '{}')),
    owner_user_id = COALESCE(calls.owner_user_id, EXCLUDED.owner_user_id),
    started_at = COALESCE(calls.started_at, EXCLUDED.started_at),
    updated_at = now()`;

export async function saveProviderFacts(db: Queryable, facts: ProviderFacts, owner: string | undefined): Promise<void> {
  const id = `${facts.provider}:${facts.callSid}`;
  await db.query(UPSERT_FACTS, [id, JSON.stringify(facts), owner ?? null, facts.startedAt ?? null]);
}

const LIST = `
  SELECT id, client_record, provider_facts FROM call_elements_calls AS calls
  WHERE ($1::text IS NULL OR lead_id = $1) AND ($2::text IS NULL OR request_id = $2) AND ($3::text IS NULL OR agent_id = $3)
    AND ${accessPredicate('calls', 4)}
  ORDER BY started_at DESC NULLS LAST, id COLLATE "C"
  LIMIT $8`;

/** Newest first, only what the user may reach. */
export async function listRecords(db: Queryable, query: CallListQuery, principal: Principal): Promise<CallRecord[]> {
  const rows = await db.query<CallRow>(LIST, [query.leadId ?? null, query.requestId ?? null, query.agentId ?? null, ...accessParams(principal), query.limit]);
  return rows.flatMap((row) => servedRecord(row.id, row.client_record, row.provider_facts) ?? []);
}

const GET = `SELECT id, client_record, provider_facts FROM call_elements_calls AS calls WHERE id = $1 AND ${accessPredicate('calls', 2)}`;

/** The record, or undefined when there is none the user may reach (the two are not told apart). */
export async function getRecord(db: Queryable, id: string, principal: Principal): Promise<CallRecord | undefined> {
  const [row] = await db.query<CallRow>(GET, [id, ...accessParams(principal)]);
  return row && servedRecord(row.id, row.client_record, row.provider_facts);
}
