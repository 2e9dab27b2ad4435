'use client';
// <call-audio-settings> as a React component (a Client Component). Importing this module registers the element.
import { CallAudioSettings as CallAudioSettingsElement } from '../elements/call-audio-settings/define.js';
import type { CallErrorEvent } from '../events/events.js';
import { wrap, type CallElementComponent, type CallElementProps, type EventName } from './wrap.js';

const audioSettingsEvents = {
  onCallError: 'call-error' as EventName<CallErrorEvent>,
};

export type CallAudioSettingsProps = CallElementProps<CallAudioSettingsElement, 'provider' | 'tokenUrl' | 'headingLevel', typeof audioSettingsEvents>;

/** `<call-audio-settings>` as a React component: `<CallAudioSettings headingLevel={3} />`. */
export const CallAudioSettings: CallElementComponent<CallAudioSettingsElement, CallAudioSettingsProps> = wrap<
  CallAudioSettingsElement,
  CallAudioSettingsProps
>('call-audio-settings', CallAudioSettingsElement, audioSettingsEvents, 'CallAudioSettings');
