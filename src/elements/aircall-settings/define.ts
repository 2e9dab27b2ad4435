import { defineElement } from '../../internal/define.js';
import { AircallSettings } from './aircall-settings.js';

export { AircallSettings };

defineElement('aircall-settings', AircallSettings);

declare global {
  interface HTMLElementTagNameMap {
    'aircall-settings': AircallSettings;
  }
}
