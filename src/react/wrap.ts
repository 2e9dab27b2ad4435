// What the React components share: their prop types and the wrapper around @lit/react.
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';

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
 * Wraps an element with @lit/react, which turns props into element properties. Event callbacks are
 * not left to @lit/react: it keeps its listeners on the element after unmount, and a `<call-button>`
 * removed during a call still sends `call-end` when the call ends, which would reach a callback of
 * an unmounted component. Here the listeners live exactly as long as the mounted component.
 */
export function wrap<I extends HTMLElement, P extends object>(
  tagName: string,
  elementClass: new () => I,
  events: EventProps,
  displayName: string,
) {
  // Only element properties and HTML attributes reach it (the callbacks are taken out below).
  const Inner: React.ElementType = createComponent({ react: React, tagName, elementClass, displayName: `${displayName}Element` });
  const Wrapper = React.forwardRef<I, P>((props, forwardedRef) => {
    const element = React.useRef<I | null>(null);
    const latest = React.useRef(props);
    React.useLayoutEffect(() => {
      latest.current = props;
    });
    React.useLayoutEffect(() => {
      const node = element.current;
      if (!node) return undefined;
      const controller = new AbortController();
      for (const [prop, type] of Object.entries(events)) {
        node.addEventListener(
          type,
          (event) => {
            const callback = (latest.current as Record<string, unknown>)[prop];
            if (typeof callback === 'function') callback(event);
          },
          { signal: controller.signal },
        );
      }
      return () => controller.abort();
    }, []);
    const ref = React.useCallback(
      (node: I | null) => {
        element.current = node;
        if (typeof forwardedRef === 'function') forwardedRef(node);
        else if (forwardedRef) forwardedRef.current = node;
      },
      [forwardedRef],
    );
    const elementProps: Record<string, unknown> = { ref };
    for (const [key, value] of Object.entries(props)) if (!Object.hasOwn(events, key)) elementProps[key] = value;
    return React.createElement(Inner, elementProps);
  });
  Wrapper.displayName = displayName;
  return Wrapper;
}
