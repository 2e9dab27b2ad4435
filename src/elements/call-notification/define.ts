import { defineElement } from '../../internal/define.js';
import { CallNotificationElement } from './call-notification.js';

export { CallNotificationElement };

defineElement('call-notification', CallNotificationElement);

declare global {
  interface HTMLElementTagNameMap {
    'call-notification': CallNotificationElement;
  }
}
