'use client';
// React components for the agent page's elements. Each registers its element when the app imports it:
// the components an app does not use (and their elements) are left out by its bundler.
// 'use client': they are Client Components (React Server Components render them as such, e.g. in Next.js).
// <aircall-settings> has its own entry, call-elements/react/aircall-settings, so that agent pages do not carry it.
export type { CallElementComponent, CallElementProps, EventCallbacks, EventName } from './wrap.js';
export { CallButton, type CallButtonProps } from './call-button.js';
export { CallControls, type CallControlsProps } from './call-controls.js';
export { CallNotification, type CallNotificationProps } from './call-notification.js';
