import { CallActionSchema } from '../../schema/call-action.js';
import { describeIssues } from '../../schema/common.js';
import { listActions, saveAction } from '../actions-store.js';
import { mayWriteAs } from '../auth.js';
import { HttpError, badRequest, forbidden } from '../errors.js';
import { json, readJson } from '../http.js';
import { unstorableTextProblem } from '../storable-text.js';
import { SEGMENT, checkIdempotencyKey, listQuery, type Route } from './route.js';

const putAction: Route = {
  method: 'PUT',
  pattern: new RegExp(`^/actions/${SEGMENT}$`),
  async handle({ request, params: [id], db, options, principal }) {
    const user = await principal();
    const result = CallActionSchema.safeParse(await readJson(request, options.limits.bodyBytes));
    if (!result.success) throw new HttpError(400, 'invalid-action', describeIssues(result.error).join('; '));
    const action = result.data;
    const unstorable = unstorableTextProblem(action);
    if (unstorable) throw new HttpError(400, 'invalid-action', unstorable);
    if (action.id !== id) throw badRequest('The id in the path must be the action id.');
    checkIdempotencyKey(request, action.id);
    if (!mayWriteAs(user, action.userId)) throw forbidden('userId must be your own user id.');
    if (!(await saveAction(db, action, user))) throw forbidden('This action belongs to someone else.');
    return json(200, { id: action.id });
  },
};

const getActions: Route = {
  method: 'GET',
  pattern: /^\/actions$/,
  async handle({ url, db, options, principal }) {
    const user = await principal();
    const query = listQuery(url, ['leadId', 'requestId', 'callId'], options.limits.maxList);
    return json(200, { items: await listActions(db, query, user) });
  },
};

export const actionRoutes: Route[] = [putAction, getActions];
