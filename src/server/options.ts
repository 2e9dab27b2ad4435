import { isE164 } from '../schema/phone.js';
import { CallServerOptionsError } from './errors.js';

/** Who is calling, as the host's `authenticate` says. The server keeps no user table of its own. */
export interface Principal {
  userId: string;
  /** Role names; `ADMIN`, `MANAGER` and `SUPER_ADMIN` mean something to the server (see docs/server.md). */
  roles: readonly string[];
  /** Organisations the user belongs to. `SUPER_ADMIN` reaches every organisation. */
  organizationIds: readonly string[];
}

/** Resolves the request's user, or null (→ 401). Read your session cookie or bearer token here. */
export type Authenticate = (request: Request) => Principal | null | undefined | Promise<Principal | null | undefined>;

export type DatabaseOptions =
  /** A PostgreSQL server, through `pg` (a pool of `max` connections, 10 by default). */
  | { url: string; max?: number }
  /** Embedded PGlite persisted in this directory. */
  | { dataDir: string };

export interface TwilioOptions {
  accountSid: string;
  /** Checks the `X-Twilio-Signature` of Twilio's webhooks. */
  authToken: string;
  /** An API key (SK…) and its secret: they sign Access Tokens and call Twilio's REST API. */
  apiKeySid: string;
  apiKeySecret: string;
  /** The TwiML app whose Voice URL is `{publicUrl}/twilio/voice`. */
  twimlAppSid: string;
  /** The number calls are placed from (E.164, one of your Twilio numbers or a verified caller id). */
  callerId: string;
  /** Twilio's REST API origin; tests point it at a local fake. Default `https://api.twilio.com`. */
  apiBaseUrl?: string;
  /** Access Token lifetime in seconds (default 3600, at most 86400 as Twilio allows). */
  tokenTtlSec?: number;
  /** Whether tokens let the browser receive calls (default false). */
  incomingAllow?: boolean;
  /** Country calling codes the voice route may dial (e.g. `['33', '1']`); every country when absent. */
  allowedCountries?: readonly string[];
  /** Record dialled calls (from answer, both channels); the recording callback fills `recordingUrl`. */
  record?: boolean;
}

export interface AircallOptions {
  /** The token Aircall puts in every webhook body (Aircall dashboard → Integrations → Webhooks). */
  webhookToken: string;
}

export interface LimitOptions {
  /** Largest body of a single request, in bytes (default 256 KiB); bigger → 413. */
  bodyBytes?: number;
  /** Largest body of `POST /calls:batch` (default 8 MiB). */
  batchBytes?: number;
  /** Most records in one batch (default 500). */
  maxBatch?: number;
  /** Most items a list returns (default and cap 500). */
  maxList?: number;
}

export interface Logger {
  warn(message: string, fields?: Record<string, string | number | boolean | undefined>): void;
  error(message: string, fields?: Record<string, string | number | boolean | undefined>): void;
}

export interface CallServerOptions {
  /** Where data lives; nothing = in-memory PGlite (lost on close: development and tests). */
  database?: DatabaseOptions;
  authenticate: Authenticate;
  /** Encrypts the Aircall API keys at rest (AES-256-GCM). At least 32 characters; keep it out of the code. */
  secretKey: string;
  /** Path prefix of every route (default `/api`; `''` for none). */
  basePath?: string;
  twilio?: TwilioOptions;
  aircall?: AircallOptions;
  /**
   * The public URL of `basePath` as Twilio calls it (e.g. `https://api.example.com/api`): Twilio signs
   * the URL it requested, which a proxy may rewrite. Default: the request's own URL.
   */
  publicUrl?: string;
  /** Rebuild the request URL from `X-Forwarded-Proto` and `X-Forwarded-Host` (only behind a proxy you trust). */
  trustForwardedHeaders?: boolean;
  limits?: LimitOptions;
  /** Where the server reports webhook and database troubles (default `console`; `false` for silence). Never given secrets. */
  logger?: Logger | false;
}

export interface ResolvedOptions {
  database: DatabaseOptions | undefined;
  authenticate: Authenticate;
  secretKey: string;
  basePath: string;
  twilio: Required<Omit<TwilioOptions, 'allowedCountries'>> & { allowedCountries: readonly string[] | undefined } | undefined;
  aircall: AircallOptions | undefined;
  publicUrl: string | undefined;
  trustForwardedHeaders: boolean;
  limits: Required<LimitOptions>;
  logger: Logger;
}

const SILENT: Logger = { warn() {}, error() {} };
const MIN_SECRET_KEY_LENGTH = 32;

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isPositiveInteger = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

function parseUrl(value: unknown, protocols: readonly string[]): URL | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

const httpUrl = (value: unknown) => parseUrl(value, ['http:', 'https:']);

