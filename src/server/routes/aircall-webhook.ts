import { aircallFacts, type AircallCall } from '../aircall/facts.js';
import { saveProviderFacts } from '../calls-store.js';
import { safeEqual } from '../crypto.js';
import { HttpError, badRequest } from '../errors.js';
import { json, readJson } from '../http.js';
import type { AircallOptions } from '../options.js';
import type { Route } from './route.js';

/** The events that complete a record; Aircall sends `call.comm_assets_generated` when the recording is ready. */
const HANDLED_EVENTS = new Set(['call.ended', 'call.comm_assets_generated']);

interface AircallWebhook {
  event?: unknown;
  token?: unknown;
  data?: Partial<AircallCall> | null;
}

/**
 * Aircall's webhook: `{ resource, event, timestamp, token, data }`. The token Aircall shows for the
 * webhook is compared in constant time; other events are acknowledged and ignored (Aircall turns
 * off a webhook whose URL keeps failing).
 */
export function aircallWebhookRoutes(settings: AircallOptions): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/aircall\/webhook$/,
      async handle({ request, db, options }) {
        const body = (await readJson(request, options.limits.bodyBytes)) as AircallWebhook | null;
        const token = body && typeof body === 'object' && typeof body.token === 'string' ? body.token : '';
        if (!token || !safeEqual(token, settings.webhookToken)) {
          throw new HttpError(403, 'webhook-token-invalid', 'The webhook token does not match.');
        }
        if (typeof body!.event !== 'string' || !HANDLED_EVENTS.has(body!.event)) return json(200, { received: true, stored: false });
        const call = body!.data;
        const id = call?.id;
        if (!call || !((typeof id === 'number' && Number.isInteger(id) && id > 0) || (typeof id === 'string' && /^\d{1,20}$/.test(id)))) {
          throw badRequest('data.id must be the Aircall call id.');
        }
        await saveProviderFacts(db, aircallFacts(call as AircallCall), undefined);
        return json(200, { received: true, stored: true });
      },
    },
  ];
}
