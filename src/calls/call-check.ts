import { CallElementsError } from '../internal/errors.js';
import type { CallCheckOptions, CallCheckReport } from '../providers/types.js';
import { pageRuntime } from './page-runtime.js';

export interface RunCallCheckOptions extends CallCheckOptions {
  /** The provider to check. Default "twilio". */
  provider?: string;
  /** Where the Twilio provider gets its token, when the page configured no Twilio provider (as `token-url`). */
  tokenUrl?: string;
}

/**
 * A pre-call check: a short test call through the provider (Twilio: `Device.runPreflight` with the
 * token of the signed-in user), resolving with what it measured — the network's timings, the call's
 * quality, whether media needed a TURN relay, the warnings. Downloads the provider's SDK if needed.
 * Rejects with a CallElementsError: `provider-unknown`, `not-supported`, `token-failed`,
 * `call-check-failed`, `microphone-denied`…
 */
export async function runCallCheck(options: RunCallCheckOptions = {}): Promise<CallCheckReport> {
  const name = options.provider ?? 'twilio';
  const providers = pageRuntime().providers;
  if (!providers.get(name)) await providers.ensureBuiltIn(name, { tokenUrl: options.tokenUrl });
  const provider = providers.get(name);
  if (!provider) throw new CallElementsError('provider-unknown', { params: { provider: name }, permanent: true });
  if (typeof provider.checkCall !== 'function') {
    throw new CallElementsError('not-supported', { params: { provider: name, feature: 'runCallCheck' }, permanent: true });
  }
  return provider.checkCall({ onProgress: options.onProgress });
}
