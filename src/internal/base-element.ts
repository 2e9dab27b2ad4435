import { LitElement } from 'lit';
import type { CallElementsEventMap } from '../events/events.js';
import { LocaleController } from './localize.js';

/**
 * Shared base of the elements downloaded on demand (`<call-history>`, `<aircall-settings>`…): a Lit element
 * with localisation and typed events. The page's own elements use `PageElement`, without lit-html.
 */
export abstract class CallElementsBase extends LitElement {
  protected readonly i18n = new LocaleController(this);

  /** Waits for the catalogue of the element's language when it is still downloading (French on an English build). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.i18n.whenReady(() => super.scheduleUpdate());
  }

  /** Dispatches one of the library's events (they bubble and are composed). */
  protected emit<K extends keyof CallElementsEventMap>(event: CallElementsEventMap[K]): boolean {
    return this.dispatchEvent(event);
  }
}
