import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import type { ReadableAtom } from 'nanostores';

/**
 * Subscribes a Lit element to a nanostores store while it is connected and re-renders it on change.
 * `value` is always the store's current value, also before the first connection.
 */
export class StoreController<T> implements ReactiveController {
  #unsubscribe?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: ReadableAtom<T>,
  ) {
    host.addController(this);
  }

  get value(): T {
    return this.store.get();
  }

  hostConnected(): void {
    this.#unsubscribe = this.store.listen(() => this.host.requestUpdate());
    // A change while disconnected would otherwise be missed.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
