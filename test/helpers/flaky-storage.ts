import { CallElementsError } from '../../src/internal/errors.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import type { CallStorage } from '../../src/storage/types.js';

type Fault = { permanent?: boolean; retryAfterMs?: number; status?: number } | 'hang';

/**
 * A storage whose behaviour a test scripts: a real memory storage behind, plus a queue of faults
 * consumed one per saveCall, counters, and a hook that runs before each save.
 */
export interface FlakyStorage extends CallStorage {
  inner: ReturnType<typeof createMemoryStorage>;
  attempts: CallRecord[];
  faults: Fault[];
  down: boolean;
  unloadSends: CallRecord[][];
  beforeSave?: (record: CallRecord) => void | Promise<void>;
  release(): void;
}

export function createFlakyStorage(): FlakyStorage {
  const inner = createMemoryStorage();
  let releaseHang: (() => void) | undefined;
  const storage: FlakyStorage = {
    name: 'flaky',
    inner,
    attempts: [],
    faults: [],
    down: false,
    unloadSends: [],
    async saveCall(record) {
      storage.attempts.push(record);
      await storage.beforeSave?.(record);
      const fault = storage.faults.shift();
      if (fault === 'hang') await new Promise<void>((resolve) => (releaseHang = resolve));
      else if (fault) {
        throw new CallElementsError(fault.permanent ? 'storage-rejected' : 'storage-failed', {
          params: { detail: `injected ${fault.status ?? 'fault'}` },
          permanent: fault.permanent,
          retryAfterMs: fault.retryAfterMs,
          status: fault.status,
        });
      }
      if (storage.down) throw new CallElementsError('storage-failed', { params: { detail: 'backend down' } });
      await inner.saveCall(record);
    },
    listCalls: (query) => inner.listCalls(query),
    saveCallsOnUnload(records) {
      storage.unloadSends.push(records);
      return records.map((r) => r.id);
    },
    release() {
      releaseHang?.();
    },
  };
  return storage;
}
