// The reactive base of the elements a page has before its first call: the part of Lit's ReactiveElement
// they use — `static properties` (attribute, Boolean/Number types, converter, reflect, state), batched
// asynchronous updates (willUpdate → controllers → update → updated, `updateComplete`), reactive
// controllers, and `static styles` adopted by an open shadow root — in a little more than half its bytes. The same
// declarations and lifecycle as Lit, so the elements read as Lit elements; styles are css.ts's (Lit's CSSResult shape).
// What it leaves out: decorators, custom `hasChanged`, `noAccessor`, `firstUpdated`, `shouldUpdate`,
// `createRenderRoot` and `shadowRootOptions` (none of these elements uses them: test/internal/reactive-base.test.ts).
import type { CSSResult } from '@lit/reactive-element/css-tag.js';
import { addStyles } from './css.js';
import type { PropertyDeclaration, PropertyDeclarations, PropertyValues, ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';

type Declaration = Pick<PropertyDeclaration, 'attribute' | 'type' | 'reflect' | 'state' | 'converter'>;

/** What a class declares, its superclasses' included: properties, attribute → property, styles. */
interface ClassInfo {
  properties: Map<string, Declaration>;
  attributes: Map<string, string>;
  styles: CSSResult[];
}

const fromAttribute = ({ converter, type }: Declaration, value: string | null): unknown => {
  if (typeof converter === 'function') return converter(value, type);
  if (converter?.fromAttribute) return converter.fromAttribute(value, type);
  if (type === Boolean) return value !== null;
  if (type === Number) return value === null ? null : Number(value);
  return value;
};

const toAttribute = ({ converter, type }: Declaration, value: unknown): unknown => {
  if (typeof converter === 'object' && converter.toAttribute) return converter.toAttribute(value, type);
  return type === Boolean ? (value ? '' : null) : value;
};

/** Where there is no DOM (Node, server rendering) the module still loads; no element is defined there. */
const ElementBase = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

export abstract class ReactiveBase extends ElementBase implements ReactiveControllerHost {
  static properties: PropertyDeclarations = {};
  /** css`...` results (css.ts), one or a list: adopted by every shadow root of the class. */
  static styles?: CSSResult | CSSResult[];
  /** @internal */
  static #classes = new WeakMap<object, ClassInfo>();

  /** Reads a class's declarations once (at `customElements.define`, which asks for `observedAttributes`) and defines its accessors. @internal */
  static #finalize(cls: typeof ReactiveBase): ClassInfo {
    let info = ReactiveBase.#classes.get(cls);
    if (info) return info;
    const parent = Object.getPrototypeOf(cls) as typeof ReactiveBase;
    const inherited = cls === ReactiveBase ? { properties: new Map(), attributes: new Map(), styles: [] } : ReactiveBase.#finalize(parent);
    info = { properties: new Map(inherited.properties), attributes: new Map(inherited.attributes), styles: inherited.styles };
    if (Object.hasOwn(cls, 'properties')) {
      for (const [name, declaration] of Object.entries(cls.properties) as Array<[string, Declaration]>) {
        info.properties.set(name, declaration);
        if (!declaration.state && declaration.attribute !== false) {
          info.attributes.set(typeof declaration.attribute === 'string' ? declaration.attribute : name.toLowerCase(), name);
        }
        const key = Symbol(name);
        Object.defineProperty(cls.prototype, name, {
          get(this: Record<symbol, unknown>) {
            return this[key];
          },
          set(this: ReactiveBase & Record<symbol, unknown>, value: unknown) {
            const old = this[key];
            this[key] = value;
            this.requestUpdate(name, old);
          },
          configurable: true,
          enumerable: true,
        });
      }
    }
    if (Object.hasOwn(cls, 'styles') && cls.styles) info.styles = [cls.styles].flat();
    ReactiveBase.#classes.set(cls, info);
    return info;
  }

  /** @internal */
  static get observedAttributes(): string[] {
    return [...ReactiveBase.#finalize(this).attributes.keys()];
  }

  /** The open shadow root, from the first connection on. @internal */
  renderRoot!: HTMLElement | DocumentFragment;
  /** @internal */
  hasUpdated = false;
  /** @internal */
  isUpdatePending = false;
  readonly #info: ClassInfo;
  #changed: PropertyValues = new Map();
  /** The reflected properties changed since the last update, to write to their attributes. */
  readonly #toReflect = new Set<string>();
  /** The property being set from its attribute (not written back), or written to its attribute (not read back). */
  #syncing?: string;
  readonly #controllers = new Set<ReactiveController>();
  /** Properties set on the element before its class was defined: they win over the defaults at the first update. */
  #early?: Map<string, unknown>;
  #updated: Promise<boolean>;
  #enableUpdating!: (enabled: boolean) => void;

  constructor() {
    super();
    this.#info = ReactiveBase.#finalize(this.constructor as typeof ReactiveBase);
    const self = this as unknown as Record<string, unknown>;
    for (const name of this.#info.properties.keys()) {
      if (!Object.hasOwn(this, name)) continue;
      (this.#early ??= new Map()).set(name, self[name]);
      delete self[name];
    }
    // No update before the element is first connected.
    this.#updated = new Promise((resolve) => (this.#enableUpdating = resolve));
    this.requestUpdate();
  }

  /** @internal */
  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
    if (this.renderRoot && this.isConnected) controller.hostConnected?.();
  }

  /** @internal */
  removeController(controller: ReactiveController): void {
    this.#controllers.delete(controller);
  }

  /** @internal */
  connectedCallback(): void {
    if (!this.renderRoot) {
      const root = this.attachShadow({ mode: 'open' });
      addStyles(root, this.#info.styles);
      this.renderRoot = root;
    }
    this.#enableUpdating(true);
    this.#controllers.forEach((controller) => controller.hostConnected?.());
  }

  /** @internal */
  disconnectedCallback(): void {
    this.#controllers.forEach((controller) => controller.hostDisconnected?.());
  }

  /** @internal */
  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const name = this.#info.attributes.get(attribute);
    if (name === undefined || this.#syncing === name) return;
    this.#syncing = name;
    (this as unknown as Record<string, unknown>)[name] = fromAttribute(this.#info.properties.get(name)!, value);
    this.#syncing = undefined;
  }

  /** Schedules an update; with a property's name and old value, records the change (when the value did change). @internal */
  requestUpdate(name?: PropertyKey, old?: unknown): void {
    if (name !== undefined) {
      if (Object.is((this as unknown as Record<PropertyKey, unknown>)[name], old)) return;
      if (!this.#changed.has(name)) this.#changed.set(name, old);
      if (this.#info.properties.get(name as string)?.reflect && this.#syncing !== name) this.#toReflect.add(name as string);
    }
    if (!this.isUpdatePending) this.#updated = this.#enqueueUpdate();
  }

  async #enqueueUpdate(): Promise<boolean> {
    this.isUpdatePending = true;
    try {
      await this.#updated;
    } catch (error) {
      // The previous update threw: reported, and this one still runs.
      void Promise.reject(error);
    }
    const scheduled = this.scheduleUpdate();
    if (scheduled != null) await scheduled;
    return !this.isUpdatePending;
  }

  /** Runs the update; an override may delay it (and returns a promise that `updateComplete` waits for). @internal */
  protected scheduleUpdate(): void | Promise<unknown> {
    this.performUpdate();
  }

  /** @internal */
  protected performUpdate(): void {
    if (!this.isUpdatePending) return;
    if (this.#early) {
      for (const [name, value] of this.#early) (this as unknown as Record<string, unknown>)[name] = value;
      this.#early = undefined;
    }
    const changed = this.#changed;
    try {
      this.willUpdate(changed);
      this.#controllers.forEach((controller) => controller.hostUpdate?.());
      this.update(changed);
    } catch (error) {
      this.#markUpdated();
      throw error;
    }
    this.#controllers.forEach((controller) => controller.hostUpdated?.());
    this.hasUpdated = true;
    this.updated(changed);
  }

  /** Before the update: changes made here are part of it. @internal */
  protected willUpdate(_changed: PropertyValues): void {}

  /** Writes the reflected properties to their attributes; subclasses render after calling it. @internal */
  protected update(_changed: PropertyValues): void {
    for (const [attribute, name] of this.#info.attributes) {
      if (!this.#toReflect.has(name)) continue;
      const value = toAttribute(this.#info.properties.get(name)!, (this as unknown as Record<string, unknown>)[name]);
      this.#syncing = name;
      if (value == null) this.removeAttribute(attribute);
      else this.setAttribute(attribute, String(value));
      this.#syncing = undefined;
    }
    this.#markUpdated();
  }

  #markUpdated(): void {
    this.#toReflect.clear();
    this.#changed = new Map();
    this.isUpdatePending = false;
  }

  /** After the update: changes made here schedule another one. @internal */
  protected updated(_changed: PropertyValues): void {}

  /** Resolves once no update is pending (true), or when an update scheduled another one (false). */
  get updateComplete(): Promise<boolean> {
    return this.getUpdateComplete();
  }

  /** @internal */
  protected getUpdateComplete(): Promise<boolean> {
    return this.#updated;
  }
}
