import type { CallAction } from '../schema/call-action.js';
import { accessParams, accessPredicate } from './auth.js';
import type { Queryable } from './db/types.js';
import type { Principal } from './options.js';

export interface ActionListQuery {
  leadId?: string | undefined;
  requestId?: string | undefined;
  callId?: string | undefined;
  limit: number;
}

/** Like call records: one statement, the primary key settles concurrent writes, the tenancy rule guards overwrites. */
const UPSERT = `
  INSERT INTO call_elements_actions AS actions (id, action, owner_user_id, organization_ids, lead_id, request_id, call_id, at)
  VALUES ($1, $6::jsonb, $2, $3::text[], $7, $8, $9, $10::timestamptz)
  ON CONFLICT (id) DO UPDATE SET
    action = EXCLUDED.action,
    lead_id = EXCLUDED.lead_id,
    request_id = EXCLUDED.request_id,
    call_id = EXCLUDED.call_id,
    at = EXCLUDED.at,
    updated_at = now()
  WHERE ${accessPredicate('actions', 2)}
  RETURNING id`;

/** False when the id belongs to an action the user may not change. */
export async function saveAction(db: Queryable, action: CallAction, principal: Principal): Promise<boolean> {
  const [user, organizations, overseer, superAdmin] = accessParams(principal);
  const rows = await db.query(UPSERT, [
    action.id,
    user,
    organizations,
    overseer,
    superAdmin,
    JSON.stringify(action),
    action.leadId ?? null,
    action.requestId ?? null,
    action.callId ?? null,
    action.at,
  ]);
  return rows.length === 1;
}

const LIST = `
  SELECT action FROM call_elements_actions AS actions
  WHERE ($1::text IS NULL OR lead_id = $1) AND ($2::text IS NULL OR request_id = $2) AND ($3::text IS NULL OR call_id = $3)
    AND ${accessPredicate('actions', 4)}
  ORDER BY at DESC, id COLLATE "C"
  LIMIT $8`;

export async function listActions(db: Queryable, query: ActionListQuery, principal: Principal): Promise<CallAction[]> {
  const rows = await db.query<{ action: CallAction }>(LIST, [
    query.leadId ?? null,
    query.requestId ?? null,
    query.callId ?? null,
    ...accessParams(principal),
    query.limit,
  ]);
  return rows.map((row) => row.action);
}
