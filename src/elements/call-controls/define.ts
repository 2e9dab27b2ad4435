import { defineElement } from '../../internal/define.js';
import { CallControls } from './call-controls.js';

export { CallControls };

defineElement('call-controls', CallControls);

declare global {
  interface HTMLElementTagNameMap {
    'call-controls': CallControls;
  }
}
