import { LitElement } from 'lit';
import type { CallElementsEventMap } from '../events/events.js';
import { LocaleController } from './localize.js';

/** Shared base of the library's elements: localisation and typed events. */
export abstract class CallElementsBase extends LitElement {
  protected readonly i18n = new LocaleController(this);

  /** Dispatches one of the library's events (they bubble and are composed). */
  protected emit<K extends keyof CallElementsEventMap>(event: CallElementsEventMap[K]): boolean {
    return this.dispatchEvent(event);
  }
}