function checkDatabase(database: unknown, problems: string[]): void {
  if (database === undefined) return;
  const given = database as { url?: unknown; dataDir?: unknown; max?: unknown };
  if (typeof database !== 'object' || database === null || ('url' in given) === ('dataDir' in given)) {
    problems.push('database must be { url } (PostgreSQL) or { dataDir } (PGlite on disk), or be left out (PGlite in memory)');
    return;
  }
  if ('url' in given) {
    if (!parseUrl(given.url, ['postgres:', 'postgresql:'])) problems.push('database.url must be a postgres:// or postgresql:// URL');
    if (given.max !== undefined && !isPositiveInteger(given.max)) problems.push('database.max must be a positive whole number');
  } else if (!isText(given.dataDir)) {
    problems.push('database.dataDir must be a directory path');
  }
}

function checkTwilio(twilio: TwilioOptions | undefined, problems: string[]): void {
  if (twilio === undefined) return;
  if (typeof twilio !== 'object' || twilio === null) {
    problems.push('twilio must be an object');
    return;
  }
  const prefixes = { accountSid: 'AC', apiKeySid: 'SK', twimlAppSid: 'AP' } as const;
  for (const [field, prefix] of Object.entries(prefixes) as [keyof typeof prefixes, string][]) {
    if (!isText(twilio[field]) || !twilio[field].startsWith(prefix)) problems.push(`twilio.${field} must be a Twilio SID starting with ${prefix}`);
  }
  for (const field of ['authToken', 'apiKeySecret'] as const) {
    if (!isText(twilio[field])) problems.push(`twilio.${field} is required`);
  }
  if (!isE164(twilio.callerId)) problems.push('twilio.callerId must be an E.164 number such as +33123456789');
  if (twilio.apiBaseUrl !== undefined && !httpUrl(twilio.apiBaseUrl)) problems.push('twilio.apiBaseUrl must be an http(s) URL');
  const ttl = twilio.tokenTtlSec;
  if (ttl !== undefined && (!isPositiveInteger(ttl) || ttl > 86_400)) problems.push('twilio.tokenTtlSec must be a whole number of seconds from 1 to 86400');
  const countries = twilio.allowedCountries;
  if (countries !== undefined && (!Array.isArray(countries) || countries.length === 0 || !countries.every((code) => /^[1-9]\d{0,2}$/.test(String(code))))) {
    problems.push('twilio.allowedCountries must be a non-empty list of country calling codes such as ["33", "1"]');
  }
}

function normaliseBasePath(basePath: unknown, problems: string[]): string {
  if (basePath === undefined) return '/api';
  if (typeof basePath !== 'string' || (basePath !== '' && !/^(\/[A-Za-z0-9._~-]+)+\/?$/.test(basePath))) {
    problems.push('basePath must be "" or a path such as "/api"');
    return '';
  }
  return basePath.replace(/\/$/, '');
}

function resolveLimits(limits: LimitOptions | undefined, problems: string[]): Required<LimitOptions> {
  const resolved = { bodyBytes: 256 * 1024, batchBytes: 8 * 1024 * 1024, maxBatch: 500, maxList: 500, ...limits };
  for (const [name, value] of Object.entries(resolved)) {
    if (!isPositiveInteger(value)) problems.push(`limits.${name} must be a positive whole number`);
  }
  return resolved;
}

/** Checks every option at once, so that one error lists everything to fix. */
export function resolveOptions(options: CallServerOptions): ResolvedOptions {
  const problems: string[] = [];
  if (typeof options !== 'object' || options === null) throw new CallServerOptionsError(['options must be an object']);
  if (typeof options.authenticate !== 'function') problems.push('authenticate must be a function (request) => { userId, roles, organizationIds } | null');
  if (typeof options.secretKey !== 'string' || options.secretKey.length < MIN_SECRET_KEY_LENGTH) {
    problems.push(`secretKey must be a string of at least ${MIN_SECRET_KEY_LENGTH} characters (e.g. openssl rand -base64 48)`);
  }
  checkDatabase(options.database, problems);
  checkTwilio(options.twilio, problems);
  if (options.aircall !== undefined && !isText(options.aircall?.webhookToken)) problems.push('aircall.webhookToken is required');
  const basePath = normaliseBasePath(options.basePath, problems);
  if (options.publicUrl !== undefined && !httpUrl(options.publicUrl)) problems.push('publicUrl must be an http(s) URL');
  const limits = resolveLimits(options.limits, problems);
  const logger = options.logger === false ? SILENT : (options.logger ?? console);
  if (typeof logger?.warn !== 'function' || typeof logger?.error !== 'function') problems.push('logger must have warn() and error(), or be false');
  if (problems.length > 0) throw new CallServerOptionsError(problems);

  const twilio = options.twilio && {
    ...options.twilio,
    apiBaseUrl: (options.twilio.apiBaseUrl ?? 'https://api.twilio.com').replace(/\/+$/, ''),
    tokenTtlSec: options.twilio.tokenTtlSec ?? 3600,
    incomingAllow: options.twilio.incomingAllow ?? false,
    record: options.twilio.record ?? false,
    allowedCountries: options.twilio.allowedCountries?.map(String),
  };
  return {
    database: options.database,
    authenticate: options.authenticate,
    secretKey: options.secretKey,
    basePath,
    twilio,
    aircall: options.aircall,
    publicUrl: options.publicUrl?.replace(/\/+$/, ''),
    trustForwardedHeaders: options.trustForwardedHeaders ?? false,
    limits,
    logger,
  };
}
