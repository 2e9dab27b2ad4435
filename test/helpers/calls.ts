import { configure, type CallElementsConfig } from '../../src/config.js';
import * as engineModule from '../../src/calls/engine.js';
import { pageRuntime, resetPageRuntime } from '../../src/calls/page-runtime.js';
import { getOutbox } from '../../src/calls/engine-api.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import type { CallStorage } from '../../src/storage/types.js';

/** Queues a record as the end of a call does: captured durably, sent by the queue. */
export function persistCall(record: CallRecord): Promise<void> {
  return getOutbox().enqueue(record);
}

/**
 * A page reload as far as the library sees it: the runtime goes (its queue stops, the database
 * stays), a new page configures `config` and has the engine (as after its first call).
 */
export async function reloadPage(config: CallElementsConfig): Promise<void> {
  await resetPageRuntime();
  configure(config);
  pageRuntime().attachEngine(engineModule);
}

/** The storage the page's engine uses (the configured one, or the default it created). */
export function currentStorage(): CallStorage | undefined {
  return pageRuntime().engine()?.storage();
}
