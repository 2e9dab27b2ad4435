// What the React components share: their prop types and the one component that renders an element.
import * as React from 'react';

/** An event's name, typed with its class: `'call-end' as EventName<CallEndEvent>`. */
export type EventName<T extends Event = Event> = string & { __eventType: T };

export type EventProps = Record<string, EventName>;

/** Callback props, each typed with its event class: `onCallEnd: (event: CallEndEvent) => void`. */
export type EventCallbacks<E extends EventProps> = { [P in keyof E]?: (event: E[P]['__eventType']) => void };

/**
 * Props of a wrapper: the element's settable properties (`K`), its event callbacks, and the usual
 * HTML attributes (`id`, `className`, `style`, `lang`, `aria-*`...). Read-only state such as
 * `<call-button>`'s `state` is left out: read it from the element through `ref`.
 */
export type CallElementProps<I extends HTMLElement, K extends keyof I, E extends EventProps> = Omit<
  React.HTMLAttributes<I>,
  K | keyof E
> &
  Partial<Pick<I, K>> &
  EventCallbacks<E>;

/** A wrapper component: its props, and a `ref` to the element itself (for methods such as `hangup()`). */
export type CallElementComponent<I extends HTMLElement, P> = React.ForwardRefExoticComponent<P & React.RefAttributes<I>>;

/**
 * HTMLElement's properties that are booleans while their attributes are words: `translate="no"` and
 * `draggable="false"` set as properties would both be `true` (a non-empty string), so these strings are set as
 * the attributes, as React does on its own tags.
 */
const ENUMERATED_ATTRIBUTES = new Set(['translate', 'draggable']);

/**
 * A React component that renders `tagName` and hands each prop to the element, in every React from 17:
 * - the element's properties (`number`, `dispositions`..., and HTMLElement's: `id`, `title`, `hidden`...) are
 *   set as properties, objects and arrays included, after each render and before the browser paints (but the
 *   words of `translate` and `draggable`, which are attributes); a prop no longer passed is set to `undefined`
 *   (an HTMLElement property's attribute is removed). On the server they are rendered as attributes where they
 *   are HTML attributes (`id`, `title`), and left to hydration otherwise.
 * - event callbacks (`events`: prop → event name) are listened to on the element for exactly as long as
 *   the component is mounted with them: a `<call-button>` removed during a call still sends `call-end`
 *   when the call ends, and that must not reach a callback of an unmounted component.
 * - everything else (`className` as `class`, `style`, `children`, `aria-*`, `data-*`, `onClick`...) is React's,
 *   as for any tag.
 */
export function wrap<I extends HTMLElement, P extends object>(
  tagName: string,
  elementClass: new () => I,
  events: EventProps,
  displayName: string,
) {
  // Reading observedAttributes makes the class declare its properties on its prototype, as defining it does:
  // where no element is defined (server rendering) they are known too. There, the class stands on no
  // HTMLElement, so `id` and `title` are attributes.
  void (elementClass as unknown as typeof HTMLElement & { observedAttributes: string[] }).observedAttributes;
  const isElementProperty = (key: string) => key in elementClass.prototype && key !== 'className' && key !== 'style' && key !== 'children';
  const Wrapper = React.forwardRef<I, P>((props, forwardedRef) => {
    const element = React.useRef<I>(null);
    const assigned = React.useRef<Record<string, unknown>>({});
    const attributes: Record<string, unknown> = { ref: element, suppressHydrationWarning: true };
    const properties: Record<string, unknown> = {};
    const listeners: [string, EventListener][] = [];
    for (const [key, value] of Object.entries(props)) {
      if (Object.hasOwn(events, key)) listeners.push([events[key]!, value]);
      else if (isElementProperty(key)) properties[key] = value;
      else attributes[key === 'className' ? 'class' : key] = value;
    }
    React.useImperativeHandle(forwardedRef, () => element.current!, []);
    // After every render: this render's callbacks replace the last one's (removed with its cleanup, and
    // on unmount), then the properties are set, those no longer passed to undefined.
    React.useLayoutEffect(() => {
      const node = element.current as unknown as Record<string, unknown> & HTMLElement;
      const controller = new AbortController();
      for (const [type, listener] of listeners) node.addEventListener(type, listener, { signal: controller.signal });
      for (const key in assigned.current) {
        if (Object.hasOwn(properties, key)) continue;
        node[key] = undefined;
        if (key in HTMLElement.prototype) node.removeAttribute(key); // `title = undefined` would leave title="undefined"
      }
      for (const [key, value] of Object.entries((assigned.current = properties))) {
        if (typeof value === 'string' && ENUMERATED_ATTRIBUTES.has(key)) node.setAttribute(key, value);
        else node[key] = value;
      }
      return () => controller.abort();
    });
    return React.createElement(tagName, attributes);
  });
  Wrapper.displayName = displayName;
  return Wrapper;
}
