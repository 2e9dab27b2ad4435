import { defineElement } from '../../internal/define.js';
import { CallHistory } from './call-history.js';

export { CallHistory };

defineElement('call-history', CallHistory);

declare global {
  interface HTMLElementTagNameMap {
    'call-history': CallHistory;
  }
}
