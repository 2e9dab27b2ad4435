// Apart from reset.ts, which loads the engine: the first-call tests need these names without it.

let run = 0;

/** Fresh queue names for one test, so that tests never share a database, lock or channel. */
export function isolatedOutbox(extra: Record<string, unknown> = {}) {
  run += 1;
  const id = `${Date.now().toString(36)}-${run}`;
  return { dbName: `test-outbox-${id}`, lockName: `test-lock-${id}`, channelName: `test-channel-${id}`, baseDelayMs: 10, maxDelayMs: 100, ...extra };
}
