'use client';
// <aircall-settings> as a React component (a Client Component). Importing this module registers the element.
import { AircallSettings as AircallSettingsElement } from '../elements/aircall-settings/define.js';
import type { SettingsErrorEvent, SettingsSavedEvent } from '../events/events.js';
import { wrap, type CallElementComponent, type CallElementProps, type EventName } from './wrap.js';

const settingsEvents = {
  onSettingsSaved: 'settings-saved' as EventName<SettingsSavedEvent>,
  onSettingsError: 'settings-error' as EventName<SettingsErrorEvent>,
};

export type AircallSettingsProps = CallElementProps<
  AircallSettingsElement,
  'organizationId' | 'countryCode' | 'roles' | 'userId' | 'readOnly' | 'storageUrl',
  typeof settingsEvents
>;

/** `<aircall-settings>` as a React component. */
export const AircallSettings: CallElementComponent<AircallSettingsElement, AircallSettingsProps> = wrap<
  AircallSettingsElement,
  AircallSettingsProps
>('aircall-settings', AircallSettingsElement, settingsEvents, 'AircallSettings');
