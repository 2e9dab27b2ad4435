import { atom } from 'nanostores';

export interface DeadLetter {
  id: string;
  /** A call record or a timeline action. */
  kind: 'call' | 'action';
  code: string;
  message: string;
  attempts: number;
  failedAt: number;
}

/** What the persistence pipeline is doing, for status displays and for the host. */
export interface OutboxState {
  /** Call records and timeline actions written locally and not yet confirmed by the storage backend. */
  pending: number;
  /** Records being sent right now. */
  inFlight: number;
  /** Records the backend refused for good; kept until retried or discarded by a person. */
  deadLetters: DeadLetter[];
  /** False when the durable local queue (IndexedDB) cannot be used: records are then sent directly. */
  durable: boolean;
  /** True in the one tab of this origin that sends the queue. */
  flusher: boolean;
  /** The latest failure: its code, English message and the placeholders of its localised message (`error.<code>`). */
  lastError?: { code: string; message: string; params?: Record<string, string | number>; at: number };
  /** When the next attempt is scheduled (epoch ms). */
  nextAttemptAt?: number;
}

export const initialOutboxState = (): OutboxState => ({
  pending: 0,
  inFlight: 0,
  deadLetters: [],
  durable: true,
  flusher: false,
});

export const $outbox = atom<OutboxState>(initialOutboxState());

export function updateOutbox(patch: Partial<OutboxState>): void {
  $outbox.set({ ...$outbox.get(), ...patch });
}

export function resetOutbox(): void {
  $outbox.set(initialOutboxState());
}
