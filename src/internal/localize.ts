import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { en, type MessageKey, type Messages } from '../locales/en.js';
import { $settings } from '../store/config.js';
import { debug } from './debug.js';
import { lazy } from './lazy.js';

/**
 * Keys that parts of the library loaded on demand (the settings element, the Aircall dialog) add to
 * the catalogues with {@link extendMessages}; each declares its keys here by module augmentation.
 */
export interface ExtraMessageKeys {}

/** Any message key: the core catalogue's and those of the parts loaded on demand. */
export type AnyMessageKey = MessageKey | keyof ExtraMessageKeys;

const catalogs = new Map<string, Record<string, string>>([['en', { ...en }]]);

/**
 * Languages the library ships whose catalogue downloads when an element first speaks them: a page in
 * English never loads French. Elements wait for it before they render, so no English shows first.
 */
const onDemand = new Map<string, () => Promise<Messages>>([['fr', lazy(() => import('../locales/fr.js').then((module) => module.fr))]]);
const downloads = new Map<string, Promise<void>>();

const isKnown = (lang: string) => catalogs.has(lang) || onDemand.has(lang);

/**
 * Resolves once the catalogue of `locale` is there (downloading it when the library ships it on
 * demand); undefined when nothing needs to wait. A failed download leaves English, and is tried again.
 */
export function localeReady(locale: string): Promise<void> | undefined {
  const lang = matchLocale(locale);
  const load = onDemand.get(lang);
  if (!load) return undefined;
  let download = downloads.get(lang);
  if (!download) {
    download = load().then(
      (core) => {
        onDemand.delete(lang);
        // What registerLocale() or the parts loaded on demand added meanwhile stays on top.
        catalogs.set(lang, { ...core, ...catalogs.get(lang) });
        for (const listener of localeListeners) listener();
      },
      (error: unknown) => debug('i18n', 'catalogue-download-failed', { lang, error: String(error) }),
    );
    download.finally(() => downloads.delete(lang));
    downloads.set(lang, download);
  }
  return download;
}

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

/**
 * Loads the catalogue of a language the library ships on demand (French), so that `translate()` and
 * `CallElementsError.localizedMessage()` speak it synchronously afterwards. Elements do this themselves.
 */
export async function loadLocale(language: string): Promise<void> {
  await localeReady(language);
}

export function availableLocales(): string[] {
  return [...new Set([...catalogs.keys(), ...onDemand.keys()])];
}

/** Picks the best catalogue for a BCP 47 tag: "fr-CA" → "fr", unknown → "en". */
export function matchLocale(tag: string | null | undefined): string {
  if (!tag) return 'en';
  const lower = tag.toLowerCase();
  if (isKnown(lower)) return lower;
  const base = lower.split('-')[0]!;
  return isKnown(base) ? base : 'en';
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
  #stop?: () => void;
  #current: string;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
    this.#current = 'en';
  }

  get locale(): string {
    return this.#current;
  }

  hostConnected(): void {
    this.#current = resolveLocale(this.host);
    this.#stop = watchLanguage(() => {
      const next = resolveLocale(this.host);
      if (next !== this.#current) {
        this.#current = next;
        this.host.requestUpdate();
      }
    });
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
  }

  /** Resolves once the element's language can be rendered; undefined when it can be now. */
  ready(): Promise<void> | undefined {
    return localeReady(this.#current);
  }

  /** Runs `update` (an element's scheduled update) once the element's language can be rendered. */
  whenReady<T>(update: () => T): T | Promise<T> {
    const ready = this.ready();
    return ready ? ready.then(update) : update();
  }

  t(key: AnyMessageKey, params?: Record<string, unknown>): string {
    return translate(this.#current, key, params);
  }
}
