import { ReactiveBase } from './reactive-base.js';
import type { CallElementsEventMap } from '../events/events.js';
import { LocaleController } from './localize.js';

/**
 * Shared base of the elements a page has before its first call (`<call-button>`, `<call-controls>`,
 * `<call-notification>`): a reactive element (reactive-base.ts: properties, attributes, `updateComplete`) with localisation and
 * typed events, and no template engine. Each builds what it shows at once with the DOM; what it shows only
 * during a call or with an opt-in attribute is rendered with Lit by the code downloaded for it, into places
 * the element keeps for it.
 */
export abstract class PageElement extends ReactiveBase {
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
