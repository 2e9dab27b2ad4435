import { isIP } from 'node:net';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { serveNode, type NodeServerHandle } from './node.js';
import type { Authenticate, CallServerOptions, DatabaseOptions, Principal, TwilioOptions } from './options.js';
import { createCallServer } from './server.js';

export const USAGE = `Usage: call-elements-server [options]

  --port <n>            port to listen on (default 8787; 0 = any free port)
  --host <name>         interface to listen on (default 127.0.0.1)
  --data-dir <dir>      keep data in this directory (embedded PGlite)
  --database-url <url>  keep data in this PostgreSQL database (postgres://…)
                        neither: in memory, lost when the server stops
  --auth <module>       a module whose export "authenticate" (or default export) is
                        (request) => { userId, roles, organizationIds } | null
  --dev-auth            development only: every request is the user "dev" with every
                        role; refused unless --host is a loopback address
  --base-path <path>    path prefix of the routes (default /api)
  --help

Environment: CALL_ELEMENTS_SECRET_KEY (32+ characters; encrypts Aircall API keys; required
unless --dev-auth), CALL_ELEMENTS_PUBLIC_URL, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN,
TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET, TWILIO_TWIML_APP_SID, TWILIO_CALLER_ID (all six
turn the Twilio routes on), AIRCALL_WEBHOOK_TOKEN (turns the Aircall webhook on).`;

/** A command line the CLI cannot run; the message says what to change. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

/** The fixed user of `--dev-auth`: every role, one organisation. */
export const DEV_USER: Principal = { userId: 'dev', roles: ['AGENT', 'MANAGER', 'ADMIN', 'SUPER_ADMIN'], organizationIds: ['dev-org'] };

export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}

const TWILIO_ENV: Record<keyof Omit<TwilioOptions, 'apiBaseUrl' | 'tokenTtlSec' | 'incomingAllow' | 'allowedCountries' | 'record'>, string> = {
  accountSid: 'TWILIO_ACCOUNT_SID',
  authToken: 'TWILIO_AUTH_TOKEN',
  apiKeySid: 'TWILIO_API_KEY_SID',
  apiKeySecret: 'TWILIO_API_KEY_SECRET',
  twimlAppSid: 'TWILIO_TWIML_APP_SID',
  callerId: 'TWILIO_CALLER_ID',
};

function twilioFromEnv(env: NodeJS.ProcessEnv): TwilioOptions | undefined {
  const entries = Object.entries(TWILIO_ENV).map(([option, name]) => [option, env[name]] as const);
  const given = entries.filter(([, value]) => value);
  if (given.length === 0) return undefined;
  if (given.length < entries.length) {
    const missing = Object.entries(TWILIO_ENV).filter(([option]) => !env[TWILIO_ENV[option as keyof typeof TWILIO_ENV]]).map(([, name]) => name);
    throw new CliUsageError(`Twilio needs all six TWILIO_* variables; missing: ${missing.join(', ')}`);
  }
  return Object.fromEntries(entries) as unknown as TwilioOptions;
}

async function loadAuthenticate(module: string): Promise<Authenticate> {
  const loaded = (await import(pathToFileURL(resolve(module)).href)) as { authenticate?: unknown; default?: unknown };
  const authenticate = loaded.authenticate ?? loaded.default;
  if (typeof authenticate !== 'function') throw new CliUsageError(`${module} must export a function "authenticate" (or a default export)`);
  return authenticate as Authenticate;
}

export interface CliRun {
  handle: NodeServerHandle;
  /** What the server prints on start: where it listens and where data lives (never a secret). */
  banner: string;
  stop(): Promise<void>;
}

/** Starts the server the command line describes. Throws CliUsageError for a line it cannot run. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env, warn: (message: string) => void = console.warn): Promise<CliRun | undefined> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      auth: { type: 'string' },
      'dev-auth': { type: 'boolean', default: false },
      'base-path': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliUsageError('--port must be a whole number from 0 to 65535');
  if (values['data-dir'] && values['database-url']) throw new CliUsageError('give --data-dir or --database-url, not both');
  if (values['dev-auth'] && values.auth) throw new CliUsageError('give --auth or --dev-auth, not both');
  if (!values['dev-auth'] && !values.auth) throw new CliUsageError('say how requests are authenticated: --auth <module>, or --dev-auth for development');
  if (values['dev-auth'] && !isLoopback(values.host)) {
    throw new CliUsageError(`--dev-auth lets anyone in as an administrator: it only listens on a loopback address (127.0.0.1, ::1, localhost), not ${values.host}`);
  }

  let secretKey = env.CALL_ELEMENTS_SECRET_KEY;
  if (!secretKey) {
    if (!values['dev-auth']) throw new CliUsageError('set CALL_ELEMENTS_SECRET_KEY (32+ characters, e.g. openssl rand -base64 48)');
    secretKey = randomBytes(32).toString('base64');
    warn('call-elements-server: no CALL_ELEMENTS_SECRET_KEY, using a random one: Aircall API keys saved now cannot be read after a restart.');
  }
  const database: DatabaseOptions | undefined = values['database-url']
    ? { url: values['database-url'] }
    : values['data-dir']
      ? { dataDir: resolve(values['data-dir']) }
      : undefined;
  const twilio = twilioFromEnv(env);
  const options: CallServerOptions = {
    authenticate: values['dev-auth'] ? () => DEV_USER : await loadAuthenticate(values.auth!),
    secretKey,
    ...(database && { database }),
    ...(values['base-path'] !== undefined && { basePath: values['base-path'] }),
    ...(env.CALL_ELEMENTS_PUBLIC_URL && { publicUrl: env.CALL_ELEMENTS_PUBLIC_URL }),
    ...(twilio && { twilio }),
    ...(env.AIRCALL_WEBHOOK_TOKEN && { aircall: { webhookToken: env.AIRCALL_WEBHOOK_TOKEN } }),
  };
  const server = await createCallServer(options);
  const handle = await serveNode(server, { port, hostname: values.host }).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  const where = database && 'url' in database ? 'PostgreSQL' : database ? `PGlite in ${database.dataDir}` : 'PGlite in memory (lost on exit)';
  const banner = [
    `call-elements-server listening on ${handle.url}${options.basePath ?? '/api'}`,
    `data: ${where}`,
    values['dev-auth'] ? `auth: DEVELOPMENT — every request is "${DEV_USER.userId}" with every role` : `auth: ${values.auth}`,
    `twilio routes: ${twilio ? 'on' : 'off'} · aircall webhook: ${env.AIRCALL_WEBHOOK_TOKEN ? 'on' : 'off'}`,
  ].join('\n');
  return {
    handle,
    banner,
    async stop() {
      await handle.close();
      await server.close();
    },
  };
}
