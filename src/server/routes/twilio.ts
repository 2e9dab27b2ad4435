import { isE164 } from '../../schema/phone.js';
import { saveProviderFacts } from '../calls-store.js';
import { HttpError, badRequest } from '../errors.js';
import { json, noContent, readForm } from '../http.js';
import type { ResolvedOptions } from '../options.js';
import { externalUrl } from '../public-url.js';
import { callFacts, isFinalStatus, recordingFacts } from '../twilio/facts.js';
import { loadTwilioKit, type TwilioKit } from '../twilio/sdk.js';
import type { Route, RouteContext } from './route.js';

/** Twilio's limit on an Access Token identity. */
const MAX_IDENTITY_LENGTH = 121;
const STATUS_PATH = '/twilio/status';
const CALL_SID = /^CA[0-9a-fA-F]{32}$/;

type Settings = NonNullable<ResolvedOptions['twilio']>;

/** The signed form of a Twilio webhook, or 403 `signature-invalid`. */
async function signedForm(context: RouteContext, kit: TwilioKit, routePath: string): Promise<Record<string, string>> {
  const form = await readForm(context.request, context.options.limits.bodyBytes);
  const signature = context.request.headers.get('X-Twilio-Signature') ?? '';
  const url = externalUrl(context.request, context.options, routePath, context.url.search);
  if (!signature || !kit.isSignedByTwilio(signature, url, form)) {
    throw new HttpError(403, 'signature-invalid', 'The X-Twilio-Signature does not match this request.');
  }
  return form;
}

function dialable(to: string | undefined, settings: Settings): to is string {
  if (!isE164(to)) return false;
  return !settings.allowedCountries || settings.allowedCountries.some((code) => to.startsWith(`+${code}`));
}

export function twilioRoutes(settings: Settings): Route[] {
  let kit: Promise<TwilioKit> | undefined;
  // The package is large: it loads on the first Twilio request, then stays.
  const twilio = () => (kit ??= loadTwilioKit(settings).catch((error) => {
    kit = undefined;
    throw error;
  }));

  /** An Access Token for the signed-in user; GET too, since the browser provider's `tokenUrl` is fetched with GET. */
  const token = (method: 'GET' | 'POST'): Route => ({
    method,
    pattern: /^\/twilio\/token$/,
    async handle(context) {
      const { userId } = await context.principal();
      if (userId.length > MAX_IDENTITY_LENGTH) throw badRequest(`A Twilio identity holds at most ${MAX_IDENTITY_LENGTH} characters.`);
      const { token: jwt, expiresAt } = (await twilio()).accessToken(userId);
      return json(200, { token: jwt, identity: userId, expiresAt });
    },
  });

  /**
   * The TwiML app's Voice URL. The number is checked again here (the browser is no security
   * boundary) and only a browser of this app (`client:…`) may dial out through it.
   */
  const voice: Route = {
    method: 'POST',
    pattern: /^\/twilio\/voice$/,
    async handle(context) {
      const sdk = await twilio();
      const form = await signedForm(context, sdk, '/twilio/voice');
      const response = sdk.voiceResponse();
      if (!form.From?.startsWith('client:') || !dialable(form.To, settings)) {
        response.say('This number cannot be called.');
        response.hangup();
      } else {
        const dial = response.dial({
          answerOnBridge: true,
          callerId: settings.callerId,
          ...(settings.record && {
            record: 'record-from-answer-dual',
            recordingStatusCallback: externalUrl(context.request, context.options, STATUS_PATH),
            recordingStatusCallbackEvent: ['completed'],
          }),
        });
        dial.number(form.To);
      }
      return new Response(response.toString(), { status: 200, headers: { 'Content-Type': 'text/xml; charset=utf-8', 'Cache-Control': 'no-store' } });
    },
  };

  /**
   * Call status and recording status callbacks. A final status asks Twilio's REST API for the
   * call's own details (price, times, parent call); when the API cannot be reached, the signed
   * callback's fields are stored instead, so the callback is never lost.
   */
  const status: Route = {
    method: 'POST',
    pattern: /^\/twilio\/status$/,
    async handle(context) {
      const sdk = await twilio();
      const form = await signedForm(context, sdk, STATUS_PATH);
      const callSid = form.CallSid;
      if (!callSid || !CALL_SID.test(callSid)) throw badRequest('CallSid is missing or malformed.');
      if (form.RecordingSid || form.RecordingUrl) {
        const facts = recordingFacts(form);
        if (facts) await saveProviderFacts(context.db, facts, undefined);
        return noContent();
      }
      if (!isFinalStatus(form.CallStatus)) return noContent();
      const call = await sdk.fetchCall(callSid).catch((error: { status?: number; code?: number }) => {
        context.options.logger.warn('call-elements/server: Twilio REST API lookup failed; storing the callback fields', {
          callSid,
          status: error.status,
          code: error.code,
        });
        return undefined;
      });
      const facts = callFacts(callSid, form, call);
      await saveProviderFacts(context.db, facts, facts.userId);
      return noContent();
    },
  };

  return [token('GET'), token('POST'), voice, status];
}
