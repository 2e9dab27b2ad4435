import { defineElement } from '../../internal/define.js';
import { CallAudioSettings } from './call-audio-settings.js';

export { CallAudioSettings };

defineElement('call-audio-settings', CallAudioSettings);

declare global {
  interface HTMLElementTagNameMap {
    'call-audio-settings': CallAudioSettings;
  }
}
