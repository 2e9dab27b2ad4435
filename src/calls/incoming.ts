import { debug } from '../internal/debug.js';
import { getProvider } from '../providers/registry.js';
import type { CallProvider } from '../providers/types.js';
import { receiveCall, type PlacedCall, type ReceiveCallOptions } from './place-call.js';

/** An element (or any page object) that takes incoming calls of a provider. */
export interface IncomingOwner {
  /** Context for the record: agent, user, lead... */
  incomingContext(): ReceiveCallOptions;
  /** The call is this owner's now: it shows it, reports its events and persists its record. */
  adoptIncoming(call: PlacedCall): void;
}

interface Listening {
  provider: CallProvider;
  owners: IncomingOwner[];
  stop: () => void;
}

const listening = new Map<string, Listening>();

/**
 * Lets `owner` receive the calls that come in through the named provider. The provider listens
 * (Twilio registers its Device) while at least one owner does; each call goes to the owner that
 * started listening first. Returns the function that stops; returns a no-op when the provider cannot
 * receive calls.
 */
export function listenForCalls(providerName: string, owner: IncomingOwner): () => void {
  const provider = getProvider(providerName);
  if (!provider?.listen) {
    debug('incoming', 'provider-cannot-receive', { provider: providerName });
    return () => {};
  }
  let entry = listening.get(providerName);
  if (!entry || entry.provider !== provider) {
    entry?.stop();
    const created: Listening = { provider, owners: [], stop: () => {} };
    created.stop = provider.listen((incoming) => {
      const taker = created.owners[0];
      if (!taker) return undefined;
      const received = receiveCall(provider, incoming, taker.incomingContext());
      if (!received) {
        debug('incoming', 'declined-busy', { provider: provider.name });
        return undefined;
      }
      taker.adoptIncoming(received.call);
      return received.sink;
    });
    entry = created;
    listening.set(providerName, created);
  }
  const current = entry;
  current.owners.push(owner);
  return () => {
    const index = current.owners.indexOf(owner);
    if (index < 0) return;
    current.owners.splice(index, 1);
    if (current.owners.length === 0 && listening.get(providerName) === current) {
      listening.delete(providerName);
      current.stop();
    }
  };
}

/** Stops every provider from listening (tests, sign-out). */
export function stopListeningForCalls(): void {
  for (const entry of listening.values()) entry.stop();
  listening.clear();
}
