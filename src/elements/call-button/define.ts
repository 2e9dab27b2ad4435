import { defineElement } from '../../internal/define.js';
import { CallButton } from './call-button.js';

export { CallButton };

defineElement('call-button', CallButton);

declare global {
  interface HTMLElementTagNameMap {
    'call-button': CallButton;
  }
}
