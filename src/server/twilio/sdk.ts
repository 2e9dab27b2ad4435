import type TwilioSdk from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { importOptional } from '../optional-import.js';
import type { ResolvedOptions } from '../options.js';

type TwilioModule = typeof TwilioSdk;
type Settings = NonNullable<ResolvedOptions['twilio']>;

const TWILIO_API = 'https://api.twilio.com';
const REST_TIMEOUT_MS = 10_000;

/** What the server asks Twilio's REST API about a call (`GET /2010-04-01/Accounts/{AC}/Calls/{CA}.json`). */
export interface TwilioCall {
  sid: string;
  parentCallSid: string | null;
  from: string;
  to: string;
  status: string;
  direction: string;
  startTime: Date | null;
  endTime: Date | null;
  duration: string | null;
  price: string | null;
  priceUnit: string | null;
  answeredBy: string | null;
}

/** The parts of the official `twilio` package the routes use, set up with the server's credentials. */
export interface TwilioKit {
  accessToken(identity: string): { token: string; expiresAt: string };
  voiceResponse(): InstanceType<TwilioModule['twiml']['VoiceResponse']>;
  /** `X-Twilio-Signature` against the URL Twilio requested and the form fields it posted. */
  isSignedByTwilio(signature: string, url: string, params: Record<string, string>): boolean;
  fetchCall(callSid: string): Promise<TwilioCall>;
}

async function loadSdk(): Promise<TwilioModule> {
  const module = await importOptional<{ default?: TwilioModule } & TwilioModule>('twilio', 'The Twilio routes');
  return module.default ?? module;
}

/** A REST client whose requests go to `apiBaseUrl` instead of api.twilio.com (a local fake in tests). */
function restClient(sdk: TwilioModule, settings: Settings) {
  const options: Parameters<TwilioModule>[2] = { accountSid: settings.accountSid, timeout: REST_TIMEOUT_MS };
  if (settings.apiBaseUrl !== TWILIO_API) {
    const base = settings.apiBaseUrl;
    class RebasedRequestClient extends sdk.RequestClient {
      override request<TData>(request: RequestClient.RequestOptions<TData>) {
        const uri = new URL(request.uri);
        return super.request<TData>({ ...request, uri: `${base}${uri.pathname}${uri.search}` });
      }
    }
    options.httpClient = new RebasedRequestClient({ timeout: REST_TIMEOUT_MS });
  }
  // An API key, not the auth token, authenticates REST calls: it can be revoked on its own.
  return sdk(settings.apiKeySid, settings.apiKeySecret, options);
}

export async function loadTwilioKit(settings: Settings): Promise<TwilioKit> {
  const sdk = await loadSdk();
  const client = restClient(sdk, settings);
  const { AccessToken } = sdk.jwt;
  return {
    accessToken(identity) {
      const token = new AccessToken(settings.accountSid, settings.apiKeySid, settings.apiKeySecret, { identity, ttl: settings.tokenTtlSec });
      token.addGrant(new AccessToken.VoiceGrant({ outgoingApplicationSid: settings.twimlAppSid, incomingAllow: settings.incomingAllow }));
      return { token: token.toJwt(), expiresAt: new Date(Date.now() + settings.tokenTtlSec * 1000).toISOString() };
    },
    voiceResponse: () => new sdk.twiml.VoiceResponse(),
    isSignedByTwilio: (signature, url, params) => sdk.validateRequest(settings.authToken, signature, url, params),
    async fetchCall(callSid) {
      const call = await client.calls(callSid).fetch();
      return {
        sid: call.sid,
        parentCallSid: call.parentCallSid ?? null,
        from: call.from,
        to: call.to,
        status: call.status,
        direction: call.direction,
        startTime: call.startTime ?? null,
        endTime: call.endTime ?? null,
        duration: call.duration ?? null,
        price: call.price ?? null,
        priceUnit: call.priceUnit ?? null,
        answeredBy: call.answeredBy ?? null,
      };
    },
  };
}
