import { CallRecordSchema, type CallRecord } from '../../schema/call-record.js';
import { describeIssues } from '../../schema/common.js';
import { mayWriteAs } from '../auth.js';
import { getRecord, listRecords, saveRecords } from '../calls-store.js';
import { HttpError, badRequest, forbidden, notFound } from '../errors.js';
import { json, readJson } from '../http.js';
import type { Principal } from '../options.js';
import { unstorableTextProblem } from '../storable-text.js';
import { SEGMENT, checkIdempotencyKey, listQuery, type Route } from './route.js';

type Checked = { record: CallRecord } | { problem: HttpError };

/**
 * A record must pass the same schema as in the browser, and may name another user only when its
 * writer oversees the organisation (a user cannot file calls in a colleague's name).
 */
function checkRecord(input: unknown, principal: Principal): Checked {
  const result = CallRecordSchema.safeParse(input);
  if (!result.success) return { problem: new HttpError(400, 'invalid-record', describeIssues(result.error).join('; ')) };
  const record = result.data;
  const unstorable = unstorableTextProblem(record);
  if (unstorable) return { problem: new HttpError(400, 'invalid-record', unstorable) };
  if (!mayWriteAs(principal, record.userId)) return { problem: forbidden('userId must be your own user id.') };
  return { record };
}

const putCall: Route = {
  method: 'PUT',
  pattern: new RegExp(`^/calls/${SEGMENT}$`),
  async handle({ request, params: [id], db, options, principal }) {
    const user = await principal();
    const checked = checkRecord(await readJson(request, options.limits.bodyBytes), user);
    if ('problem' in checked) throw checked.problem;
    if (checked.record.id !== id) throw badRequest('The id in the path must be the record id.');
    checkIdempotencyKey(request, checked.record.id);
    const stored = await saveRecords(db, [checked.record], user);
    if (!stored.has(checked.record.id)) throw forbidden('This call belongs to someone else.');
    return json(200, { id: checked.record.id });
  },
};

interface BatchResult {
  id: string | null;
  status: number;
  error?: string;
  message?: string;
}

/**
 * `POST /calls:batch` `{ items }`: each item is stored (or refused) on its own, as `PUT /calls/{id}`
 * would; the answer lists one result per item, in order. Valid items go in one statement.
 */
const batchCalls: Route = {
  method: 'POST',
  pattern: /^\/calls:batch$/,
  async handle({ request, db, options, principal }) {
    const user = await principal();
    const body = (await readJson(request, options.limits.batchBytes)) as { items?: unknown } | null;
    if (!body || typeof body !== 'object' || !Array.isArray(body.items)) throw badRequest('The body must be { "items": CallRecord[] }.');
    const { maxBatch } = options.limits;
    if (body.items.length > maxBatch) throw new HttpError(413, 'payload-too-large', `A batch holds at most ${maxBatch} records.`);
    const checked = body.items.map((item) => checkRecord(item, user));
    const valid = checked.flatMap((entry) => ('record' in entry ? [entry.record] : []));
    const stored = valid.length > 0 ? await saveRecords(db, valid, user) : new Set<string>();
    const results = checked.map((entry, index): BatchResult => {
      if ('problem' in entry) {
        const id = (body.items as { id?: unknown }[])[index]?.id;
        const { status, code, message } = entry.problem;
        return { id: typeof id === 'string' ? id : null, status, error: code, message };
      }
      if (stored.has(entry.record.id)) return { id: entry.record.id, status: 200 };
      return { id: entry.record.id, status: 403, error: 'permission-denied', message: 'This call belongs to someone else.' };
    });
    return json(200, { results });
  },
};

const listCalls: Route = {
  method: 'GET',
  pattern: /^\/calls$/,
  async handle({ url, db, options, principal }) {
    const user = await principal();
    const query = listQuery(url, ['leadId', 'requestId', 'agentId'], options.limits.maxList);
    return json(200, { items: await listRecords(db, query, user) });
  },
};

const getCall: Route = {
  method: 'GET',
  pattern: new RegExp(`^/calls/${SEGMENT}$`),
  async handle({ params: [id], db, principal }) {
    const record = await getRecord(db, id!, await principal());
    if (!record) throw notFound('No such call.');
    return json(200, record);
  },
};

/** `{ url }` once the call has a recording; 404 while it has none (or the call is not the user's). */
const getRecording: Route = {
  method: 'GET',
  pattern: new RegExp(`^/calls/${SEGMENT}/recording$`),
  async handle({ params: [id], db, principal }) {
    const record = await getRecord(db, id!, await principal());
    if (!record?.recordingUrl) throw notFound('No recording yet.');
    return json(200, { url: record.recordingUrl });
  },
};

export const callRoutes: Route[] = [batchCalls, putCall, listCalls, getCall, getRecording];
