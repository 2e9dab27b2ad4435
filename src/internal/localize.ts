import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en, type MessageKey, type Messages } from '../locales/en.js';
import { fr } from '../locales/fr.js';
import { $settings } from '../store/config.js';

/**
 * Keys that parts of the library loaded on demand (the settings element, the Aircall dialog) add to
 * the catalogues with {@link extendMessages}; each declares its keys here by module augmentation.
 */
export interface ExtraMessageKeys {}

/** Any message key: the core catalogue's and those of the parts loaded on demand. */
export type AnyMessageKey = MessageKey | keyof ExtraMessageKeys;

const catalogs = new Map<string, Record<string, string>>([
  ['en', { ...en }],
  ['fr', { ...fr }],
]);

/**
 * Adds a language, or adds to one. `messages` should have every key of the English catalogues; a
 * missing key falls back to English rather than showing a key to the person.
 */
export function registerLocale(language: string, messages: Partial<Messages> & Partial<Record<AnyMessageKey, string>>): void {
  const lang = language.toLowerCase();
  catalogs.set(lang, { ...catalogs.get(lang), ...(messages as Record<string, string>) });
  for (const listener of localeListeners) listener();
}

/** Adds a part's strings to the languages it has (by language code); used by the modules loaded on demand. */
export function extendMessages(byLanguage: Record<string, Record<string, string>>): void {
  for (const [language, messages] of Object.entries(byLanguage)) {
    const lang = language.toLowerCase();
    catalogs.set(lang, { ...catalogs.get(lang), ...messages });
  }
  for (const listener of localeListeners) listener();
}

export function availableLocales(): string[] {
  return [...catalogs.keys()];
}

/** Picks the best catalogue for a BCP 47 tag: "fr-CA" → "fr", unknown → "en". */
export function matchLocale(tag: string | null | undefined): string {
  if (!tag) return 'en';
  const lower = tag.toLowerCase();
  if (catalogs.has(lower)) return lower;
  const base = lower.split('-')[0]!;
  return catalogs.has(base) ? base : 'en';
}

/** Whether a key has a message (in English, which every key has): host-supplied keys may not. */
export function hasMessage(key: string): key is AnyMessageKey {
  return Object.prototype.hasOwnProperty.call(catalogs.get('en'), key);
}

export function translate(locale: string, key: AnyMessageKey, params: Record<string, unknown> = {}): string {
  const template = catalogs.get(matchLocale(locale))?.[key] ?? catalogs.get('en')![key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The `lang` of the element or its nearest ancestor, crossing shadow roots, stopping below `<html>`. */
function closestLang(element: Element): string | undefined {
  let node: Element | null = element;
  while (node && node !== document.documentElement) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
  }
  return undefined;
}

/**
 * The language an element speaks: its own or an ancestor's `lang`, then `configure({ locale })`,
 * then `<html lang>`, then English.
 */
export function resolveLocale(element?: Element): string {
  const tag =
    (element && closestLang(element)) ||
    $settings.get().locale ||
    document.documentElement.getAttribute('lang') ||
    'en';
  return matchLocale(tag);
}

const localeListeners = new Set<() => void>();
let langObserver: MutationObserver | undefined;
let unsubscribeSettings: (() => void) | undefined;

function watchLanguage(listener: () => void): () => void {
  localeListeners.add(listener);
  if (!langObserver) {
    langObserver = new MutationObserver(() => localeListeners.forEach((l) => l()));
    langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    unsubscribeSettings = $settings.listen(() => localeListeners.forEach((l) => l()));
  }
  return () => {
    localeListeners.delete(listener);
    if (localeListeners.size === 0) {
      langObserver?.disconnect();
      langObserver = undefined;
      unsubscribeSettings?.();
      unsubscribeSettings = undefined;
    }
  };
}

/**
 * Gives an element `t()` in its language and re-renders it when a `lang` attribute in the document
 * (or the configured locale) changes. One MutationObserver serves every element on the page.
 */
export class LocaleController implements ReactiveController {
  private stop?: () => void;
  private current: string;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
    this.current = 'en';
  }

  get locale(): string {
    return this.current;
  }

  hostConnected(): void {
    this.current = resolveLocale(this.host);
    this.stop = watchLanguage(() => {
      const next = resolveLocale(this.host);
      if (next !== this.current) {
        this.current = next;
        this.host.requestUpdate();
      }
    });
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = undefined;
  }

  t(key: AnyMessageKey, params?: Record<string, unknown>): string {
    return translate(this.current, key, params);
  }
}
