import { activeStorage } from '../../calls/persist.js';
import { resolveIdentityWithin } from '../../config.js';
import { debug } from '../../internal/debug.js';
import { toCallElementsError } from '../../internal/errors.js';
import type { CallAction } from '../../schema/call-action.js';
import { pushNotification } from '../../store/notifications.js';
import './messages.js';

export interface ActionLog {
  /**
   * Logs an action through `storage.logAction`, retrying transient failures. `userId` when the page
   * gave one (`user-id`); otherwise `configure({ identity })` is asked.
   */
  log(action: Omit<CallAction, 'userId'> & { userId?: string }): void;
  /** Stops pending retries; actions not logged yet are dropped. */
  dispose(): void;
}

/** The user id from `configure({ identity })`; an action is logged without one when it fails or is late. */
async function currentUserId(): Promise<string | undefined> {
  try {
    return (await resolveIdentityWithin())?.userId;
  } catch (error) {
    debug('provider:aircall', 'action-identity-failed', { error: String(error) });
    return undefined;
  }
}

function withoutEmptyFields(action: CallAction): CallAction {
  const clean = { ...action } as Record<string, unknown>;
  for (const key of Object.keys(clean)) if (clean[key] === undefined || clean[key] === '') delete clean[key];
  return clean as CallAction;
}

/**
 * The seed's `logAircallAction`: timeline entries sent straight to the storage (they are not in the
 * durable outbox that calls go through). Each action has a stable id, so a retry after a lost answer
 * stores it once. A permanent refusal, or a transient failure after the last retry, is reported as
 * an error notification.
 */
export function createActionLog(retryDelaysMs: readonly number[]): ActionLog {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let generation = 0;

  const send = async (action: CallAction, attempt: number, started: number): Promise<void> => {
    if (started !== generation) return;
    const storage = activeStorage();
    if (!storage?.logAction) {
      debug('provider:aircall', 'action-skipped', { type: action.type, reason: 'the storage cannot log actions' });
      return;
    }
    try {
      await storage.logAction(action);
      debug('provider:aircall', 'action-logged', { id: action.id, type: action.type, attempts: attempt + 1 });
    } catch (failure) {
      const error = toCallElementsError(failure, 'storage-failed');
      const delay = retryDelaysMs[attempt];
      if (!error.permanent && delay !== undefined && started === generation) {
        debug('provider:aircall', 'action-retry', { id: action.id, attempt: attempt + 1, delay, code: error.code });
        const timer = setTimeout(() => {
          timers.delete(timer);
          void send(action, attempt + 1, started);
        }, delay);
        timers.add(timer);
        return;
      }
      if (started !== generation) return;
      pushNotification({
        kind: 'error',
        messageKey: 'aircall.actionFailed',
        params: { detail: error.message },
        code: error.code,
        key: `aircall-action:${action.id}`,
      });
    }
  };

  return {
    log(action) {
      const started = generation;
      const userId = action.userId ? Promise.resolve(action.userId) : currentUserId();
      void userId.then((id) => send(withoutEmptyFields({ ...action, userId: id }), 0, started));
    },
    dispose() {
      generation += 1;
      timers.forEach(clearTimeout);
      timers.clear();
    },
  };
}
