import { debug } from '../internal/debug.js';
import type { CallProvider, IncomingCallInfo, ProviderSink } from '../providers/types.js';
import type { CallHandle, ReceiveCallOptions } from './live-call.js';

/** An element (or any page object) that takes the incoming calls of a provider. */
export interface IncomingOwner {
  /** Context for the record: agent, user... */
  incomingContext(): ReceiveCallOptions;
}

/** What the router needs from the engine: take a call for an owner, and know the live call. */
export interface IncomingHost {
  provider(name: string): CallProvider | undefined;
  receive(provider: CallProvider, incoming: IncomingCallInfo, options: ReceiveCallOptions, owner: EventTarget | undefined): { call: CallHandle; sink: ProviderSink } | undefined;
  liveCall(): CallHandle | undefined;
}

interface Listening {
  provider: CallProvider;
  owners: IncomingOwner[];
  stop: () => void;
}

const targetOf = (owner: IncomingOwner | undefined) => (owner instanceof EventTarget ? owner : undefined);

/**
 * Who receives each provider's incoming calls. The provider listens (Twilio registers its Device)
 * while at least one owner does; a call goes to the owner that started listening first. An owner that
 * stops listening during its call hands the call to the next owner (or to the page): the call goes on.
 */
export class IncomingRouter {
  private readonly listening = new Map<string, Listening>();

  constructor(private readonly host: IncomingHost) {}

  /** Lets `owner` receive the provider's calls; returns the function that stops (a no-op when it cannot receive). */
  listen(providerName: string, owner: IncomingOwner): () => void {
    const provider = this.host.provider(providerName);
    if (!provider?.listen) {
      debug('incoming', 'provider-cannot-receive', { provider: providerName });
      return () => {};
    }
    let entry = this.listening.get(providerName);
    if (!entry || entry.provider !== provider) {
      entry?.stop();
      const created: Listening = { provider, owners: [], stop: () => {} };
      created.stop = provider.listen((incoming) => {
        const taker = created.owners[0];
        if (!taker) return undefined;
        const received = this.host.receive(provider, incoming, taker.incomingContext(), targetOf(taker));
        if (!received) debug('incoming', 'declined-busy', { provider: provider.name });
        return received?.sink;
      });
      entry = created;
      this.listening.set(providerName, created);
    }
    const current = entry;
    current.owners.push(owner);
    return () => {
      const index = current.owners.indexOf(owner);
      if (index < 0) return;
      current.owners.splice(index, 1);
      const live = this.host.liveCall();
      const gone = targetOf(owner);
      // An incoming call goes on with the next receiver; any other call's events go to the page.
      if (live && gone && live.owner === gone && live.session.direction === 'inbound') live.owner = targetOf(current.owners[0]);
      if (current.owners.length === 0 && this.listening.get(providerName) === current) {
        this.listening.delete(providerName);
        current.stop();
      }
    };
  }

  /** Stops every provider from listening. */
  stopAll(): void {
    for (const entry of this.listening.values()) entry.stop();
    this.listening.clear();
  }
}
