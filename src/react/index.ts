'use client';
// React components for the library's elements. Importing this module registers the elements.
// 'use client': they are Client Components (React Server Components render them as such, e.g. in Next.js).
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { AircallSettings as AircallSettingsElement } from '../elements/aircall-settings/define.js';
import { CallButton as CallButtonElement } from '../elements/call-button/define.js';
import { CallControls as CallControlsElement } from '../elements/call-controls/define.js';
import { CallNotificationElement } from '../elements/call-notification/define.js';
import type {
  CallConnectEvent,
  CallEndEvent,
  CallErrorEvent,
  CallStartEvent,
  CallStoredEvent,
  SettingsErrorEvent,
  SettingsSavedEvent,
} from '../events/events.js';

type EventProps = Record<string, EventName>;

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

const callButtonEvents = {
  onCallStart: 'call-start' as EventName<CallStartEvent>,
  onCallConnect: 'call-connect' as EventName<CallConnectEvent>,
  onCallEnd: 'call-end' as EventName<CallEndEvent>,
  onCallError: 'call-error' as EventName<CallErrorEvent>,
  onCallStored: 'call-stored' as EventName<CallStoredEvent>,
};

const settingsEvents = {
  onSettingsSaved: 'settings-saved' as EventName<SettingsSavedEvent>,
  onSettingsError: 'settings-error' as EventName<SettingsErrorEvent>,
};

export type CallButtonProps = CallElementProps<
  CallButtonElement,
  | 'provider'
  | 'number'
  | 'displayName'
  | 'agentId'
  | 'leadId'
  | 'requestId'
  | 'organizationId'
  | 'countryCode'
  | 'storageUrl'
  | 'tokenUrl'
  | 'userId'
  | 'acceptIncoming'
  | 'disabled',
  typeof callButtonEvents
>;

export type CallNotificationProps = CallElementProps<CallNotificationElement, 'notify' | 'duration', {}>;

const callControlsEvents = {
  onCallError: 'call-error' as EventName<CallErrorEvent>,
};

export type CallControlsProps = CallElementProps<CallControlsElement, never, typeof callControlsEvents>;

export type AircallSettingsProps = CallElementProps<
  AircallSettingsElement,
  'organizationId' | 'countryCode' | 'roles' | 'userId' | 'readOnly' | 'storageUrl',
  typeof settingsEvents
>;

/**
 * Wraps an element with @lit/react, which turns props into element properties. Event callbacks are
 * not left to @lit/react: it keeps its listeners on the element after unmount, and a `<call-button>`
 * removed during a call still sends `call-end` when the call ends, which would reach a callback of
 * an unmounted component. Here the listeners live exactly as long as the mounted component.
 */
function wrap<I extends HTMLElement, P extends object>(
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

/** `<call-button>` as a React component: `<CallButton number="+33123456789" onCallEnd={(e) => save(e.detail)} />`. */
export const CallButton: CallElementComponent<CallButtonElement, CallButtonProps> = wrap<CallButtonElement, CallButtonProps>(
  'call-button',
  CallButtonElement,
  callButtonEvents,
  'CallButton',
);

/**
 * `<call-controls>` as a React component: the live call's controls, for a layout that outlives the
 * routes (a toolbar), so that a route change mid-call never leaves the call without a Hang up.
 */
export const CallControls: CallElementComponent<CallControlsElement, CallControlsProps> = wrap<CallControlsElement, CallControlsProps>(
  'call-controls',
  CallControlsElement,
  callControlsEvents,
  'CallControls',
);

/** `<call-notification>` as a React component. */
export const CallNotification: CallElementComponent<CallNotificationElement, CallNotificationProps> = wrap<
  CallNotificationElement,
  CallNotificationProps
>('call-notification', CallNotificationElement, {}, 'CallNotification');

/** `<aircall-settings>` as a React component. */
export const AircallSettings: CallElementComponent<AircallSettingsElement, AircallSettingsProps> = wrap<
  AircallSettingsElement,
  AircallSettingsProps
>('aircall-settings', AircallSettingsElement, settingsEvents, 'AircallSettings');
